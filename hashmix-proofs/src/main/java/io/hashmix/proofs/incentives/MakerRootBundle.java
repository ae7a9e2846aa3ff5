package io.hashmix.proofs.incentives;

import java.util.List;

import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.SignedBundle;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A maker root with its domain (chain id + {@code MakerRewards} address) and the committee's signatures: what a
 * relayer passes to {@code MakerRewards.publishRoot(r, sigs)}. Built, signed and checked offline like the other
 * committee messages ({@link SignedBundle.Builder} signs and sorts by signer;
 * {@link io.hashmix.proofs.attestation.BundleVerifier} checks M-of-N against the committee of the program's asset
 * class).
 *
 * @param domain     the EIP-712 domain the signatures were made for
 * @param root       the signed root
 * @param signatures the attestor signatures, in the order given (copied into an unmodifiable list)
 */
public record MakerRootBundle(Eip712Domain domain, MakerRoot root, List<AttestorSignature> signatures)
        implements SignedBundle<MakerRoot> {

    /**
     * Starts a bundle for a root in a domain: {@code builder(domain, root).signWith(keys).build()} signs the root's
     * {@link MakerRoot#digest digest} with each key and sorts the signatures by signer, as the contract wants them.
     *
     * @param domain the domain (chain + MakerRewards address)
     * @param root   the root
     * @return a builder that signs and sorts
     * @throws IllegalArgumentException if an argument is null
     */
    public static Builder builder(Eip712Domain domain, MakerRoot root) {
        return new Builder(domain, root);
    }

    /**
     * Validates and copies the signature list.
     *
     * @throws IllegalArgumentException if any component or signature is null
     */
    public MakerRootBundle {
        signatures = SignedBundle.checkedSignatures(domain, root, signatures);
    }

    /** The root, under the {@link SignedBundle} name. */
    @Override
    public MakerRoot message() {
        return root;
    }

    /** Collects signatures and builds a bundle sorted by signer (see {@link SignedBundle.Builder}). Not thread-safe. */
    public static final class Builder extends SignedBundle.Builder<MakerRoot, MakerRootBundle, Builder> {
        private Builder(Eip712Domain domain, MakerRoot root) {
            super(domain, root, MakerRootBundle::new);
        }
    }
}
