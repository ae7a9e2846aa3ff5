package io.hashmix.proofs.spv;

import java.util.List;

import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.SignedBundle;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A payout commitment with its domain (chain id + {@code BitcoinEvidence} address) and the committee's signatures:
 * what a relayer passes to {@code BitcoinEvidence.submitCommitment(commitment, sigs)}. Built, signed and checked
 * offline like product attestations and fulfillment reports ({@link SignedBundle.Builder},
 * {@link io.hashmix.proofs.attestation.BundleVerifier} with the product's asset class committee).
 *
 * @param domain     the EIP-712 domain the signatures were made for
 * @param commitment the signed commitment
 * @param signatures the attestor signatures, in the order given
 */
public record PayoutCommitmentBundle(Eip712Domain domain, PayoutCommitment commitment, List<AttestorSignature> signatures)
        implements SignedBundle<PayoutCommitment> {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if any component or signature is null
     */
    public PayoutCommitmentBundle {
        signatures = SignedBundle.checkedSignatures(domain, commitment, signatures);
    }

    /**
     * The commitment (the {@link SignedBundle} name of {@link #commitment()}).
     *
     * @return the commitment
     */
    @Override
    public PayoutCommitment message() {
        return commitment;
    }

    /**
     * Starts a bundle for a commitment in a domain.
     *
     * @param domain     the domain (chain + BitcoinEvidence address)
     * @param commitment the commitment
     * @return a builder that signs and sorts
     */
    public static Builder builder(Eip712Domain domain, PayoutCommitment commitment) {
        return new Builder(domain, commitment);
    }

    /** Collects signatures and builds a bundle sorted by signer. Not thread-safe. */
    public static final class Builder extends SignedBundle.Builder<PayoutCommitment, PayoutCommitmentBundle, Builder> {
        private Builder(Eip712Domain domain, PayoutCommitment commitment) {
            super(domain, commitment, PayoutCommitmentBundle::new);
        }
    }
}
