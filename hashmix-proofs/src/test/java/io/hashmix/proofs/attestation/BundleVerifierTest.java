package io.hashmix.proofs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationVerificationException.Reason;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.TestKeys;

/** Checklist A.1-A.4, offline side (the contract tests cover the on-chain side and EIP-1271 signers). */
class BundleVerifierTest {

    private static final ProductAttestation PRODUCT = Fixtures.btcProduct();
    private static final Clock BEFORE_DEADLINE = clockAt(PRODUCT.deadline() - 60);
    private static final BundleVerifier VERIFIER = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, BEFORE_DEADLINE);
    private static final ECKeyPair OUTSIDER = ECKeyPair.create(new BigInteger(1, Hash.sha3("hashmix-test-outsider".getBytes())));

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static AttestationBundle signedBy(int... keys) {
        AttestationBundle.Builder b = AttestationBundle.builder(Fixtures.DOMAIN, PRODUCT);
        for (int k : keys) {
            b.signWith(TestKeys.key(k));
        }
        return b.build();
    }

    private static AttestationBundle withSignatures(AttestationBundle base, List<AttestorSignature> sigs) {
        return new AttestationBundle(base.domain(), base.attestation(), sigs);
    }

    private static AttestationVerificationException rejects(Reason reason, Executable call) {
        AttestationVerificationException e = assertThrows(AttestationVerificationException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason.name()), e.getMessage());
        return e;
    }

    @Test
    void a1_thresholdOfSignaturesPasses() {
        BundleVerifier.Verified v = VERIFIER.verify(signedBy(1, 2, 3));
        assertEquals(3, v.signers().size());
        assertEquals(signedBy(1, 2, 3).digest(), v.digest());
        for (int i = 1; i < v.signers().size(); i++) {
            assertTrue(v.signers().get(i - 1).hex().compareTo(v.signers().get(i).hex()) < 0, "ascending");
        }
        assertEquals(5, VERIFIER.verify(signedBy(5, 4, 3, 2, 1)).signers().size());
    }

    @Test
    void a1_oneBelowThresholdFails() {
        rejects(Reason.BELOW_THRESHOLD, () -> VERIFIER.verify(signedBy(1, 2)));
    }

    @Test
    void a1_emptySignatureListFails() {
        rejects(Reason.BELOW_THRESHOLD, () -> VERIFIER.verify(withSignatures(signedBy(1), List.of())));
    }

    @Test
    void a1_sameSignerTwiceFails() {
        AttestationBundle good = signedBy(1, 2, 3);
        List<AttestorSignature> sigs = new ArrayList<>(good.signatures());
        sigs.add(2, sigs.get(1));
        AttestationVerificationException e = rejects(Reason.DUPLICATE_SIGNER, () -> VERIFIER.verify(withSignatures(good, sigs)));
        assertEquals(sigs.get(1).signer(), e.signer().orElseThrow());
        assertTrue(e.getMessage().contains(sigs.get(1).signer().toChecksumHex()), e.getMessage());
    }

    @Test
    void a1_builderRefusesTheSameSignerTwice() {
        assertThrows(IllegalArgumentException.class,
                () -> AttestationBundle.builder(Fixtures.DOMAIN, PRODUCT).signWith(TestKeys.key(1), TestKeys.key(1)).build());
    }

    @Test
    void a1_unsortedSignersFail() {
        AttestationBundle good = signedBy(1, 2, 3);
        List<AttestorSignature> sigs = new ArrayList<>(good.signatures());
        java.util.Collections.reverse(sigs);
        AttestationVerificationException e = rejects(Reason.UNSORTED_SIGNERS, () -> VERIFIER.verify(withSignatures(good, sigs)));
        assertEquals(sigs.get(1).signer(), e.signer().orElseThrow());
    }

    @Test
    void a1_nonMemberFails() {
        AttestationBundle b = AttestationBundle.builder(Fixtures.DOMAIN, PRODUCT)
                .signWith(TestKeys.key(1), TestKeys.key(2), OUTSIDER).build();
        AttestationVerificationException e = rejects(Reason.NOT_A_COMMITTEE_MEMBER, () -> VERIFIER.verify(b));
        assertEquals(AttestationSigner.addressOf(OUTSIDER), e.signer().orElseThrow());
    }

    @Test
    void a1_signatureByAnotherKeyClaimedForAMemberFails() {
        AttestationBundle good = signedBy(1, 2, 3);
        List<AttestorSignature> sigs = new ArrayList<>(good.signatures());
        AttestorSignature forged = new AttestorSignature(sigs.get(0).signer(),
                AttestationSigner.signDigest(good.digest(), OUTSIDER));
        sigs.set(0, forged);
        AttestationVerificationException e = rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(withSignatures(good, sigs)));
        assertEquals(forged.signer(), e.signer().orElseThrow());
    }

    @Test
    void a1_signatureOverAnotherMessageFails() {
        AttestationBundle good = signedBy(1, 2, 3);
        ProductAttestation other = PRODUCT.toBuilder().capacity(BigInteger.valueOf(1_000_000)).build();
        rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(new AttestationBundle(good.domain(), other, good.signatures())));
    }

    private static AttestationBundle withFirstSignature(byte[] sig) {
        AttestationBundle good = signedBy(1, 2, 3);
        List<AttestorSignature> sigs = new ArrayList<>(good.signatures());
        sigs.set(0, new AttestorSignature(sigs.get(0).signer(), sig));
        return withSignatures(good, sigs);
    }

    private static byte[] firstSignature() {
        return signedBy(1, 2, 3).signatures().get(0).signature();
    }

    @Test
    void a2_highSCopyOfAValidSignatureIsRejected() {
        byte[] sig = firstSignature();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] highS = AttestationSigner.CURVE_N.subtract(s).toByteArray();
        byte[] malleable = sig.clone();
        Arrays.fill(malleable, 32, 64, (byte) 0);
        int len = Math.min(32, highS.length);
        System.arraycopy(highS, highS.length - len, malleable, 64 - len, len);
        malleable[64] = (byte) (sig[64] == 27 ? 28 : 27);
        AttestationVerificationException e = rejects(Reason.NON_CANONICAL_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(malleable)));
        assertTrue(e.getMessage().contains("high s"), e.getMessage());
    }

    @Test
    void a2_vOutside27And28IsRejected() {
        for (int v : new int[] {0, 1, 26, 29, 35, 255}) {
            byte[] sig = firstSignature();
            sig[64] = (byte) v;
            AttestationVerificationException e = rejects(Reason.NON_CANONICAL_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(sig)));
            assertTrue(e.getMessage().contains("v = " + v), e.getMessage());
        }
    }

    /** Checklist A.2: 64-byte EIP-2098 compact signatures are rejected on purpose, like the contract does. */
    @Test
    void a2_eip2098CompactSignatureIsRejectedOnPurpose() {
        byte[] sig = firstSignature();
        byte[] compact = Arrays.copyOf(sig, 64);
        if (sig[64] == 28) {
            compact[32] |= (byte) 0x80; // yParity in the top bit of s
        }
        AttestationVerificationException e = rejects(Reason.NON_CANONICAL_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(compact)));
        assertTrue(e.getMessage().contains("EIP-2098"), e.getMessage());
        rejects(Reason.NON_CANONICAL_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(new byte[0])));
        rejects(Reason.NON_CANONICAL_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(Arrays.copyOf(sig, 66))));
    }

    @Test
    void a2_outOfRangeROrSIsInvalid() {
        byte[] zeroR = firstSignature();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(zeroR)));
        byte[] zeroS = firstSignature();
        Arrays.fill(zeroS, 32, 64, (byte) 0);
        rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(zeroS)));
        byte[] bigR = firstSignature();
        Arrays.fill(bigR, 0, 32, (byte) 0xff);
        rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(withFirstSignature(bigR)));
    }

    @Test
    void a2_flippedBitsNeverVerify() {
        byte[] sig = firstSignature();
        for (int i = 0; i < 64; i += 7) {
            byte[] t = sig.clone();
            t[i] ^= 0x01;
            AttestationVerificationException e = assertThrows(AttestationVerificationException.class,
                    () -> VERIFIER.verify(withFirstSignature(t)));
            assertTrue(e.reason() == Reason.INVALID_SIGNATURE || e.reason() == Reason.NON_CANONICAL_SIGNATURE, e.getMessage());
        }
    }

    /** Checklist A.3: the same attestation on another chain id fails. */
    @Test
    void a3_wrongChainFails() {
        AttestationBundle other = AttestationBundle.builder(Eip712Domain.hashMix(1, Fixtures.TOKEN_CONTRACT), PRODUCT)
                .signWith(TestKeys.key(1), TestKeys.key(2), TestKeys.key(3)).build();
        AttestationVerificationException e = rejects(Reason.WRONG_CHAIN, () -> VERIFIER.verify(other));
        assertTrue(e.getMessage().contains("31337"), e.getMessage());
        // relabelling the domain does not help: the signatures were made over the other chain's digest
        rejects(Reason.INVALID_SIGNATURE, () -> VERIFIER.verify(new AttestationBundle(Fixtures.DOMAIN, PRODUCT, other.signatures())));
    }

    /** Checklist A.3: the same attestation for a second deployment of the contract fails. */
    @Test
    void a3_wrongContractFails() {
        Eip712Domain second = Eip712Domain.hashMix(Fixtures.CHAIN_ID, EvmAddress.of("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"));
        AttestationBundle other = AttestationBundle.builder(second, PRODUCT)
                .signWith(TestKeys.key(1), TestKeys.key(2), TestKeys.key(3)).build();
        rejects(Reason.WRONG_CONTRACT, () -> VERIFIER.verify(other));
    }

    @Test
    void a3_wrongDomainNameOrVersionFails() {
        Eip712Domain v2 = new Eip712Domain("HashMix", "2", Fixtures.CHAIN_ID, Fixtures.TOKEN_CONTRACT);
        rejects(Reason.WRONG_DOMAIN, () -> VERIFIER.verify(AttestationBundle.builder(v2, PRODUCT)
                .signWith(TestKeys.key(1), TestKeys.key(2), TestKeys.key(3)).build()));
    }

    /** Checklist A.3: after a committee change (new epoch), old signatures stop working. */
    @Test
    void a3_oldCommitteeEpochFails() {
        BundleVerifier nextEpoch = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(2), 3, BEFORE_DEADLINE);
        rejects(Reason.WRONG_COMMITTEE_EPOCH, () -> nextEpoch.verify(signedBy(1, 2, 3)));
    }

    /** Checklist A.4: expired attestations fail; the deadline second itself is still valid. */
    @Test
    void a4_expiredFails() {
        BundleVerifier atDeadline = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, clockAt(PRODUCT.deadline()));
        atDeadline.verify(signedBy(1, 2, 3));
        BundleVerifier after = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, clockAt(PRODUCT.deadline() + 1));
        AttestationVerificationException e = rejects(Reason.EXPIRED, () -> after.verify(signedBy(1, 2, 3)));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertEquals(3, after.verifyIgnoringDeadline(signedBy(1, 2, 3)).signers().size());
    }

    @Test
    void malformedInputIsReportedAsMalformed() {
        rejects(Reason.MALFORMED, () -> VERIFIER.verify(null));
        rejects(Reason.MALFORMED, () -> VERIFIER.verifyJson(null));
        rejects(Reason.MALFORMED, () -> VERIFIER.verifyJson("{"));
        rejects(Reason.MALFORMED, () -> VERIFIER.verifyJson("{\"domain\":{}}"));
        assertEquals(3, VERIFIER.verifyJson(AttestationJson.toJson(signedBy(1, 2, 3))).signers().size());
    }

    @Test
    void misconfiguredVerifierIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 0, BEFORE_DEADLINE));
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 6, BEFORE_DEADLINE));
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(null, TestKeys.committee(1), 3, BEFORE_DEADLINE));
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(Fixtures.DOMAIN, null, 3, BEFORE_DEADLINE));
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, null));
        assertThrows(IllegalArgumentException.class, () -> Committee.of(1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Committee.of(1, List.of(EvmAddress.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> Committee.of(1, null));
        List<EvmAddress> withNull = new ArrayList<>(List.of(TestKeys.address(1)));
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> Committee.of(1, withNull));
    }

    @Test
    void bundleCopiesItsSignatureList() {
        List<AttestorSignature> sigs = new ArrayList<>(signedBy(1, 2, 3).signatures());
        AttestationBundle b = new AttestationBundle(Fixtures.DOMAIN, PRODUCT, sigs);
        sigs.clear();
        assertEquals(3, b.signatures().size());
        assertThrows(UnsupportedOperationException.class, () -> b.signatures().clear());
        List<AttestorSignature> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> new AttestationBundle(Fixtures.DOMAIN, PRODUCT, withNull));
    }
}
