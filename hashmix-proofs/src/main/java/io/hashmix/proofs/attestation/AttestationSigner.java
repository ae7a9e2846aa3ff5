package io.hashmix.proofs.attestation;

import java.math.BigInteger;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.crypto.SignatureRules;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Signs EIP-712 digests the way the contracts verify them: 65 bytes {@code r ‖ s ‖ v}, low {@code s}
 * ({@code s <= n/2}) and {@code v} in {27, 28}. The digest is signed as is (no
 * {@code "\x19Ethereum Signed Message"} prefix).
 *
 * <p>The static methods without a backend use {@link CryptoBackends#best()} (libsecp256k1 when it loads,
 * else Bouncy Castle); the output is the same bytes either way.
 */
public final class AttestationSigner {

    /** Order of the secp256k1 group. */
    static final BigInteger CURVE_N = SignatureRules.CURVE_N;

    /** {@code n / 2}: the largest canonical (low) {@code s}. */
    static final BigInteger HALF_CURVE_N = SignatureRules.HALF_CURVE_N;

    private AttestationSigner() {
    }

    /**
     * Signs a digest with the default backend ({@link CryptoBackends#best()}).
     *
     * @param digest the EIP-712 digest
     * @param key the attestor's key pair
     * @return the 65-byte canonical signature
     * @throws IllegalArgumentException if an argument is null
     */
    public static byte[] signDigest(Bytes32 digest, ECKeyPair key) {
        return signDigest(digest, key, CryptoBackends.best());
    }

    /**
     * Signs a digest with a given backend. Every backend gives the same bytes (RFC 6979 nonces).
     *
     * @param digest the EIP-712 digest
     * @param key the attestor's key pair
     * @param backend the crypto backend
     * @return the 65-byte canonical signature
     * @throws IllegalArgumentException if an argument is null
     */
    public static byte[] signDigest(Bytes32 digest, ECKeyPair key, CryptoBackend backend) {
        if (digest == null || key == null) {
            throw new IllegalArgumentException("signing needs a digest and a key pair");
        }
        if (backend == null) {
            throw new IllegalArgumentException("signing needs a crypto backend");
        }
        byte[] out = backend.sign(digest, key);
        // the backends produce low-s and v = 27/28; fail loudly if that ever changes
        try {
            SignatureRules.checkCanonical(out);
        } catch (InvalidSignatureException e) {
            throw new IllegalStateException("signer produced a non-canonical signature: it " + e.detail(), e);
        }
        return out;
    }

    /**
     * Signs a digest and pairs the signature with the signer's address.
     *
     * @param digest the EIP-712 digest
     * @param key the attestor's key pair
     * @return the signature as the contracts receive it
     */
    public static AttestorSignature sign(Bytes32 digest, ECKeyPair key) {
        return sign(digest, key, CryptoBackends.best());
    }

    /**
     * Signs a digest with a given backend and pairs the signature with the signer's address.
     *
     * @param digest the EIP-712 digest
     * @param key the attestor's key pair
     * @param backend the crypto backend
     * @return the signature as the contracts receive it
     */
    public static AttestorSignature sign(Bytes32 digest, ECKeyPair key, CryptoBackend backend) {
        byte[] sig = signDigest(digest, key, backend);
        return new AttestorSignature(addressOf(key), sig);
    }

    /**
     * Signs a digest with web3j credentials.
     *
     * @param digest the EIP-712 digest
     * @param credentials the attestor's credentials
     * @return the signature as the contracts receive it
     */
    public static AttestorSignature sign(Bytes32 digest, Credentials credentials) {
        if (credentials == null) {
            throw new IllegalArgumentException("signing needs credentials");
        }
        return sign(digest, credentials.getEcKeyPair());
    }

    /**
     * The address of a key pair.
     *
     * @param key the key pair
     * @return its address
     */
    public static EvmAddress addressOf(ECKeyPair key) {
        if (key == null) {
            throw new IllegalArgumentException("key pair must not be null");
        }
        return SignatureRules.addressOfPublicKey(key.getPublicKey());
    }
}
