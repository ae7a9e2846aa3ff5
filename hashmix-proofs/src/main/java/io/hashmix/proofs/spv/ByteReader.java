package io.hashmix.proofs.spv;

import java.util.Arrays;

import io.hashmix.proofs.eip712.Bytes32;

/** A bounds-checked little-endian cursor over Bitcoin wire bytes; every failure is a {@link BitcoinFormatException}. */
final class ByteReader {

    private final byte[] data;
    private final String what;
    private int pos;

    ByteReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return data.length - pos;
    }

    private void need(int n, String field) {
        if (n < 0 || n > remaining()) {
            throw new BitcoinFormatException(what + " truncated: " + field + " needs " + n + " bytes at offset " + pos
                    + ", " + remaining() + " left");
        }
    }

    int peek(int ahead) {
        return pos + ahead < data.length ? data[pos + ahead] & 0xff : -1;
    }

    int u8(String field) {
        need(1, field);
        return data[pos++] & 0xff;
    }

    long u32(String field) {
        need(4, field);
        long v = (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16
                | (data[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    long i64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    Bytes32 hash(String field) {
        return new Bytes32(bytes(32, field));
    }

    /** A canonical CompactSize; counts and lengths additionally must fit in what is left. */
    long varInt(String field) {
        VarInt.Decoded d;
        try {
            d = VarInt.decode(data, pos);
        } catch (BitcoinFormatException e) {
            throw new BitcoinFormatException(what + ": " + field + ": " + e.getMessage(), e);
        }
        pos += d.length();
        return d.value();
    }

    /** A varint count or length of items each at least {@code minItemBytes} long, bounded by the bytes left. */
    int length(String field, int minItemBytes) {
        int at = pos;
        long n = varInt(field);
        if (Long.compareUnsigned(n, VarInt.MAX_SIZE) > 0 || n * (long) minItemBytes > remaining()) {
            throw new BitcoinFormatException(what + ": " + field + " " + Long.toUnsignedString(n) + " at offset " + at
                    + " exceeds the " + remaining() + " bytes left");
        }
        return (int) n;
    }

    void requireEnd() {
        if (pos != data.length) {
            throw new BitcoinFormatException(what + ": " + (data.length - pos) + " trailing bytes at offset " + pos);
        }
    }
}
