package io.hashmix.proofs.attestation;

import java.math.BigInteger;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Signs EIP-712 digests the way the contracts verify them: 65 bytes {@code r ‖ s ‖ v}, low {@code s}
 * ({@code s <= n/2}) and {@code v} in {27, 28}. The digest is signed as is (no
 * {@code "\x19Ethereum Signed Message"} prefix).
 */
public final class AttestationSigner {

    /** Order of the secp256k1 group. */
    static final BigInteger CURVE_N = Sign.CURVE_PARAMS.getN();

    /** {@code n / 2}: the largest canonical (low) {@code s}. */
    static final BigInteger HALF_CURVE_N = CURVE_N.shiftRight(1);

    private AttestationSigner() {
    }

    /**
     * Signs a digest.
     *
     * @param digest the EIP-712 digest
     * @param key the attestor's key pair
     * @return the 65-byte canonical signature
     * @throws IllegalArgumentException if an argument is null
     */
    public static byte[] signDigest(Bytes32 digest, ECKeyPair key) {
        if (digest == null || key == null) {
            throw new IllegalArgumentException("signing needs a digest and a key pair");
        }
        Sign.SignatureData sig = Sign.signMessage(digest.value(), key, false);
        byte[] out = new byte[65];
        copyRightAligned(sig.getR(), out, 0);
        copyRightAligned(sig.getS(), out, 32);
        out[64] = sig.getV()[0];
        // web3j already produces low-s and v = 27/28; fail loudly if that ever changes
        BigInteger s = new BigInteger(1, sig.getS());
        if (s.compareTo(HALF_CURVE_N) > 0 || (out[64] != 27 && out[64] != 28)) {
            throw new IllegalStateException("signer produced a non-canonical signature");
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
        byte[] sig = signDigest(digest, key);
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
        return EvmAddress.of("0x" + Keys.getAddress(key.getPublicKey()));
    }

    private static void copyRightAligned(byte[] src, byte[] dst, int wordOffset) {
        int start = 0;
        while (src.length - start > 32 && src[start] == 0) {
            start++;
        }
        int len = src.length - start;
        System.arraycopy(src, start, dst, wordOffset + 32 - len, len);
    }
}
