package io.hashmix.proofs.attestation;

import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A committee message together with its domain and the attestors' signatures, as a contract receives it
 * ({@code message, AttestorSignature[] sigs}). {@link AttestationBundle} (product attestations) and
 * {@code io.hashmix.proofs.fulfillment.ReportBundle} (fulfillment reports) implement it, so one
 * {@link Builder} signs and sorts the signatures of both and one {@link BundleVerifier} checks both.
 *
 * <p>Implementations keep the signatures exactly in the order given (so that a bundle parsed from JSON can be
 * rejected for bad order by the verifier); the {@link Builder} signs and sorts them as the contracts require
 * (strictly ascending signer address).
 *
 * @param <M> the message type
 */
public interface SignedBundle<M extends CommitteeMessage> {

    /**
     * The EIP-712 domain the signatures were made for.
     *
     * @return the domain
     */
    Eip712Domain domain();

    /**
     * The signed message.
     *
     * @return the message
     */
    M message();

    /**
     * The attestor signatures, in the order given.
     *
     * @return an unmodifiable list
     */
    List<AttestorSignature> signatures();

    /**
     * The EIP-712 digest the attestors signed.
     *
     * @return {@code keccak256(0x1901 ‖ domain().separator() ‖ message().structHash())}
     */
    default Bytes32 digest() {
        return Eip712.digest(domain(), message());
    }

    /**
     * Checks the parts of a bundle and copies its signature list; for the compact constructors of
     * implementations.
     *
     * @param domain the domain
     * @param message the message
     * @param signatures the signatures
     * @return an unmodifiable copy of {@code signatures}
     * @throws IllegalArgumentException if any part or signature is null
     */
    static List<AttestorSignature> checkedSignatures(Eip712Domain domain, CommitteeMessage message,
            List<AttestorSignature> signatures) {
        if (domain == null || message == null || signatures == null) {
            throw new IllegalArgumentException("a signed bundle needs a domain, a message and a signature list");
        }
        for (AttestorSignature s : signatures) {
            if (s == null) {
                throw new IllegalArgumentException("signed bundle holds a null signature");
            }
        }
        return List.copyOf(signatures);
    }

    /**
     * Makes a bundle from its parts (usually the record's canonical constructor).
     *
     * @param <M> the message type
     * @param <B> the bundle type
     */
    @FunctionalInterface
    interface Factory<M extends CommitteeMessage, B extends SignedBundle<M>> {
        /**
         * Creates the bundle.
         *
         * @param domain the domain
         * @param message the message
         * @param signatures the signatures, sorted by signer
         * @return the bundle
         */
        B create(Eip712Domain domain, M message, List<AttestorSignature> signatures);
    }

    /**
     * Collects signatures over one message's digest and builds a bundle sorted by signer. Subclasses only
     * name their types (see {@link AttestationBundle.Builder}). Not thread-safe.
     *
     * @param <M> the message type
     * @param <B> the bundle type
     * @param <S> the concrete builder type (returned by the chaining methods)
     */
    abstract class Builder<M extends CommitteeMessage, B extends SignedBundle<M>, S extends Builder<M, B, S>> {
        private final Eip712Domain domain;
        private final M message;
        private final Factory<M, B> factory;
        private final Bytes32 digest;
        private final List<AttestorSignature> signatures = new ArrayList<>();

        /**
         * Starts a bundle.
         *
         * @param domain the domain (chain + consuming contract)
         * @param message the message
         * @param factory makes the bundle from its parts
         * @throws IllegalArgumentException if an argument is null
         */
        protected Builder(Eip712Domain domain, M message, Factory<M, B> factory) {
            if (domain == null || message == null || factory == null) {
                throw new IllegalArgumentException("a bundle builder needs a domain and a message");
            }
            this.domain = domain;
            this.message = message;
            this.factory = factory;
            this.digest = Eip712.digest(domain, message);
        }

        /**
         * The digest the signatures are made over.
         *
         * @return the EIP-712 digest
         */
        public Bytes32 digest() {
            return digest;
        }

        /**
         * Signs the digest with each key.
         *
         * @param keys attestor keys
         * @return this builder
         */
        public S signWith(ECKeyPair... keys) {
            if (keys == null) {
                throw new IllegalArgumentException("keys must not be null");
            }
            for (ECKeyPair key : keys) {
                signatures.add(AttestationSigner.sign(digest, key));
            }
            return self();
        }

        /**
         * Signs the digest with each key.
         *
         * @param keys attestor keys
         * @return this builder
         */
        public S signWith(List<ECKeyPair> keys) {
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
        public S signWith(Credentials... credentials) {
            if (credentials == null) {
                throw new IllegalArgumentException("credentials must not be null");
            }
            for (Credentials c : credentials) {
                signatures.add(AttestationSigner.sign(digest, c));
            }
            return self();
        }

        /**
         * Adds a signature made elsewhere (another attestor's machine, a hardware wallet, an EIP-1271 signer).
         *
         * @param signature the signature
         * @return this builder
         */
        public S addSignature(AttestorSignature signature) {
            if (signature == null) {
                throw new IllegalArgumentException("signature must not be null");
            }
            signatures.add(signature);
            return self();
        }

        /**
         * Sorts the signatures by signer and builds the bundle.
         *
         * @return the bundle
         * @throws IllegalArgumentException if two signatures have the same signer
         */
        public B build() {
            List<AttestorSignature> sorted = new ArrayList<>(signatures);
            sorted.sort(AttestorSignature.BY_SIGNER);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).signer().equals(sorted.get(i - 1).signer())) {
                    throw new IllegalArgumentException("signer " + sorted.get(i).signer() + " signed twice");
                }
            }
            return factory.create(domain, message, sorted);
        }

        @SuppressWarnings("unchecked")
        private S self() {
            return (S) this;
        }
    }
}
