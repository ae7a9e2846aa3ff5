package io.hashmix.proofs.attestation;

import java.util.List;

import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A product attestation together with its domain and the committee's signatures: what an issuer hands to
 * {@code HashPowerToken} to mint, and what anyone can check offline with {@link BundleVerifier}.
 *
 * <p>The record keeps the signatures exactly in the order given (so that a bundle parsed from JSON can be
 * rejected for bad order by the verifier); the {@link Builder} signs and sorts them as the contract
 * requires (strictly ascending signer address). {@link #digest()} is the EIP-712 digest the attestors signed.
 *
 * @param domain the EIP-712 domain the signatures were made for
 * @param attestation the signed product attestation
 * @param signatures the attestor signatures (copied into an unmodifiable list)
 */
public record AttestationBundle(Eip712Domain domain, ProductAttestation attestation, List<AttestorSignature> signatures)
        implements SignedBundle<ProductAttestation> {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if any component or signature is null
     */
    public AttestationBundle {
        signatures = SignedBundle.checkedSignatures(domain, attestation, signatures);
    }

    /**
     * The attestation (the {@link SignedBundle} name of {@link #attestation()}).
     *
     * @return the attestation
     */
    @Override
    public ProductAttestation message() {
        return attestation;
    }

    /**
     * Starts a bundle for an attestation in a domain.
     *
     * @param domain the domain (chain + HashPowerToken address)
     * @param attestation the attestation
     * @return a builder
     */
    public static Builder builder(Eip712Domain domain, ProductAttestation attestation) {
        return new Builder(domain, attestation);
    }

    /**
     * Collects signatures and builds a bundle sorted by signer (see {@link SignedBundle.Builder}). Not thread-safe.
     */
    public static final class Builder extends SignedBundle.Builder<ProductAttestation, AttestationBundle, Builder> {
        private Builder(Eip712Domain domain, ProductAttestation attestation) {
            super(domain, attestation, AttestationBundle::new);
        }
    }
}
