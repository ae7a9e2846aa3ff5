package io.hashmix.proofs.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;

/**
 * Writes a fixed number of 32-byte ABI words into one buffer, exactly as Solidity's {@code abi.encode}
 * lays out static values, then hashes it. Typed structs use it to compute their EIP-712
 * {@code structHash} directly from their fields, with no JSON and no intermediate {@code Type} objects.
 *
 * <p>Each {@code put} call appends one word: addresses are left-padded to 32 bytes, unsigned integers are
 * big-endian and left-padded, {@code bytes32} values are copied as is, and {@code string}/{@code bytes}
 * members are replaced by their keccak-256 as EIP-712 requires for dynamic types.
 *
 * <p>Instances are single-use, short-lived builders and not thread-safe; nothing is shared between them.
 */
public final class AbiWords {

    /** 2^256 - 1, the largest {@code uint256}. */
    public static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    /** 2^32 - 1, the largest {@code uint32}. */
    public static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final byte[] buffer;
    private int words;

    private AbiWords(int wordCount) {
        this.buffer = new byte[wordCount * Bytes32.LENGTH];
    }

    /**
     * Starts an encoding of exactly {@code wordCount} words.
     *
     * @param wordCount number of words that will be written
     * @return a fresh builder
     * @throws IllegalArgumentException if {@code wordCount} is not positive
     */
    public static AbiWords of(int wordCount) {
        if (wordCount <= 0) {
            throw new IllegalArgumentException("word count must be positive, got " + wordCount);
        }
        return new AbiWords(wordCount);
    }

    /**
     * Appends a {@code bytes32} word.
     *
     * @param word the value
     * @return this builder
     */
    public AbiWords bytes32(Bytes32 word) {
        word.copyTo(buffer, next());
        return this;
    }

    /**
     * Appends a {@code bytes32} word given as a raw 32-byte array (not retained).
     *
     * @param word 32 bytes
     * @return this builder
     * @throws IllegalArgumentException if the array is not 32 bytes
     */
    public AbiWords bytes32(byte[] word) {
        if (word == null || word.length != Bytes32.LENGTH) {
            throw new IllegalArgumentException("bytes32 word must be 32 bytes");
        }
        System.arraycopy(word, 0, buffer, next(), Bytes32.LENGTH);
        return this;
    }

    /**
     * Appends an {@code address} word (12 zero bytes, then the 20 address bytes).
     *
     * @param address the address
     * @return this builder
     */
    public AbiWords address(EvmAddress address) {
        int at = next() + 12;
        String hex = address.hex();
        for (int i = 0; i < 20; i++) {
            buffer[at + i] = (byte) ((Character.digit(hex.charAt(2 + 2 * i), 16) << 4)
                    | Character.digit(hex.charAt(3 + 2 * i), 16));
        }
        return this;
    }

    /**
     * Appends a {@code uint256} word.
     *
     * @param value 0 .. 2^256-1
     * @return this builder
     * @throws IllegalArgumentException if the value is null, negative or above 2^256-1
     */
    public AbiWords uint256(BigInteger value) {
        checkUint256(value, "uint256 value");
        byte[] raw = value.toByteArray();
        int start = raw.length > Bytes32.LENGTH ? 1 : 0; // drop the sign byte of values >= 2^255
        int len = raw.length - start;
        System.arraycopy(raw, start, buffer, next() + Bytes32.LENGTH - len, len);
        return this;
    }

    /**
     * Appends an unsigned 64-bit word ({@code uint64}, or any smaller uint). The {@code long} is read as
     * unsigned, so {@code -1L} encodes {@code 2^64-1}.
     *
     * @param unsignedValue the value, as unsigned 64 bits
     * @return this builder
     */
    public AbiWords uint64(long unsignedValue) {
        int end = next() + Bytes32.LENGTH;
        for (int i = 1; i <= 8; i++) {
            buffer[end - i] = (byte) (unsignedValue >>> (8 * (i - 1)));
        }
        return this;
    }

    /**
     * Appends a {@code bool} word.
     *
     * @param value the flag
     * @return this builder
     */
    public AbiWords bool(boolean value) {
        int at = next();
        buffer[at + Bytes32.LENGTH - 1] = (byte) (value ? 1 : 0);
        return this;
    }

    /**
     * Appends the EIP-712 encoding of a {@code string} member: {@code keccak256(bytes(value))} (UTF-8).
     *
     * @param value the string
     * @return this builder
     */
    public AbiWords string(String value) {
        if (value == null) {
            throw new IllegalArgumentException("string member must not be null");
        }
        System.arraycopy(Hash.sha3(value.getBytes(StandardCharsets.UTF_8)), 0, buffer, next(), Bytes32.LENGTH);
        return this;
    }

    /**
     * The encoded words so far (a copy).
     *
     * @return {@code 32 * words} bytes
     * @throws IllegalStateException if fewer words were written than announced
     */
    public byte[] encoded() {
        checkComplete();
        return buffer.clone();
    }

    /**
     * keccak-256 of the encoded words.
     *
     * @return the hash
     * @throws IllegalStateException if fewer words were written than announced
     */
    public Bytes32 keccak() {
        checkComplete();
        return new Bytes32(Hash.sha3(buffer));
    }

    /**
     * Checks that a value fits a {@code uint256}.
     *
     * @param value the value
     * @param what name used in the error message
     * @throws IllegalArgumentException naming {@code what} if it is null or out of range
     */
    public static void checkUint256(BigInteger value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException(what + " must be within uint256 (0 .. 2^256-1), got " + value);
        }
    }

    private int next() {
        if (words * Bytes32.LENGTH >= buffer.length) {
            throw new IllegalStateException("all " + words + " words were already written");
        }
        return Bytes32.LENGTH * words++;
    }

    private void checkComplete() {
        if (words * Bytes32.LENGTH != buffer.length) {
            throw new IllegalStateException("wrote " + words + " of " + buffer.length / Bytes32.LENGTH + " words");
        }
    }
}
