package io.hashmix.proofs.lending;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * Signs loan orders with the maker's key, the way {@code HashPowerLending} checks them: the EIP-712 digest in the
 * lending contract's domain, 65 bytes {@code r ‖ s ‖ v}, low {@code s}, {@code v} in {27, 28}, deterministic
 * (RFC 6979). Refuses only a key that is not the order's maker; run {@link LoanOrderValidator} for the rest.
 */
public final class LoanOrderSigner {

    private LoanOrderSigner() {
    }

    /**
     * Signs with the default backend.
     *
     * @param domain the lending contract's domain ({@code Eip712Domain.hashMix(chainId, lending)})
     * @param order the order
     * @param key the maker's key pair
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the key is not the maker's
     */
    public static SignedLoanOrder sign(Eip712Domain domain, LoanOrder order, ECKeyPair key) {
        return sign(domain, order, key, CryptoBackends.best());
    }

    /**
     * Signs with web3j credentials.
     *
     * @param domain the lending contract's domain
     * @param order the order
     * @param credentials the maker's credentials
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the credentials are not the maker's
     */
    public static SignedLoanOrder sign(Eip712Domain domain, LoanOrder order, Credentials credentials) {
        if (credentials == null) {
            throw new IllegalArgumentException("signing needs credentials");
        }
        return sign(domain, order, credentials.getEcKeyPair());
    }

    /**
     * Signs with a given backend.
     *
     * @param domain the lending contract's domain
     * @param order the order
     * @param key the maker's key pair
     * @param backend the crypto backend
     * @return the signed order
     * @throws IllegalArgumentException if an argument is null or the key is not the maker's
     */
    public static SignedLoanOrder sign(Eip712Domain domain, LoanOrder order, ECKeyPair key, CryptoBackend backend) {
        if (domain == null || order == null || key == null) {
            throw new IllegalArgumentException("signing a loan order needs a domain, an order and a key pair");
        }
        EvmAddress signer = AttestationSigner.addressOf(key);
        if (!signer.equals(order.maker())) {
            throw new IllegalArgumentException("key of " + signer + " cannot sign a " + order.kind().jsonName()
                    + " whose maker is " + order.maker());
        }
        return new SignedLoanOrder(domain, order, AttestationSigner.signDigest(Eip712.digest(domain, order), key, backend));
    }
}
