package io.hashmix.core.committee;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.datatypes.Type;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.AttestorRegistry;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * The attestor committee: who may sign product attestations, with what bond, and how many
 * signatures each asset class needs.
 *
 * <p>Every membership change bumps the committee epoch; attestations carry the epoch they were
 * signed under, so signatures of an older committee stop working. Admin calls (add, remove,
 * threshold) are for the protocol's AccessManager admin ({@link io.hashmix.core.errors.UnauthorizedAccountException}
 * otherwise); bond calls for the attestor itself. A slashed bond is burnt whole (no challenger
 * share). Every failure arrives as a typed exception of this package or of
 * {@link io.hashmix.core.errors}. Thread-safe.
 */
public final class CommitteeClient {

    private final BoundContract contract;
    private final AttestorRegistry registry;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#committee()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public CommitteeClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        this.contract = new BoundContract("AttestorRegistry",
                deployment.contract(ProtocolContract.ATTESTOR_REGISTRY).address(), calls, sender);
        this.registry = contract.encoder(AttestorRegistry::load);
    }

    /** The registry's address. */
    public EvmAddress address() {
        return contract.address();
    }

    /** The current committee epoch. */
    public CompletableFuture<Long> epoch() {
        return contract.read("epoch", registry.epoch(), v -> ((BigInteger) v.get(0).getValue()).longValueExact());
    }

    /** The current members, active or not. */
    public CompletableFuture<List<EvmAddress>> members() {
        return contract.read("attestors", registry.attestors(), v -> addresses(v.get(0)));
    }

    /**
     * The current committee as the offline verifier takes it: the epoch and the ACTIVE members
     * (bonded at least the minimum), since the contract refuses signatures of the others.
     */
    public CompletableFuture<Committee> committee() {
        return members().thenCompose(all -> contract.readAll("isActiveAttestor",
                all.stream().map(a -> registry.isActiveAttestor(a.hex())).toList(), v -> (Boolean) v.get(0).getValue())
                .thenCompose(active -> {
                    List<EvmAddress> bonded = new ArrayList<>();
                    for (int i = 0; i < all.size(); i++) {
                        if (active.get(i)) {
                            bonded.add(all.get(i));
                        }
                    }
                    return epoch().thenApply(epoch -> Committee.of(epoch, bonded));
                }));
    }

    /**
     * An offline verifier with the chain's rules for one asset class: its threshold and the active
     * committee of the current epoch.
     *
     * @param domain     the domain bundles must be signed for (chain id and verifying contract)
     * @param assetClass the asset class whose threshold applies
     * @param clock      the clock deadlines are checked against
     */
    public CompletableFuture<BundleVerifier> verifier(Eip712Domain domain, AssetClassId assetClass, Clock clock) {
        return committee().thenCombine(threshold(assetClass), (committee, threshold) -> {
            if (threshold == 0) {
                throw new InvalidRequestException("no signature threshold is set for asset class " + assetClass);
            }
            return new BundleVerifier(domain, committee, threshold, clock);
        });
    }

    /** Signatures an attestation of this asset class needs (0 = none set: nothing can be minted). */
    public CompletableFuture<Integer> threshold(AssetClassId assetClass) {
        return contract.read("threshold", registry.threshold(assetClass.value()), v -> ((BigInteger) v.get(0).getValue()).intValueExact());
    }

    /** The bond an attestor needs to count. */
    public CompletableFuture<BigInteger> minBond() {
        return contract.read("minBond", registry.minBond(), v -> (BigInteger) v.get(0).getValue());
    }

    /** How long an attestor waits after an exit request before withdrawing. */
    public CompletableFuture<Duration> exitDelay() {
        return contract.read("exitDelay", registry.exitDelay(), v -> Duration.ofSeconds(((BigInteger) v.get(0).getValue()).longValueExact()));
    }

    /** Whether an account is a member with at least the minimum bond. */
    public CompletableFuture<Boolean> isActive(EvmAddress attestor) {
        return contract.read("isActiveAttestor", registry.isActiveAttestor(attestor.hex()), v -> (Boolean) v.get(0).getValue());
    }

    /** An attestor's standing. */
    public CompletableFuture<AttestorInfo> info(EvmAddress attestor) {
        CompletableFuture<AttestorRegistry.AttestorInfo> raw = contract.read("attestorInfo",
                registry.attestorInfo(attestor.hex()), v -> (AttestorRegistry.AttestorInfo) v.get(0));
        return raw.thenCombine(isActive(attestor), (i, active) -> new AttestorInfo(attestor, i.member, active, i.bond,
                Instant.ofEpochSecond(i.lockedUntil.longValueExact()), Instant.ofEpochSecond(i.exitAvailableAt.longValueExact())));
    }

    /**
     * Checks a bundle's signatures on chain, as minting will (including EIP-1271 contract signers,
     * which the offline verifier cannot check).
     *
     * @return the signers; fails with the typed reason the contract gives
     */
    public CompletableFuture<List<EvmAddress>> verifySignatures(AttestationBundle bundle) {
        return contract.read("verifySignatures", registry.verifySignatures(bundle.digest().value(),
                bundle.attestation().assetClass().value(), BigInteger.valueOf(bundle.attestation().committeeEpoch()),
                signatures(bundle.signatures())), v -> addresses(v.get(0)));
    }

    /** Adds a member (admin only); bumps the epoch. */
    public CompletableFuture<TxReceipt> addAttestor(EvmAddress attestor) {
        return contract.send("addAttestor", registry.addAttestor(attestor.hex()));
    }

    /** Removes a member (admin only); bumps the epoch; its bond stays until its locks and exit delay pass. */
    public CompletableFuture<TxReceipt> removeAttestor(EvmAddress attestor) {
        return contract.send("removeAttestor", registry.removeAttestor(attestor.hex()));
    }

    /** Sets how many signatures an asset class needs (admin only). */
    public CompletableFuture<TxReceipt> setThreshold(AssetClassId assetClass, int threshold) {
        if (threshold < 1 || threshold > 255) {
            return CompletableFuture.failedFuture(new InvalidRequestException("threshold must be 1..255, got " + threshold));
        }
        return contract.send("setThreshold", registry.setThreshold(assetClass.value(), BigInteger.valueOf(threshold)));
    }

    /** Deposits a bond for this SDK's account (a member). */
    public CompletableFuture<TxReceipt> depositBond(BigInteger wei) {
        if (wei.signum() <= 0) {
            return CompletableFuture.failedFuture(new InvalidRequestException("bond deposit must be positive"));
        }
        return contract.send("depositBond", registry.depositBond(wei), wei);
    }

    /** Leaves the committee (bumps the epoch); the bond can be withdrawn after the exit delay and its locks. */
    public CompletableFuture<TxReceipt> requestExit() {
        return contract.send("requestExit", registry.requestExit());
    }

    /** Withdraws this account's whole bond once it is unlocked. */
    public CompletableFuture<TxReceipt> withdrawBond() {
        return contract.send("withdrawBond", registry.withdrawBond());
    }

    static List<AttestorRegistry.AttestorSignature> signatures(List<AttestorSignature> signatures) {
        return signatures.stream().map(s -> new AttestorRegistry.AttestorSignature(s.signer().hex(), s.signature())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<EvmAddress> addresses(Type<?> array) {
        List<EvmAddress> out = new ArrayList<>();
        for (Type<?> item : (List<Type<?>>) array.getValue()) {
            out.add(EvmAddress.of(item.getValue().toString()));
        }
        return out;
    }
}
