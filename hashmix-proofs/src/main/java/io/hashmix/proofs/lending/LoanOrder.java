package io.hashmix.proofs.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Struct;

/**
 * A signed {@code HashPowerLending} order: a lender's {@link LoanOffer} for one token, a holder's
 * {@link BorrowRequest} against one of its tokens (both {@link TokenLoanOrder}s) or a lender's
 * {@link CollectionOffer} for any token matching criteria. The hierarchy is sealed: switch over the records.
 *
 * <p>Every order has a maker (who signs it), a currency (the payout token of the collateral's asset class: the
 * token revenue is paid in, so that it repays the loan in kind), an APR in basis points, a duration in seconds,
 * a {@code counter} (the order dies when the maker's on-chain counter moves past it), a {@code salt} and an
 * {@code expiry}. {@code uint64} values are Java {@code long}s read as unsigned.
 */
public sealed interface LoanOrder extends Eip712Struct permits TokenLoanOrder, CollectionOffer {

    /**
     * What kind of order this is.
     *
     * @return the kind
     */
    LoanOrderKind kind();

    /** {@inheritDoc} The kind's type string. */
    @Override
    default String typeString() {
        return kind().typeString();
    }

    /** {@inheritDoc} The kind's type hash, computed once. */
    @Override
    default Bytes32 typeHash() {
        return kind().typeHash();
    }

    /**
     * Who signs the order: the lender of an offer, the borrower of a request.
     *
     * @return the maker
     */
    EvmAddress maker();

    /**
     * The loan currency (an ERC-20; never the native coin).
     *
     * @return the currency
     */
    EvmAddress currency();

    /**
     * The annual rate in basis points ({@code uint32}, at most {@link LoanMath#MAX_APR_BPS}).
     *
     * @return the APR
     */
    long aprBps();

    /**
     * The loan's duration in seconds from its start ({@code uint64}, unsigned, positive).
     *
     * @return the duration
     */
    long duration();

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
     * Whether the order has expired at {@code nowEpochSeconds} (the contract refuses it when
     * {@code block.timestamp > expiry}; the expiry second itself is valid).
     *
     * @param nowEpochSeconds current unix time in seconds
     * @return true if expired
     */
    default boolean isExpiredAt(long nowEpochSeconds) {
        return nowEpochSeconds >= 0 && Long.compareUnsigned(nowEpochSeconds, expiry()) > 0;
    }

    /**
     * A fresh random 256-bit salt from {@link java.security.SecureRandom}.
     *
     * @return the salt
     */
    static BigInteger randomSalt() {
        return LoanOrderRules.randomSalt();
    }

    /**
     * The builder fields every loan order has: {@code currency} (required), {@code aprBps} (default 0),
     * {@code duration} (required), {@code counter} (default 0), {@code salt} (default: random, drawn at
     * {@link #build()}) and {@code expiry} (required). Not thread-safe.
     *
     * @param <O> the order type
     * @param <S> the concrete builder type
     */
    abstract class Builder<O extends LoanOrder, S extends Builder<O, S>> {
        private EvmAddress currency;
        private long aprBps;
        private long duration;
        private BigInteger counter = BigInteger.ZERO;
        private BigInteger salt;
        private long expiry;

        Builder() {
        }

        /**
         * Sets {@code currency} (required): the payout token of the collateral's asset class.
         *
         * @param v the ERC-20
         * @return this builder
         */
        public S currency(EvmAddress v) {
            currency = v;
            return self();
        }

        /**
         * Sets {@code aprBps} (default 0).
         *
         * @param v the annual rate in basis points
         * @return this builder
         */
        public S aprBps(long v) {
            aprBps = v;
            return self();
        }

        /**
         * Sets {@code duration} (required).
         *
         * @param seconds the loan's duration
         * @return this builder
         */
        public S duration(long seconds) {
            duration = seconds;
            return self();
        }

        /**
         * Sets {@code duration} from a {@link java.time.Duration}.
         *
         * @param d the loan's duration (whole seconds)
         * @return this builder
         */
        public S duration(java.time.Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("duration must be a non-negative duration, got " + d);
            }
            return duration(d.toSeconds());
        }

        /**
         * Sets {@code counter} (default 0).
         *
         * @param v the maker's current on-chain counter
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
         * @param v the salt
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
         * @throws IllegalArgumentException naming a missing or out-of-range field; a
         *         {@link LoanOrderValidationException} for a broken lending rule
         */
        public abstract O build();

        EvmAddress currencyValue() {
            return currency;
        }

        long aprValue() {
            return aprBps;
        }

        long durationValue() {
            return duration;
        }

        BigInteger counterValue() {
            return counter;
        }

        BigInteger saltValue() {
            return salt != null ? salt : LoanOrderRules.randomSalt();
        }

        long expiryValue() {
            return expiry;
        }

        @SuppressWarnings("unchecked")
        final S self() {
            return (S) this;
        }
    }
}
