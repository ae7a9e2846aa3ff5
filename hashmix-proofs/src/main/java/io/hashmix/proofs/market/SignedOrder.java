package io.hashmix.proofs.market;

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
 * An order with the domain it was signed for and its maker's signature: what a taker passes to
 * {@code HashMixMarket.fillListing} etc. ({@code order, signature}) and what {@link OrderJson} carries.
 *
 * <p>An externally owned maker signs 65 bytes {@code r ‖ s ‖ v} (low {@code s}, {@code v} in {27, 28}; see
 * {@link OrderSigner}). The market also accepts EIP-1271 signatures of contract makers, which can only be
 * checked on chain, so this record holds any non-empty byte string; {@link OrderValidator} checks it offline
 * as an ECDSA signature.
 *
 * <p>{@code signedDigest} is the digest the signature was made over, as recorded when it was signed (and
 * carried in JSON): if the order's fields are edited afterwards, {@link #digest()} no longer equals it and
 * {@link OrderValidator} reports {@code ORDER_CHANGED} instead of a wrong signer.
 *
 * @param domain the EIP-712 domain (chain id + market address)
 * @param order the order
 * @param signature the maker's signature (defensively copied in and out)
 * @param signedDigest the digest that was signed
 */
public record SignedOrder(Eip712Domain domain, Order order, byte[] signature, Bytes32 signedDigest) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a component is null or the signature is empty
     */
    public SignedOrder {
        if (domain == null || order == null || signature == null || signedDigest == null) {
            throw new IllegalArgumentException("a signed order needs a domain, an order, a signature and the signed digest");
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("a signed order's signature must not be empty");
        }
        signature = signature.clone();
    }

    /**
     * A signed order whose signature was made over this very order ({@code signedDigest} = {@link #digest()}).
     *
     * @param domain the EIP-712 domain
     * @param order the order
     * @param signature the maker's signature
     */
    public SignedOrder(Eip712Domain domain, Order order, byte[] signature) {
        this(domain, order, signature, domain == null || order == null ? null : Eip712.digest(domain, order));
    }

    /**
     * Whether the order still has the fields it was signed with ({@link #digest()} equals {@link #signedDigest()}).
     *
     * @return true if unchanged
     */
    public boolean unchangedSinceSigning() {
        return signedDigest.equals(digest());
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
    public OrderKind kind() {
        return order.kind();
    }

    /**
     * The EIP-712 digest the maker signed, which {@code hashListing}, {@code hashOffer},
     * {@code hashCriteriaOffer} and {@code hashSwapOrder} return for this order on chain.
     *
     * @return {@code keccak256(0x1901 ‖ domain.separator() ‖ order.structHash())}
     */
    public Bytes32 digest() {
        return Eip712.digest(domain, order);
    }

    /**
     * Recovers the signer with the default backend ({@link CryptoBackends#best()}).
     *
     * @return the address the signature recovers to (the maker's, if the order is validly signed)
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
        return o instanceof SignedOrder other && domain.equals(other.domain) && order.equals(other.order)
                && Arrays.equals(signature, other.signature) && signedDigest.equals(other.signedDigest);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * domain.hashCode() + order.hashCode()) + Arrays.hashCode(signature)) + signedDigest.hashCode();
    }

    @Override
    public String toString() {
        return "SignedOrder[domain=" + domain + ", order=" + order + ", signature=" + signatureHex()
                + ", signedDigest=" + signedDigest + "]";
    }
}
