package io.hashmix.proofs;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Id of a hash power product (a block of attested capacity); ids start at 1.
 *
 * @param value the on-chain uint256 id, positive
 */
public record ProductId(BigInteger value) implements Comparable<ProductId> {

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException if it is not in 1..2^256-1
     */
    public ProductId {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("ProductId must be in 1..2^256-1, got " + value);
        }
    }

    /** The id of a number. */
    public static ProductId of(long value) {
        return new ProductId(BigInteger.valueOf(value));
    }

    @Override
    public int compareTo(ProductId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
