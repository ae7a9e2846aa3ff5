package io.hashmix.proofs.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * keccak-256 straight on Bouncy Castle's {@link KeccakDigest}, without the JCA {@code MessageDigest} wrapper
 * that {@code org.web3j.crypto.Hash.sha3} allocates per call. Byte-for-byte the same hash.
 *
 * <p>The static methods are stateless (a fresh digest per call). For a loop of many hashes, such as the
 * levels of a Merkle proof, create one instance and reuse it: an instance is single-threaded, mutable
 * scratch state and must not be shared between threads.
 */
public final class Keccak256 {

    /** Output length in bytes. */
    public static final int LENGTH = 32;

    private final KeccakDigest digest = new KeccakDigest(256);

    /** A reusable hasher for one thread. */
    public Keccak256() {
    }

    /**
     * Hashes a range and writes the 32-byte result into {@code out} at {@code outOffset}.
     *
     * @param in input
     * @param offset first input byte
     * @param length number of input bytes
     * @param out destination
     * @param outOffset where the first hash byte goes
     */
    public void hashInto(byte[] in, int offset, int length, byte[] out, int outOffset) {
        digest.update(in, offset, length);
        digest.doFinal(out, outOffset);
    }

    /**
     * Hashes a range into a fresh array.
     *
     * @param in input
     * @param offset first input byte
     * @param length number of input bytes
     * @return the 32-byte hash
     */
    public byte[] hash(byte[] in, int offset, int length) {
        byte[] out = new byte[LENGTH];
        hashInto(in, offset, length, out, 0);
        return out;
    }

    /**
     * keccak-256 of a whole array.
     *
     * @param in input (not modified)
     * @return the 32-byte hash
     */
    public static byte[] of(byte[] in) {
        return of(in, 0, in.length);
    }

    /**
     * keccak-256 of a range.
     *
     * @param in input (not modified)
     * @param offset first byte
     * @param length number of bytes
     * @return the 32-byte hash
     */
    public static byte[] of(byte[] in, int offset, int length) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(in, offset, length);
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }
}
