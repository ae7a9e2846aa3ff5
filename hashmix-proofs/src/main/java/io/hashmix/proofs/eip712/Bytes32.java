package io.hashmix.proofs.eip712;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.web3j.crypto.Hash;

/**
 * An immutable 32-byte value: a Solidity {@code bytes32}, a keccak-256 hash, a Merkle node.
 *
 * <p>This is the one type for "32 opaque bytes" in the proofs module (hardware roots, metadata hashes,
 * struct hashes, digests, Merkle proofs). Ordering ({@link #compareTo}) is unsigned byte-wise, which is
 * the order of the same words as {@code uint256} on chain.
 *
 * @param value the 32 bytes (defensively copied in and out)
 */
public record Bytes32(byte[] value) implements Comparable<Bytes32> {

    /** Number of bytes in a value. */
    public static final int LENGTH = 32;

    /** The all-zero word. */
    public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Wraps 32 bytes.
     *
     * @throws IllegalArgumentException if {@code value} is null or not 32 bytes long
     */
    public Bytes32 {
        if (value == null) {
            throw new IllegalArgumentException("bytes32 value must not be null");
        }
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("bytes32 value must be 32 bytes, got " + value.length);
        }
        value = value.clone();
    }

    /**
     * Wraps a copy of 32 bytes (alias of the constructor).
     *
     * @param value 32 bytes
     * @return the wrapped value
     * @throws IllegalArgumentException if {@code value} is null or not 32 bytes long
     */
    public static Bytes32 of(byte[] value) {
        return new Bytes32(value);
    }

    /**
     * Parses {@code 0x} followed by exactly 64 hex digits (either case).
     *
     * @param hex the text
     * @return the parsed value
     * @throws IllegalArgumentException if the text is null, lacks the prefix, has the wrong length or a non-hex digit
     */
    public static Bytes32 fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("bytes32 hex must not be null");
        }
        if (hex.length() != 2 + 2 * LENGTH || !hex.startsWith("0x")) {
            throw new IllegalArgumentException("bytes32 must be 0x followed by 64 hex digits: '" + abbreviate(hex) + "'");
        }
        try {
            return new Bytes32(HEX.parseHex(hex, 2, hex.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bytes32 is not valid hex: '" + hex + "'", e);
        }
    }

    /**
     * keccak-256 of the given bytes.
     *
     * @param data the preimage (not modified)
     * @return {@code keccak256(data)}
     * @throws IllegalArgumentException if {@code data} is null
     */
    public static Bytes32 keccak(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("keccak input must not be null");
        }
        return new Bytes32(Hash.sha3(data));
    }

    /**
     * keccak-256 of the UTF-8 bytes of a string, like {@code keccak256(bytes(s))} in Solidity.
     *
     * @param text the string
     * @return the hash
     * @throws IllegalArgumentException if {@code text} is null
     */
    public static Bytes32 keccakUtf8(String text) {
        if (text == null) {
            throw new IllegalArgumentException("keccak input string must not be null");
        }
        return new Bytes32(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The 32 bytes as a fresh array. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Copies the 32 bytes into {@code target} at {@code offset}, without an intermediate array.
     *
     * @param target destination
     * @param offset where the first byte goes
     */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(value, 0, target, offset, LENGTH);
    }

    /**
     * The byte at an index.
     *
     * @param index 0..31
     * @return the byte
     */
    public byte get(int index) {
        return value[index];
    }

    /** Whether every byte is zero. */
    public boolean isZero() {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The value as {@code 0x} followed by 64 lowercase hex digits. */
    public String toHex() {
        return "0x" + HEX.formatHex(value);
    }

    /** Unsigned lexicographic order (the {@code uint256} order of the same word). */
    @Override
    public int compareTo(Bytes32 other) {
        return Arrays.compareUnsigned(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + " chars)" : s;
    }
}
