package io.hashmix.proofs.spv;

import java.math.BigInteger;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * An 80-byte Bitcoin block header. Hashes are in internal byte order (see {@link BitcoinHash}).
 *
 * <p>Wire layout: {@code version (int32 LE) | prevHash (32) | merkleRoot (32) | time (uint32 LE) |
 * nBits (uint32 LE) | nonce (uint32 LE)}. The block hash is {@code sha256d} of these 80 bytes.
 *
 * @param version block version (signed 32-bit, as Core reads it)
 * @param prevHash hash of the parent block, internal order
 * @param merkleRoot root of the block's transaction Merkle tree, internal order
 * @param time block timestamp (uint32, seconds)
 * @param nBits compact target (uint32), see {@link CompactTarget}
 * @param nonce the nonce (uint32)
 */
public record BlockHeader(int version, Bytes32 prevHash, Bytes32 merkleRoot, long time, long nBits, long nonce) {

    /** Serialized size of a header. */
    public static final int SIZE = 80;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a hash is null or a uint32 field is out of range
     */
    public BlockHeader {
        if (prevHash == null || merkleRoot == null) {
            throw new IllegalArgumentException("header hashes must not be null");
        }
        requireUint32(time, "time");
        requireUint32(nBits, "nBits");
        requireUint32(nonce, "nonce");
    }

    private static void requireUint32(long v, String field) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("header " + field + " must be a uint32, got " + v);
        }
    }

    /**
     * Parses 80 wire bytes.
     *
     * @param raw the header
     * @return the header
     * @throws BitcoinFormatException if {@code raw} is null or not exactly 80 bytes
     */
    public static BlockHeader parse(byte[] raw) {
        if (raw == null || raw.length != SIZE) {
            throw new BitcoinFormatException("a block header is exactly 80 bytes, got "
                    + (raw == null ? "null" : raw.length));
        }
        ByteReader r = new ByteReader(raw, "block header");
        int version = (int) r.u32("version");
        Bytes32 prev = r.hash("prevHash");
        Bytes32 root = r.hash("merkleRoot");
        return new BlockHeader(version, prev, root, r.u32("time"), r.u32("nBits"), r.u32("nonce"));
    }

    /** The 80 wire bytes. */
    public byte[] serialize() {
        byte[] out = new byte[SIZE];
        putU32(out, 0, version & 0xffffffffL);
        prevHash.copyTo(out, 4);
        merkleRoot.copyTo(out, 36);
        putU32(out, 68, time);
        putU32(out, 72, nBits);
        putU32(out, 76, nonce);
        return out;
    }

    private static void putU32(byte[] out, int at, long v) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** The block hash, {@code sha256d(serialize())}, internal order. */
    public Bytes32 hash() {
        return BitcoinHash.sha256d(serialize());
    }

    /** The block hash as the big-endian number compared with the target (display order read as hex). */
    public BigInteger hashAsNumber() {
        return new BigInteger(1, BitcoinHash.reversed(hash()).value());
    }

    /**
     * The target {@code nBits} encodes.
     *
     * @return the target
     * @throws IllegalArgumentException if {@code nBits} is negative, overflowing or zero
     */
    public BigInteger target() {
        return CompactTarget.decode(nBits);
    }

    /**
     * Work of this header, {@code 2^256 / (target + 1)}.
     *
     * @return the work
     * @throws IllegalArgumentException if {@code nBits} is invalid
     */
    public BigInteger work() {
        return CompactTarget.work(target());
    }

    /**
     * Whether the hash, as a number, is at most the target.
     *
     * @return true if this header carries the proof of work its {@code nBits} demands
     * @throws IllegalArgumentException if {@code nBits} is invalid
     */
    public boolean meetsTarget() {
        return hashAsNumber().compareTo(target()) <= 0;
    }

    /**
     * A copy with another nonce (used by miners).
     *
     * @param newNonce the nonce
     * @return the new header
     */
    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, prevHash, merkleRoot, time, nBits, newNonce);
    }
}
