package io.hashmix.proofs.market;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Struct;

/**
 * A signed {@code HashMixMarket} order: one of the four EIP-712 structs {@link Listing}, {@link Offer},
 * {@link CriteriaOffer} (the {@link PricedOrder}s, paid in a currency) and {@link SwapOrder} (a token for a
 * token). Switch over the records with pattern matching; the hierarchy is sealed.
 *
 * <p>Every order has a maker (who signs it), a {@code counter} (it dies when the maker's on-chain counter
 * moves past it), a {@code salt} (so equal terms give distinct orders) and an {@code expiry}.
 * {@code uint64} values are Java {@code long}s read as unsigned ({@code -1L} is {@code 2^64-1}).
 */
public sealed interface Order extends Eip712Struct permits PricedOrder, SwapOrder {

    /**
     * What kind of order this is.
     *
     * @return the kind (with its on-chain code)
     */
    OrderKind kind();

    /**
     * The exact EIP-712 type string, the kind's ({@link OrderKind#typeString()}).
     *
     * @return the type string
     */
    @Override
    default String typeString() {
        return kind().typeString();
    }

    /**
     * The type hash, the kind's ({@link OrderKind#typeHash()}, computed once).
     *
     * @return {@code keccak256(typeString())}
     */
    @Override
    default Bytes32 typeHash() {
        return kind().typeHash();
    }

    /**
     * Who signs the order: the listing's seller, the offer's buyer, the swap's maker.
     *
     * @return the maker
     */
    EvmAddress maker();

    /**
     * The maker's order counter the order was signed under ({@code uint256}).
     *
     * @return the counter
     */
    BigInteger counter();

    /**
     * The salt that tells otherwise equal orders apart ({@code uint256}).
     *
     * @return the salt
     */
    BigInteger salt();

    /**
     * The last unix second at which the order may be filled ({@code uint64}, unsigned).
     *
     * @return the expiry
     */
    long expiry();

    /**
     * Whether the order has expired at {@code nowEpochSeconds}: the market rejects a fill when
     * {@code block.timestamp > expiry}, so the expiry second itself is still valid.
     *
     * @param nowEpochSeconds current unix time in seconds
     * @return true if expired
     */
    default boolean isExpiredAt(long nowEpochSeconds) {
        return nowEpochSeconds >= 0 && Long.compareUnsigned(nowEpochSeconds, expiry()) > 0;
    }

    /**
     * A fresh random 256-bit salt from {@link java.security.SecureRandom} (the builders' default).
     *
     * @return the salt
     */
    static BigInteger randomSalt() {
        return OrderRules.randomSalt();
    }

    /**
     * The builder fields every order has: {@code counter} (default 0), {@code salt} (default: a fresh random
     * 256-bit value, drawn at {@link #build()}) and {@code expiry} (required). Not thread-safe.
     *
     * @param <O> the order type
     * @param <S> the concrete builder type
     */
    abstract class Builder<O extends Order, S extends Builder<O, S>> {
        private BigInteger counter = BigInteger.ZERO;
        private BigInteger salt;
        private long expiry;

        Builder() {
        }

        /**
         * Sets {@code counter} (default 0: the counter of a maker who never called {@code incrementCounter}).
         *
         * @param v the maker's current on-chain counter ({@code uint256})
         * @return this builder
         */
        public S counter(BigInteger v) {
            counter = v;
            return self();
        }

        /**
         * Sets {@code counter}.
         *
         * @param v the maker's current on-chain counter, non-negative
         * @return this builder
         */
        public S counter(long v) {
            return counter(BigInteger.valueOf(v));
        }

        /**
         * Sets {@code salt} (default: random).
         *
         * @param v the salt ({@code uint256})
         * @return this builder
         */
        public S salt(BigInteger v) {
            salt = v;
            return self();
        }

        /**
         * Sets {@code expiry} (required).
         *
         * @param unixSeconds the last second the order may be filled (unsigned)
         * @return this builder
         */
        public S expiry(long unixSeconds) {
            expiry = unixSeconds;
            return self();
        }

        /**
         * Sets {@code expiry} from an instant (its whole second).
         *
         * @param at the last instant the order may be filled, not before the epoch
         * @return this builder
         */
        public S expiry(Instant at) {
            if (at == null || at.getEpochSecond() < 0) {
                throw new IllegalArgumentException("expiry must be an instant after 1970-01-01T00:00:00Z, got " + at);
            }
            return expiry(at.getEpochSecond());
        }

        /**
         * Builds and validates the order.
         *
         * @return the order
         * @throws IllegalArgumentException naming a missing or out-of-range field; an
         *         {@link OrderValidationException} for a broken market rule
         */
        public abstract O build();

        /** The counter set, or 0. */
        BigInteger counterValue() {
            return counter;
        }

        /** The salt set, or a fresh random one. */
        BigInteger saltValue() {
            return salt != null ? salt : OrderRules.randomSalt();
        }

        /** The expiry set, or 0 (which the record rejects). */
        long expiryValue() {
            return expiry;
        }

        @SuppressWarnings("unchecked")
        final S self() {
            return (S) this;
        }
    }
}
