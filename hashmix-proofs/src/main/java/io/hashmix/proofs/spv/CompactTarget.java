package io.hashmix.proofs.spv;

import java.math.BigInteger;

/**
 * The {@code nBits} ("compact") encoding of a proof-of-work target, and the work a target stands for.
 *
 * <p>{@code nBits} is {@code exponent (1 byte) || mantissa (3 bytes)}: target = mantissa * 256^(exponent-3),
 * where bit {@code 0x00800000} is a sign bit. {@link #decode} follows Bitcoin Core's {@code SetCompact} and,
 * like {@code CheckProofOfWork}, refuses a negative, overflowing (more than 256 bits) or zero target.
 * {@link #encode} is Core's {@code GetCompact}; an encoding is {@linkplain #isCanonical canonical} when it is what
 * {@code GetCompact} produces for its own target, which holds for every {@code nBits} a valid chain carries.
 */
public final class CompactTarget {

    /** 2^256. */
    public static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private CompactTarget() {
    }

    /**
     * The target an {@code nBits} value encodes.
     *
     * @param nBits the compact encoding, 0 .. 2^32-1
     * @return the target, 1 .. 2^256-1
     * @throws IllegalArgumentException if {@code nBits} is out of the uint32 range, or encodes a negative,
     *         overflowing or zero target
     */
    public static BigInteger decode(long nBits) {
        if (nBits < 0 || nBits > 0xffffffffL) {
            throw new IllegalArgumentException("nBits must be a uint32, got " + nBits);
        }
        int size = (int) (nBits >>> 24);
        long word = nBits & 0x007fffffL;
        BigInteger target;
        if (size <= 3) {
            word >>>= 8 * (3 - size);
            target = BigInteger.valueOf(word);
        } else {
            target = BigInteger.valueOf(word).shiftLeft(8 * (size - 3));
        }
        if (word != 0 && (nBits & 0x00800000L) != 0) {
            throw new IllegalArgumentException(String.format("nBits 0x%08x encodes a negative target", nBits));
        }
        if (word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) {
            throw new IllegalArgumentException(String.format("nBits 0x%08x overflows 256 bits", nBits));
        }
        if (target.signum() == 0) {
            throw new IllegalArgumentException(String.format("nBits 0x%08x encodes a zero target", nBits));
        }
        return target;
    }

    /**
     * The canonical compact encoding of a target (Core's {@code GetCompact}; precision beyond the 3-byte
     * mantissa is truncated).
     *
     * @param target a target, 0 .. 2^256-1
     * @return its {@code nBits}
     * @throws IllegalArgumentException if the target is null, negative or 2^256 or more
     */
    public static long encode(BigInteger target) {
        if (target == null || target.signum() < 0 || target.bitLength() > 256) {
            throw new IllegalArgumentException("a target is 0 .. 2^256-1, got " + target);
        }
        int size = (target.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = target.longValue() << (8 * (3 - size));
        } else {
            compact = target.shiftRight(8 * (size - 3)).longValue();
        }
        if ((compact & 0x00800000L) != 0) {
            compact >>>= 8;
            size++;
        }
        return compact | ((long) size << 24);
    }

    /**
     * Whether {@code nBits} decodes to a valid target and is the canonical encoding of it.
     *
     * @param nBits the compact encoding
     * @return true if {@code encode(decode(nBits)) == nBits}
     */
    public static boolean isCanonical(long nBits) {
        try {
            return encode(decode(nBits)) == nBits;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The expected number of hashes to find a header meeting a target: {@code floor(2^256 / (target + 1))},
     * Bitcoin Core's {@code GetBlockProof}.
     *
     * @param target a target, 0 .. 2^256-1
     * @return the work
     * @throws IllegalArgumentException if the target is null or out of range
     */
    public static BigInteger work(BigInteger target) {
        if (target == null || target.signum() < 0 || target.bitLength() > 256) {
            throw new IllegalArgumentException("a target is 0 .. 2^256-1, got " + target);
        }
        return TWO_256.divide(target.add(BigInteger.ONE));
    }
}
