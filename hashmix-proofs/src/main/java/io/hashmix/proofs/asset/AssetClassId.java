package io.hashmix.proofs.asset;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Identifier of an asset class (a kind of hash power, e.g. {@code BTC-SHA256} in TH/s).
 *
 * <p>The id is {@code keccak256(bytes(symbol))}, exactly as {@code AssetClassRegistry.assetClassId}
 * computes it on chain; the shared vectors in {@code test-vectors/asset-class-ids.json} pin that
 * agreement. Symbols are 1 to 32 bytes of {@code A-Z 0-9 -}, not starting or ending with {@code -}.
 *
 * @param bytes the 32-byte id
 */
public record AssetClassId(Bytes32 bytes) {

    /** Largest symbol length in bytes, as enforced by the registry contract. */
    public static final int MAX_SYMBOL_LENGTH = 32;

    /** Checks the id. */
    public AssetClassId {
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * Wraps a 32-byte id (copied).
     *
     * @throws IllegalArgumentException if {@code value} is not 32 bytes
     */
    public AssetClassId(byte[] value) {
        this(Bytes32.of(value));
    }

    /**
     * Derives the id of a symbol after checking it against the registry's rules.
     *
     * @param symbol e.g. {@code BTC-SHA256}
     * @return the id the registry assigns to that symbol
     * @throws IllegalArgumentException naming the rule the symbol breaks
     */
    public static AssetClassId ofSymbol(String symbol) {
        validateSymbol(symbol);
        return new AssetClassId(Bytes32.keccak(symbol.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Parses a {@code 0x}-prefixed 32-byte hex id.
     *
     * @throws IllegalArgumentException if the text is not 0x followed by 64 hex digits
     */
    public static AssetClassId fromHex(String hex) {
        try {
            return new AssetClassId(Bytes32.fromHex(hex));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("asset class id must be 0x followed by 64 hex digits: '" + hex + "'", e);
        }
    }

    /**
     * Checks a symbol against the registry's rules, so bad input fails before any transaction.
     *
     * @throws IllegalArgumentException naming the broken rule
     */
    public static void validateSymbol(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("asset class symbol must not be empty");
        }
        if (symbol.length() > MAX_SYMBOL_LENGTH) {
            throw new IllegalArgumentException("asset class symbol is " + symbol.length()
                    + " characters, at most " + MAX_SYMBOL_LENGTH + " allowed: '" + symbol + "'");
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                throw new IllegalArgumentException("asset class symbol may hold only A-Z, 0-9 and '-', found '"
                        + c + "' at index " + i + " in '" + symbol + "'");
            }
        }
        if (symbol.charAt(0) == '-' || symbol.charAt(symbol.length() - 1) == '-') {
            throw new IllegalArgumentException("asset class symbol must not start or end with '-': '" + symbol + "'");
        }
    }

    /** The id as a fresh 32-byte array. */
    public byte[] value() {
        return bytes.value();
    }

    /** The id as {@code 0x}-prefixed lowercase hex. */
    public String toHex() {
        return bytes.toHex();
    }

    @Override
    public String toString() {
        return toHex();
    }
}
