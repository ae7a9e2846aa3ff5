package io.hashmix.proofs;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Id of a hash power token (an NFT slice of a product); ids start at 1.
 *
 * @param value the on-chain uint256 id, positive
 */
public record TokenId(BigInteger value) implements Comparable<TokenId> {

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException if it is not in 1..2^256-1
     */
    public TokenId {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("TokenId must be in 1..2^256-1, got " + value);
        }
    }

    /** The id of a number. */
    public static TokenId of(long value) {
        return new TokenId(BigInteger.valueOf(value));
    }

    @Override
    public int compareTo(TokenId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
