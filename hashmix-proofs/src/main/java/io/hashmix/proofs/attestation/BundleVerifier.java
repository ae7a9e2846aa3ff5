package io.hashmix.proofs.attestation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationVerificationException.Reason;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * Verifies the signatures of committee bundles ({@link SignedBundle}: product attestations, fulfillment
 * reports) offline, with the contract's signature rules: the domain must be the expected one (chain,
 * contract, name, version), the message must be for the committee's epoch and not past its deadline, and
 * there must be at least {@code threshold} signatures, sorted strictly ascending by signer, each from a
 * committee member and each a canonical 65-byte ECDSA signature that recovers to its signer. The committee
 * and threshold are the caller's: pass the chain's active members and the asset class's threshold (the SDK's
 * {@code CommitteeClient.verifier} does). The message rules the contracts also enforce (for products: term,
 * capacity, unused nonce, active asset class, collateral token) are not checked here.
 *
 * <p>Every signature in the bundle must be valid, not just {@code threshold} of them: a bundle that passes
 * here passes a contract that ignores surplus bad signatures and one that rejects them. EIP-1271
 * (contract) signers cannot be checked offline; a bundle relying on them fails here with
 * {@link Reason#NON_CANONICAL_SIGNATURE} or {@link Reason#INVALID_SIGNATURE} and must be checked on chain.
 *
 * <p>Results: {@link #verify} returns a {@link Verified} on success and throws
 * {@link AttestationVerificationException} with one {@link Reason} otherwise; it never returns a silent
 * false. Instances are immutable and thread-safe.
 *
 * <p>Signatures are recovered with a {@link CryptoBackend}: {@link CryptoBackends#best()} unless one is given
 * to the constructor. Both backends accept and reject exactly the same signatures.
 */
public final class BundleVerifier {

    /** Length of a canonical ECDSA signature {@code r ‖ s ‖ v}. */
    public static final int SIGNATURE_LENGTH = 65;

    private final Eip712Domain expectedDomain;
    private final Committee committee;
    private final int threshold;
    private final Clock clock;
    private final CryptoBackend backend;
    /** {@code expectedDomain.separator()}, computed once: a bundle only gets past the domain checks with it. */
    private final Bytes32 expectedSeparator;

    /**
     * The outcome of a successful verification.
     *
     * @param digest the EIP-712 digest that was signed
     * @param signers the verified signers, ascending
     */
    public record Verified(Bytes32 digest, List<EvmAddress> signers) {
        /** Copies the signer list. */
        public Verified {
            signers = List.copyOf(signers);
        }
    }

    /**
     * Creates a verifier.
     *
     * @param expectedDomain the domain the bundle must be signed for (chain id + HashPowerToken address)
     * @param committee the committee whose members may sign, and its epoch
     * @param threshold the minimum number of signatures, 1 .. committee size
     * @param clock the clock the deadline is checked against
     * @throws IllegalArgumentException if an argument is null or the threshold is out of range
     */
    public BundleVerifier(Eip712Domain expectedDomain, Committee committee, int threshold, Clock clock) {
        this(expectedDomain, committee, threshold, clock, CryptoBackends.best());
    }

    /**
     * Creates a verifier that recovers signers with a given backend.
     *
     * @param expectedDomain the domain the bundle must be signed for (chain id + HashPowerToken address)
     * @param committee the committee whose members may sign, and its epoch
     * @param threshold the minimum number of signatures, 1 .. committee size
     * @param clock the clock the deadline is checked against
     * @param backend the crypto backend
     * @throws IllegalArgumentException if an argument is null or the threshold is out of range
     */
    public BundleVerifier(Eip712Domain expectedDomain, Committee committee, int threshold, Clock clock,
            CryptoBackend backend) {
        if (expectedDomain == null || committee == null || clock == null) {
            throw new IllegalArgumentException("a bundle verifier needs an expected domain, a committee and a clock");
        }
        if (threshold < 1 || threshold > committee.size()) {
            throw new IllegalArgumentException("threshold must be within 1 .. " + committee.size()
                    + " (the committee size), got " + threshold);
        }
        this.expectedDomain = expectedDomain;
        this.committee = committee;
        this.threshold = threshold;
        this.clock = clock;
        if (backend == null) {
            throw new IllegalArgumentException("a bundle verifier needs a crypto backend");
        }
        this.backend = backend;
        this.expectedSeparator = expectedDomain.separator();
    }

    /** The domain bundles must be signed for. */
    public Eip712Domain expectedDomain() {
        return expectedDomain;
    }

    /** The committee. */
    public Committee committee() {
        return committee;
    }

    /** The signature threshold M. */
    public int threshold() {
        return threshold;
    }

    /** The clock deadlines are checked against. */
    public Clock clock() {
        return clock;
    }

    /** The crypto backend that recovers signers. */
    public CryptoBackend backend() {
        return backend;
    }

    /**
     * Parses and verifies a bundle from JSON.
     *
     * @param json the bundle as produced by {@link AttestationJson#toJson}
     * @return the verified digest and signers
     * @throws AttestationVerificationException with {@link Reason#MALFORMED} if the JSON is malformed, or the
     *         reason the bundle is rejected
     */
    public Verified verifyJson(String json) {
        AttestationBundle bundle;
        try {
            bundle = AttestationJson.fromJson(json);
        } catch (ProofJsonException | IllegalArgumentException e) {
            throw new AttestationVerificationException(Reason.MALFORMED, null, e.getMessage(), e);
        }
        return verify(bundle);
    }

    /**
     * Verifies a bundle.
     *
     * @param bundle the bundle (an {@link AttestationBundle}, a fulfillment {@code ReportBundle}...)
     * @return the verified digest and signers
     * @throws AttestationVerificationException naming the first failure found, checked in this order:
     *         domain, committee epoch, deadline, signature count, then each signature (order, membership,
     *         canonical form, recovery)
     */
    public Verified verify(SignedBundle<?> bundle) {
        return verify(bundle, true);
    }

    /**
     * Verifies a bundle's domain, committee epoch and signatures but not its deadline. The deadline only
     * bounds when the attestation may be consumed (minted); use this for attestations already on chain,
     * e.g. the one inside an ownership certificate, and {@link #verify} for one about to be submitted.
     *
     * @param bundle the bundle
     * @return the verified digest and signers
     * @throws AttestationVerificationException naming the first failure found (never {@link Reason#EXPIRED})
     */
    public Verified verifyIgnoringDeadline(SignedBundle<?> bundle) {
        return verify(bundle, false);
    }

    private Verified verify(SignedBundle<?> bundle, boolean checkDeadline) {
        if (bundle == null) {
            throw new AttestationVerificationException(Reason.MALFORMED, null, "no bundle given");
        }
        bundle.domain().mismatch(expectedDomain).ifPresent(m -> {
            throw new AttestationVerificationException(switch (m.field()) {
                case CHAIN_ID -> Reason.WRONG_CHAIN;
                case VERIFYING_CONTRACT -> Reason.WRONG_CONTRACT;
                case NAME_OR_VERSION -> Reason.WRONG_DOMAIN;
            }, null, m.message());
        });
        CommitteeMessage a = bundle.message();
        if (a.committeeEpoch() != committee.epoch()) {
            throw new AttestationVerificationException(Reason.WRONG_COMMITTEE_EPOCH, null, "field committeeEpoch is "
                    + Long.toUnsignedString(a.committeeEpoch()) + ", the committee's epoch is "
                    + Long.toUnsignedString(committee.epoch()));
        }
        long now = checkDeadline ? clock.instant().getEpochSecond() : 0L;
        if (checkDeadline && a.isExpiredAt(now)) {
            throw new AttestationVerificationException(Reason.EXPIRED, null, "field deadline "
                    + Long.toUnsignedString(a.deadline()) + " is before now (" + now + ")");
        }
        List<AttestorSignature> sigs = bundle.signatures();
        if (sigs.size() < threshold) {
            throw new AttestationVerificationException(Reason.BELOW_THRESHOLD, null, sigs.size()
                    + " signature(s), threshold is " + threshold);
        }
        // the domain equals the expected one here, so its separator is the precomputed one
        Bytes32 digest = Eip712.digest(expectedSeparator, a.structHash());
        List<EvmAddress> signers = new ArrayList<>(sigs.size());
        EvmAddress previous = null;
        for (int i = 0; i < sigs.size(); i++) {
            AttestorSignature s = sigs.get(i);
            EvmAddress signer = s.signer();
            if (previous != null) {
                int cmp = AttestorSignature.compareAddresses(previous, signer);
                if (cmp == 0) {
                    throw new AttestationVerificationException(Reason.DUPLICATE_SIGNER, signer,
                            "signer " + signer + " appears twice (signatures[" + (i - 1) + "] and [" + i + "])");
                }
                if (cmp > 0) {
                    throw new AttestationVerificationException(Reason.UNSORTED_SIGNERS, signer, "signatures[" + i
                            + "] signer " + signer + " sorts before the previous signer " + previous);
                }
            }
            previous = signer;
            if (!committee.contains(signer)) {
                throw new AttestationVerificationException(Reason.NOT_A_COMMITTEE_MEMBER, signer, "signatures[" + i
                        + "] signer " + signer + " is not a member of committee epoch "
                        + Long.toUnsignedString(committee.epoch()));
            }
            EvmAddress recovered = recoverSigner(digest, s.signature(), signer, backend);
            if (!recovered.equals(signer)) {
                throw new AttestationVerificationException(Reason.INVALID_SIGNATURE, signer, "signatures[" + i
                        + "] recovers to " + recovered + ", not to its declared signer " + signer);
            }
            signers.add(signer);
        }
        return new Verified(digest, signers);
    }

    /**
     * Recovers the signer of a digest from a canonical 65-byte signature, applying the contract's rules:
     * exactly 65 bytes (64-byte EIP-2098 signatures are rejected on purpose), {@code v} in {27, 28},
     * {@code 0 < r < n}, {@code 0 < s <= n/2}.
     *
     * @param digest the signed digest
     * @param signature {@code r ‖ s ‖ v}
     * @return the recovered address
     * @throws AttestationVerificationException with {@link Reason#NON_CANONICAL_SIGNATURE} or
     *         {@link Reason#INVALID_SIGNATURE}
     */
    public static EvmAddress recoverSigner(Bytes32 digest, byte[] signature) {
        return recoverSigner(digest, signature, null, CryptoBackends.best());
    }

    /**
     * Like {@link #recoverSigner(Bytes32, byte[])}, with a given backend.
     *
     * @param digest the signed digest
     * @param signature {@code r ‖ s ‖ v}
     * @param backend the crypto backend
     * @return the recovered address
     * @throws AttestationVerificationException with {@link Reason#NON_CANONICAL_SIGNATURE} or
     *         {@link Reason#INVALID_SIGNATURE}
     */
    public static EvmAddress recoverSigner(Bytes32 digest, byte[] signature, CryptoBackend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("recovery needs a crypto backend");
        }
        return recoverSigner(digest, signature, null, backend);
    }

    private static EvmAddress recoverSigner(Bytes32 digest, byte[] signature, EvmAddress declared, CryptoBackend backend) {
        if (digest == null || signature == null) {
            throw new AttestationVerificationException(Reason.MALFORMED, declared, "recovery needs a digest and a signature");
        }
        try {
            return backend.recoverSigner(digest, signature);
        } catch (InvalidSignatureException e) {
            String who = declared == null ? "signature" : "signature of " + declared;
            Reason reason = e.kind() == InvalidSignatureException.Kind.NON_CANONICAL
                    ? Reason.NON_CANONICAL_SIGNATURE : Reason.INVALID_SIGNATURE;
            throw new AttestationVerificationException(reason, declared, who + " " + e.detail(), e);
        }
    }
}
