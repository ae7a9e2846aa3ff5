package io.hashmix.proofs.crypto;

import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * secp256k1 ECDSA over 32-byte digests, the way the HashMix contracts check signatures.
 *
 * <p>Signatures are 65 bytes {@code r ‖ s ‖ v}: low {@code s} ({@code s <= n/2}), {@code v} in {27, 28}, and
 * the digest is signed as is (no {@code "\x19Ethereum Signed Message"} prefix). Nonces are deterministic
 * (RFC 6979, HMAC-SHA256), so every backend produces the same bytes for the same key and digest.
 *
 * <p>Recovery applies the contract's rules before any curve arithmetic, identically on every backend
 * ({@link SignatureRules}): exactly 65 bytes (64-byte EIP-2098 signatures are rejected), {@code v} in {27, 28},
 * {@code s <= n/2}, {@code 0 < r < n}, {@code 0 < s}.
 *
 * <p>Implementations are immutable and thread-safe. Obtain one from {@link CryptoBackends}.
 */
public interface CryptoBackend {

    /**
     * The backend's name: {@code "native"} (libsecp256k1 over JNI) or {@code "java"} (Bouncy Castle).
     *
     * @return the name
     */
    String name();

    /**
     * Signs a digest.
     *
     * @param digest the 32-byte digest (an EIP-712 digest)
     * @param key the signer's key pair
     * @return a fresh 65-byte canonical signature {@code r ‖ s ‖ v}
     * @throws IllegalArgumentException if an argument is null or the private key is not in {@code 1 .. n-1}
     */
    byte[] sign(Bytes32 digest, ECKeyPair key);

    /**
     * Recovers the address that signed a digest.
     *
     * @param digest the signed digest
     * @param signature {@code r ‖ s ‖ v}, canonical
     * @return the signer's address
     * @throws InvalidSignatureException with {@link InvalidSignatureException.Kind#NON_CANONICAL} for a wrong
     *         length, {@code v} or a high {@code s}, and {@link InvalidSignatureException.Kind#INVALID} for
     *         {@code r} or {@code s} out of range or a signature that recovers to no key
     * @throws IllegalArgumentException if an argument is null
     */
    EvmAddress recoverSigner(Bytes32 digest, byte[] signature);

    /**
     * Whether a signature is a canonical signature of the digest by {@code signer}. Never throws for bad
     * signature bytes: anything that {@link #recoverSigner} rejects, or that recovers to another address,
     * is simply {@code false}.
     *
     * @param digest the signed digest
     * @param signature the signature bytes
     * @param signer the expected signer
     * @return true if the signature recovers to {@code signer}
     * @throws IllegalArgumentException if an argument is null
     */
    default boolean verify(Bytes32 digest, byte[] signature, EvmAddress signer) {
        if (signer == null) {
            throw new IllegalArgumentException("verification needs an expected signer");
        }
        try {
            return recoverSigner(digest, signature).equals(signer);
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    /**
     * The address of a key pair (keccak-256 of the uncompressed public key, last 20 bytes).
     *
     * @param key the key pair
     * @return its address
     * @throws IllegalArgumentException if the key is null
     */
    default EvmAddress addressOf(ECKeyPair key) {
        if (key == null) {
            throw new IllegalArgumentException("key pair must not be null");
        }
        return SignatureRules.addressOfPublicKey(key.getPublicKey());
    }
}
