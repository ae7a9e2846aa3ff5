package io.hashmix.proofs.lending;

import java.util.Arrays;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A loan order with the domain it was signed for (the lending contract's) and its maker's signature: what a
 * taker passes to {@code HashPowerLending.borrow}, {@code lend}, {@code borrowFromCollectionOffer} or
 * {@code refinance}, and what {@link LoanOrderJson} carries. Contract makers (EIP-1271) can only be checked on
 * chain; this record holds any non-empty signature.
 *
 * @param domain the EIP-712 domain (chain id + lending contract)
 * @param order the order
 * @param signature the maker's signature (defensively copied in and out)
 */
public record SignedLoanOrder(Eip712Domain domain, LoanOrder order, byte[] signature) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a component is null or the signature is empty
     */
    public SignedLoanOrder {
        if (domain == null || order == null || signature == null) {
            throw new IllegalArgumentException("a signed loan order needs a domain, an order and a signature");
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("a signed loan order's signature must not be empty");
        }
        signature = signature.clone();
    }

    /**
     * The signature bytes.
     *
     * @return a fresh copy
     */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The signature as {@code 0x}-prefixed lowercase hex.
     *
     * @return the hex text
     */
    public String signatureHex() {
        return JsonFields.hex(signature);
    }

    /**
     * The order's kind.
     *
     * @return the kind
     */
    public LoanOrderKind kind() {
        return order.kind();
    }

    /**
     * The EIP-712 digest the maker signed: what {@code hashLoanOffer} &amp; co. return on chain, and the order hash
     * cancellations and order states are keyed by.
     *
     * @return {@code keccak256(0x1901 ‖ domain.separator() ‖ order.structHash())}
     */
    public Bytes32 digest() {
        return Eip712.digest(domain, order);
    }

    /**
     * Recovers the signer with the default backend.
     *
     * @return the address the signature recovers to
     * @throws InvalidSignatureException if the signature is not canonical 65-byte ECDSA or recovers to no key
     */
    public EvmAddress signer() {
        return signer(CryptoBackends.best());
    }

    /**
     * Recovers the signer with a given backend.
     *
     * @param backend the crypto backend
     * @return the address the signature recovers to
     * @throws InvalidSignatureException if the signature is not canonical 65-byte ECDSA or recovers to no key
     */
    public EvmAddress signer(CryptoBackend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("recovery needs a crypto backend");
        }
        return backend.recoverSigner(digest(), signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedLoanOrder other && domain.equals(other.domain) && order.equals(other.order)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * domain.hashCode() + order.hashCode()) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedLoanOrder[domain=" + domain + ", order=" + order + ", signature=" + signatureHex() + "]";
    }
}
