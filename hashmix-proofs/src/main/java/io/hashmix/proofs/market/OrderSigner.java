package io.hashmix.proofs.market;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * Signs market orders with the maker's key, the way {@code HashMixMarket} checks them: the EIP-712 digest in
 * the market's domain, signed as is, 65 bytes {@code r ‖ s ‖ v} with low {@code s} and {@code v} in {27, 28}
 * (the same signing path as attestations, {@link AttestationSigner#signDigest}). Signatures are deterministic
 * (RFC 6979): the same key and order give the same bytes on every backend.
 *
 * <p>The signer only refuses a key that is not the order's maker (the market would reject the signature);
 * run {@link OrderValidator} to catch orders the market would refuse for other reasons.
 */
public final class OrderSigner {

    private OrderSigner() {
    }

    /**
     * Signs an order with the default backend ({@link CryptoBackends#best()}).
     *
     * @param domain the market's domain ({@code Eip712Domain.hashMix(chainId, market)})
     * @param order the order
     * @param key the maker's key pair
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the key is not the maker's
     */
    public static SignedOrder sign(Eip712Domain domain, Order order, ECKeyPair key) {
        return sign(domain, order, key, CryptoBackends.best());
    }

    /**
     * Signs an order with web3j credentials.
     *
     * @param domain the market's domain
     * @param order the order
     * @param credentials the maker's credentials
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the credentials are not the maker's
     */
    public static SignedOrder sign(Eip712Domain domain, Order order, Credentials credentials) {
        if (credentials == null) {
            throw new IllegalArgumentException("signing needs credentials");
        }
        return sign(domain, order, credentials.getEcKeyPair());
    }

    /**
     * Signs an order with a given backend.
     *
     * @param domain the market's domain
     * @param order the order
     * @param key the maker's key pair
     * @param backend the crypto backend
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the key is not the maker's
     */
    public static SignedOrder sign(Eip712Domain domain, Order order, ECKeyPair key, CryptoBackend backend) {
        if (domain == null || order == null || key == null) {
            throw new IllegalArgumentException("signing an order needs a domain, an order and a key pair");
        }
        EvmAddress signer = AttestationSigner.addressOf(key);
        if (!signer.equals(order.maker())) {
            throw new IllegalArgumentException("key of " + signer + " cannot sign a " + order.kind().jsonName()
                    + " whose maker is " + order.maker());
        }
        byte[] signature = AttestationSigner.signDigest(Eip712.digest(domain, order), key, backend);
        return new SignedOrder(domain, order, signature);
    }
}
