package io.hashmix.proofs.spv;

/**
 * Bitcoin's variable-length integer ("CompactSize"): one byte below {@code 0xfd}, else a marker
 * ({@code 0xfd}, {@code 0xfe}, {@code 0xff}) and a 2-, 4- or 8-byte little-endian value.
 *
 * <p>Decoding is strict like Bitcoin Core's {@code ReadCompactSize}: a value that fits a shorter form
 * (e.g. {@code fd 0a 00} for 10) is non-canonical and rejected, and so is a truncated encoding. Parsers of this
 * package additionally bound every count and length by {@link #MAX_SIZE} and by the bytes that remain.
 */
public final class VarInt {

    /** Bitcoin Core's {@code MAX_SIZE}: the largest count or length a serialization may declare (32 MiB). */
    public static final long MAX_SIZE = 0x02000000L;

    /**
     * A decoded varint.
     *
     * @param value the value, an unsigned 64-bit number held in a {@code long}
     * @param length how many bytes the encoding took (1, 3, 5 or 9)
     */
    public record Decoded(long value, int length) {
    }

    private VarInt() {
    }

    /**
     * Decodes the varint starting at {@code offset}.
     *
     * @param data the bytes (not modified)
     * @param offset where the varint starts
     * @return its value and encoded length
     * @throws BitcoinFormatException if the bytes end too early or the encoding is not the shortest one
     * @throws IllegalArgumentException if {@code data} is null or the offset negative
     */
    public static Decoded decode(byte[] data, int offset) {
        if (data == null || offset < 0) {
            throw new IllegalArgumentException("varint input must be non-null with a non-negative offset");
        }
        if (offset >= data.length) {
            throw new BitcoinFormatException("varint truncated: no byte at offset " + offset);
        }
        int first = data[offset] & 0xff;
        int size = switch (first) {
            case 0xfd -> 2;
            case 0xfe -> 4;
            case 0xff -> 8;
            default -> 0;
        };
        if (size == 0) {
            return new Decoded(first, 1);
        }
        if (offset + 1 + size > data.length) {
            throw new BitcoinFormatException("varint truncated: marker 0x" + Integer.toHexString(first) + " at offset "
                    + offset + " needs " + size + " more bytes, " + (data.length - offset - 1) + " left");
        }
        long v = 0;
        for (int i = size; i >= 1; i--) {
            v = v << 8 | (data[offset + i] & 0xffL);
        }
        long min = switch (size) {
            case 2 -> 0xfdL;
            case 4 -> 0x10000L;
            default -> 0x100000000L;
        };
        if (Long.compareUnsigned(v, min) < 0) {
            throw new BitcoinFormatException("non-canonical varint at offset " + offset + ": "
                    + Long.toUnsignedString(v) + " encoded in " + (size + 1) + " bytes");
        }
        return new Decoded(v, size + 1);
    }

    /**
     * The canonical (shortest) encoding.
     *
     * @param value an unsigned 64-bit value
     * @return its encoding
     */
    public static byte[] encode(long value) {
        int size = size(value);
        byte[] out = new byte[size];
        if (size == 1) {
            out[0] = (byte) value;
            return out;
        }
        out[0] = (byte) (size == 3 ? 0xfd : size == 5 ? 0xfe : 0xff);
        for (int i = 1; i < size; i++) {
            out[i] = (byte) (value >>> (8 * (i - 1)));
        }
        return out;
    }

    /**
     * Length of the canonical encoding.
     *
     * @param value an unsigned 64-bit value
     * @return 1, 3, 5 or 9
     */
    public static int size(long value) {
        if (Long.compareUnsigned(value, 0xfdL) < 0) {
            return 1;
        }
        if (Long.compareUnsigned(value, 0xffffL) <= 0) {
            return 3;
        }
        if (Long.compareUnsigned(value, 0xffffffffL) <= 0) {
            return 5;
        }
        return 9;
    }
}
