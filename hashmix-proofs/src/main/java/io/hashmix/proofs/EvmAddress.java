package io.hashmix.proofs;

import java.util.Locale;
import java.util.Objects;

import org.web3j.crypto.Keys;

/**
 * A 20-byte EVM account or contract address.
 *
 * <p>Stored lowercase so equal addresses compare equal whatever their input casing; printed with
 * the EIP-55 checksum. Mixed-case input must carry a valid checksum, so a mistyped address fails
 * here instead of sending value to nowhere.
 *
 * @param hex the address as {@code 0x} followed by 40 lowercase hex digits
 */
public record EvmAddress(String hex) {

    /** The zero address. */
    public static final EvmAddress ZERO = new EvmAddress("0x0000000000000000000000000000000000000000");

    /**
     * Validates and normalizes an address.
     *
     * @throws IllegalArgumentException if it is not 0x + 40 hex digits, or mixed case with a bad checksum
     */
    public EvmAddress {
        Objects.requireNonNull(hex, "address");
        if (hex.length() != 42 || !(hex.startsWith("0x") || hex.startsWith("0X"))) {
            throw new IllegalArgumentException("address must be 0x followed by 40 hex digits: '" + hex + "'");
        }
        String body = hex.substring(2);
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("address holds a non-hex character: '" + hex + "'");
            }
        }
        boolean mixedCase = !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
        if (mixedCase && !Keys.toChecksumAddress(body).substring(2).equals(body)) {
            throw new IllegalArgumentException("address has an invalid EIP-55 checksum: '" + hex + "'");
        }
        hex = "0x" + body.toLowerCase(Locale.ROOT);
    }

    /** Parses an address (alias of the constructor, reads better at call sites). */
    public static EvmAddress of(String hex) {
        return new EvmAddress(hex);
    }

    /** The address with its EIP-55 checksum. */
    public String toChecksumHex() {
        return Keys.toChecksumAddress(hex);
    }

    /** Whether this is the zero address. */
    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public String toString() {
        return toChecksumHex();
    }
}
