package io.hashmix.proofs.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import org.web3j.crypto.Sign;

import io.hashmix.proofs.EvmAddress;

/**
 * The contract's rules for an ECDSA signature, shared by every {@link CryptoBackend} so that they accept and
 * reject exactly the same inputs with the same messages, and the curve constants they need.
 */
public final class SignatureRules {

    /** Length of a canonical signature {@code r ‖ s ‖ v}. */
    public static final int SIGNATURE_LENGTH = 65;

    /** Order {@code n} of the secp256k1 group. */
    public static final BigInteger CURVE_N = Sign.CURVE_PARAMS.getN();

    /** {@code n / 2}: the largest canonical (low) {@code s}. */
    public static final BigInteger HALF_CURVE_N = CURVE_N.shiftRight(1);

    private static final byte[] N_BYTES = word(CURVE_N);
    private static final byte[] HALF_N_BYTES = word(HALF_CURVE_N);
    private static final HexFormat HEX = HexFormat.of();

    private SignatureRules() {
    }

    /**
     * Checks a signature's form and returns its recovery id. Checks, in this order: length 65, {@code v} in
     * {27, 28}, {@code s <= n/2} (all {@link InvalidSignatureException.Kind#NON_CANONICAL}), then
     * {@code r != 0}, {@code s != 0}, {@code r < n} ({@link InvalidSignatureException.Kind#INVALID}).
     *
     * @param signature {@code r ‖ s ‖ v}
     * @return the recovery id, {@code v - 27} (0 or 1)
     * @throws InvalidSignatureException naming the first rule broken
     * @throws IllegalArgumentException if the signature is null
     */
    public static int checkCanonical(byte[] signature) {
        if (signature == null) {
            throw new IllegalArgumentException("signature must not be null");
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new InvalidSignatureException(InvalidSignatureException.Kind.NON_CANONICAL, "is " + signature.length
                    + " bytes, expected 65 (r,s,v)"
                    + (signature.length == 64 ? "; 64-byte EIP-2098 compact signatures are not accepted" : ""), null);
        }
        int v = signature[64] & 0xff;
        if (v != 27 && v != 28) {
            throw new InvalidSignatureException(InvalidSignatureException.Kind.NON_CANONICAL, "has v = " + v
                    + ", expected 27 or 28", null);
        }
        if (Arrays.compareUnsigned(signature, 32, 64, HALF_N_BYTES, 0, 32) > 0) {
            throw new InvalidSignatureException(InvalidSignatureException.Kind.NON_CANONICAL,
                    "has a high s (s > n/2); only the low-s form is accepted", null);
        }
        if (isZero(signature, 0) || isZero(signature, 32) || Arrays.compareUnsigned(signature, 0, 32, N_BYTES, 0, 32) >= 0) {
            throw new InvalidSignatureException(InvalidSignatureException.Kind.INVALID, "has r or s out of range", null);
        }
        return v - 27;
    }

    /**
     * The failure of a signature that passed {@link #checkCanonical} but recovers to no key.
     *
     * @param cause the backend's failure, or null
     * @return the exception to throw
     */
    static InvalidSignatureException noKey(Throwable cause) {
        return new InvalidSignatureException(InvalidSignatureException.Kind.INVALID, "does not recover to any key", cause);
    }

    /**
     * The address of an uncompressed public key given as its 64 bytes {@code X ‖ Y}.
     *
     * @param xy an array holding the 64 bytes
     * @param offset where {@code X} starts (1 for a 65-byte {@code 0x04 ‖ X ‖ Y} encoding)
     * @return the address: the last 20 bytes of {@code keccak256(X ‖ Y)}
     */
    public static EvmAddress addressOfPublicKey(byte[] xy, int offset) {
        byte[] hash = Keccak256.of(xy, offset, 64);
        return EvmAddress.of("0x" + HEX.formatHex(hash, 12, 32));
    }

    /**
     * The address of a public key given as web3j does, the 512-bit integer {@code X ‖ Y}.
     *
     * @param publicKey the key
     * @return its address
     */
    public static EvmAddress addressOfPublicKey(BigInteger publicKey) {
        byte[] raw = publicKey.toByteArray();
        byte[] xy = new byte[64];
        int start = raw.length > 64 ? raw.length - 64 : 0;
        System.arraycopy(raw, start, xy, 64 - (raw.length - start), raw.length - start);
        return addressOfPublicKey(xy, 0);
    }

    /**
     * A non-negative integer below 2^256 as a 32-byte big-endian word.
     *
     * @param value the integer
     * @return 32 bytes
     */
    static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int start = raw.length > 32 ? raw.length - 32 : 0;
        System.arraycopy(raw, start, out, 32 - (raw.length - start), raw.length - start);
        return out;
    }

    private static boolean isZero(byte[] a, int from) {
        int acc = 0;
        for (int i = from; i < from + 32; i++) {
            acc |= a[i];
        }
        return acc == 0;
    }
}
