package io.hashmix.proofs.spv;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Bitcoin's double SHA-256 and the two byte orders of its hashes.
 *
 * <p><b>Byte order convention of this package.</b> Every {@link Bytes32} that holds a Bitcoin hash (txid,
 * block hash, Merkle node, previous-block hash, Merkle root) is in <em>internal</em> order: the 32 bytes exactly
 * as {@code SHA256(SHA256(x))} returns them and exactly as they appear inside headers and transactions on the
 * wire. {@link Bytes32#toHex()} therefore prints internal order with a {@code 0x} prefix. Block explorers
 * and Bitcoin Core's RPC print the same hashes <em>reversed</em> ("display" order, no prefix): use
 * {@link #toDisplayHex} and {@link #fromDisplayHex} to cross that boundary, and nowhere else. A header hash meets
 * its target when the display-order hex, read as a big-endian number, is at most the target.
 */
public final class BitcoinHash {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private BitcoinHash() {
    }

    /**
     * {@code SHA256(SHA256(data))}, internal byte order.
     *
     * @param data the bytes (not modified)
     * @return the hash
     * @throws IllegalArgumentException if {@code data} is null
     */
    public static Bytes32 sha256d(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("sha256d input must not be null");
        }
        return sha256d(data, 0, data.length);
    }

    /**
     * {@code SHA256(SHA256(data[offset .. offset+length)))}, internal byte order.
     *
     * @param data the bytes (not modified)
     * @param offset first byte
     * @param length number of bytes
     * @return the hash
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    public static Bytes32 sha256d(byte[] data, int offset, int length) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(data, offset, length);
        byte[] first = md.digest();
        return new Bytes32(md.digest(first));
    }

    /**
     * The parent of two Merkle nodes: {@code sha256d(left || right)}.
     *
     * @param left left child, internal order
     * @param right right child, internal order
     * @return the parent, internal order
     */
    public static Bytes32 hashPair(Bytes32 left, Bytes32 right) {
        byte[] buf = new byte[64];
        left.copyTo(buf, 0);
        right.copyTo(buf, 32);
        return sha256d(buf);
    }

    /**
     * The hash reversed: internal to display order or back.
     *
     * @param hash a hash in one order
     * @return the same hash in the other order
     */
    public static Bytes32 reversed(Bytes32 hash) {
        byte[] v = hash.value();
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            byte t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return new Bytes32(v);
    }

    /**
     * Display (RPC, block explorer) hex of an internal-order hash: reversed, 64 lowercase digits, no prefix.
     *
     * @param internal the hash in internal order
     * @return e.g. {@code 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f} for the genesis block
     */
    public static String toDisplayHex(Bytes32 internal) {
        return HEX.formatHex(reversed(internal).value());
    }

    /**
     * Parses display (RPC) hex into an internal-order hash.
     *
     * @param display exactly 64 hex digits, no {@code 0x} prefix, either case
     * @return the hash in internal order
     * @throws IllegalArgumentException if the text is null, not 64 characters or not hex
     */
    public static Bytes32 fromDisplayHex(String display) {
        if (display == null || display.length() != 64) {
            throw new IllegalArgumentException("a display-order hash is 64 hex digits without 0x, got "
                    + (display == null ? "null" : display.length() + " characters"));
        }
        try {
            return reversed(new Bytes32(HEX.parseHex(display)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a display-order hash must be hex: '" + display + "'", e);
        }
    }
}
