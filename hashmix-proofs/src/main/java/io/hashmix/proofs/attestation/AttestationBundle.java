package io.hashmix.proofs.attestation;

import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A product attestation together with its domain and the committee's signatures: what an issuer hands to
 * {@code HashPowerToken} to mint, and what anyone can check offline with {@link BundleVerifier}.
 *
 * <p>The record keeps the signatures exactly in the order given (so that a bundle parsed from JSON can be
 * rejected for bad order by the verifier); the {@link Builder} signs and sorts them as the contract
 * requires (strictly ascending signer address).
 *
 * @param domain the EIP-712 domain the signatures were made for
 * @param attestation the signed product attestation
 * @param signatures the attestor signatures (copied into an unmodifiable list)
 */
public record AttestationBundle(Eip712Domain domain, ProductAttestation attestation, List<AttestorSignature> signatures) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if any component or signature is null
     */
    public AttestationBundle {
        if (domain == null || attestation == null || signatures == null) {
            throw new IllegalArgumentException("an attestation bundle needs a domain, an attestation and a signature list");
        }
        for (AttestorSignature s : signatures) {
            if (s == null) {
                throw new IllegalArgumentException("attestation bundle holds a null signature");
            }
        }
        signatures = List.copyOf(signatures);
    }

    /**
     * The EIP-712 digest the attestors signed.
     *
     * @return {@code keccak256(0x1901 ‖ domain.separator() ‖ attestation.structHash())}
     */
    public Bytes32 digest() {
        return Eip712.digest(domain, attestation);
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
     * Collects signatures and builds a bundle sorted by signer. Not thread-safe.
     */
    public static final class Builder {
        private final Eip712Domain domain;
        private final ProductAttestation attestation;
        private final Bytes32 digest;
        private final List<AttestorSignature> signatures = new ArrayList<>();

        private Builder(Eip712Domain domain, ProductAttestation attestation) {
            if (domain == null || attestation == null) {
                throw new IllegalArgumentException("a bundle builder needs a domain and an attestation");
            }
            this.domain = domain;
            this.attestation = attestation;
            this.digest = Eip712.digest(domain, attestation);
        }

        /**
         * Signs the digest with each key.
         *
         * @param keys attestor keys
         * @return this builder
         */
        public Builder signWith(ECKeyPair... keys) {
            if (keys == null) {
                throw new IllegalArgumentException("keys must not be null");
            }
            for (ECKeyPair key : keys) {
                signatures.add(AttestationSigner.sign(digest, key));
            }
            return this;
        }

        /**
         * Signs the digest with each key.
         *
         * @param keys attestor keys
         * @return this builder
         */
        public Builder signWith(List<ECKeyPair> keys) {
            if (keys == null) {
                throw new IllegalArgumentException("keys must not be null");
            }
            return signWith(keys.toArray(ECKeyPair[]::new));
        }

        /**
         * Signs the digest with each credential.
         *
         * @param credentials attestor credentials
         * @return this builder
         */
        public Builder signWith(Credentials... credentials) {
            if (credentials == null) {
                throw new IllegalArgumentException("credentials must not be null");
            }
            for (Credentials c : credentials) {
                signatures.add(AttestationSigner.sign(digest, c));
            }
            return this;
        }

        /**
         * Adds a signature made elsewhere (another attestor's machine, a hardware wallet, an EIP-1271 signer).
         *
         * @param signature the signature
         * @return this builder
         */
        public Builder addSignature(AttestorSignature signature) {
            if (signature == null) {
                throw new IllegalArgumentException("signature must not be null");
            }
            signatures.add(signature);
            return this;
        }

        /**
         * Sorts the signatures by signer and builds the bundle.
         *
         * @return the bundle
         * @throws IllegalArgumentException if two signatures have the same signer
         */
        public AttestationBundle build() {
            List<AttestorSignature> sorted = new ArrayList<>(signatures);
            sorted.sort(AttestorSignature.BY_SIGNER);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).signer().equals(sorted.get(i - 1).signer())) {
                    throw new IllegalArgumentException("signer " + sorted.get(i).signer() + " signed twice");
                }
            }
            return new AttestationBundle(domain, attestation, sorted);
        }
    }
}
