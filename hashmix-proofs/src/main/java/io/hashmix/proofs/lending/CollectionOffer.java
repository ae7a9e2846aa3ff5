package io.hashmix.proofs.lending;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A lender's offer to lend against any token matching criteria: the EIP-712 struct {@value #TYPE_STRING} that a
 * holder fills with {@code HashPowerLending.borrowFromCollectionOffer}, naming its token and the principal. The
 * token must be of {@code assetClass}, issued by {@code issuer} ({@link EvmAddress#ZERO}: any issuer), hold at
 * least {@code minUnits} and have at least {@code minRemainingTerm} seconds of term left; the principal may be
 * at most {@code maxLtvBps} of the token's valuation ({@link LoanMath#maxPrincipal}) and the offer lends at most
 * {@code totalPrincipal} over all its loans. Each loan's max repayment is its principal plus the interest of the
 * duration and the grace period ({@link LoanMath#collectionMaxRepayment}). A non-zero {@code minCreditScore} makes
 * the contract read the borrower's score in the credit registry when a loan starts or is refinanced on the offer
 * and refuse it below that ({@code BorrowerScoreTooLow}).
 *
 * @param lender who signs and lends
 * @param assetClass the asset class wanted
 * @param issuer the issuer wanted, or {@link EvmAddress#ZERO} for any
 * @param minUnits the least units of a token ({@code uint256})
 * @param minRemainingTerm the least term left at the fill, in seconds ({@code uint64}, unsigned)
 * @param maxLtvBps the highest loan-to-value, in basis points of the valuation ({@code uint32})
 * @param currency the loan currency: the payout token of the asset class
 * @param totalPrincipal the most lent over all loans ({@code uint256}, positive)
 * @param aprBps the annual rate in basis points ({@code uint32})
 * @param duration each loan's duration in seconds ({@code uint64}, unsigned, positive)
 * @param minCreditScore the least credit score the borrower must have when a loan starts or is refinanced on this
 *        offer (0: none; at most 1000, the highest score)
 * @param counter the lender's order counter ({@code uint256})
 * @param salt distinguishes equal offers ({@code uint256})
 * @param expiry the last second the offer may be filled ({@code uint64}, unsigned, non-zero)
 */
public record CollectionOffer(EvmAddress lender, AssetClassId assetClass, EvmAddress issuer, BigInteger minUnits,
        long minRemainingTerm, long maxLtvBps, EvmAddress currency, BigInteger totalPrincipal, long aprBps, long duration,
        int minCreditScore, BigInteger counter, BigInteger salt, long expiry) implements LoanOrder {

    /** The exact EIP-712 type string shared with {@code HashPowerLending}. Do not change. */
    public static final String TYPE_STRING = "CollectionOffer(address lender,bytes32 assetClass,address issuer,"
            + "uint256 minUnits,uint64 minRemainingTerm,uint32 maxLtvBps,address currency,uint256 totalPrincipal,"
            + "uint32 aprBps,uint64 duration,uint16 minCreditScore,uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    private static final String WHAT = "collection offer";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws LoanOrderValidationException if a lending rule is broken (zero total, duration or expiry, an APR above
     *         the highest, the native coin, a minimum credit score above 1000)
     */
    public CollectionOffer {
        LoanOrderRules.notNull(WHAT, assetClass, "assetClass");
        LoanOrderRules.notNull(WHAT, issuer, "issuer");
        LoanOrderRules.uint256(WHAT, minUnits, "minUnits");
        LoanOrderRules.uint32(WHAT, maxLtvBps, "maxLtvBps");
        LoanOrderRules.uint256(WHAT, totalPrincipal, "totalPrincipal");
        LoanOrderRules.common(WHAT, lender, "lender", counter, salt, expiry);
        if (totalPrincipal.signum() == 0) {
            throw new LoanOrderValidationException(LoanOrderValidationException.Reason.ZERO_PRINCIPAL, "totalPrincipal",
                    WHAT + " totalPrincipal must be positive");
        }
        LoanOrderRules.loanTerms(WHAT, currency, aprBps, duration);
        LoanOrderRules.minCreditScore(WHAT, minCreditScore);
    }

    /** {@inheritDoc} */
    @Override
    public LoanOrderKind kind() {
        return LoanOrderKind.COLLECTION_OFFER;
    }

    /** The lender. */
    @Override
    public EvmAddress maker() {
        return lender;
    }

    /**
     * Whether tokens of any issuer match.
     *
     * @return true if {@code issuer} is the zero address
     */
    public boolean anyIssuer() {
        return issuer.isZero();
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, lender, assetClass, issuer, minUnits, minRemainingTerm, maxLtvBps, currency,
     * totalPrincipal, aprBps, duration, minCreditScore, counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(15)
                .bytes32(TYPE_HASH)
                .address(lender)
                .bytes32(assetClass.bytes())
                .address(issuer)
                .uint256(minUnits)
                .uint64(minRemainingTerm)
                .uint64(maxLtvBps)
                .address(currency)
                .uint256(totalPrincipal)
                .uint64(aprBps)
                .uint64(duration)
                .uint64(minCreditScore)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder (defaults: any issuer, no minimum units, term or credit score, APR 0, counter 0, random salt).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this offer as a builder (same salt).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().lender(lender).assetClass(assetClass).issuer(issuer).minUnits(minUnits)
                .minRemainingTerm(minRemainingTerm).maxLtvBps(maxLtvBps).currency(currency).totalPrincipal(totalPrincipal)
                .aprBps(aprBps).duration(duration).minCreditScore(minCreditScore).counter(counter).salt(salt)
                .expiry(expiry);
    }

    /** Mutable builder for {@link CollectionOffer}; {@code lender}, {@code assetClass}, {@code maxLtvBps} and
     * {@code totalPrincipal} are required. */
    public static final class Builder extends LoanOrder.Builder<CollectionOffer, Builder> {
        private EvmAddress lender;
        private AssetClassId assetClass;
        private EvmAddress issuer = EvmAddress.ZERO;
        private BigInteger minUnits = BigInteger.ZERO;
        private long minRemainingTerm;
        private long maxLtvBps;
        private BigInteger totalPrincipal;
        private int minCreditScore;

        private Builder() {
        }

        /**
         * Sets {@code lender} (required).
         *
         * @param v who signs and lends
         * @return this builder
         */
        public Builder lender(EvmAddress v) {
            lender = v;
            return this;
        }

        /**
         * Sets {@code assetClass} (required).
         *
         * @param v the asset class wanted
         * @return this builder
         */
        public Builder assetClass(AssetClassId v) {
            assetClass = v;
            return this;
        }

        /**
         * Sets {@code issuer} (default: any issuer).
         *
         * @param v the issuer wanted
         * @return this builder
         */
        public Builder issuer(EvmAddress v) {
            issuer = v;
            return this;
        }

        /**
         * Sets {@code minUnits} (default 0).
         *
         * @param v the least units of a token
         * @return this builder
         */
        public Builder minUnits(BigInteger v) {
            minUnits = v;
            return this;
        }

        /**
         * Sets {@code minRemainingTerm} (default 0).
         *
         * @param seconds the least term left at the fill
         * @return this builder
         */
        public Builder minRemainingTerm(long seconds) {
            minRemainingTerm = seconds;
            return this;
        }

        /**
         * Sets {@code maxLtvBps} (required).
         *
         * @param v the highest loan-to-value in basis points
         * @return this builder
         */
        public Builder maxLtvBps(long v) {
            maxLtvBps = v;
            return this;
        }

        /**
         * Sets {@code totalPrincipal} (required).
         *
         * @param v the most lent over all loans
         * @return this builder
         */
        public Builder totalPrincipal(BigInteger v) {
            totalPrincipal = v;
            return this;
        }

        /**
         * Sets {@code minCreditScore} (default 0: no check).
         *
         * @param v the least credit score the borrower must have when a loan starts or is refinanced on the offer
         *        (at most 1000, the highest score)
         * @return this builder
         */
        public Builder minCreditScore(int v) {
            minCreditScore = v;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public CollectionOffer build() {
            return new CollectionOffer(lender, assetClass, issuer, minUnits, minRemainingTerm, maxLtvBps, currencyValue(),
                    totalPrincipal, aprValue(), durationValue(), minCreditScore, counterValue(), saltValue(), expiryValue());
        }
    }
}
