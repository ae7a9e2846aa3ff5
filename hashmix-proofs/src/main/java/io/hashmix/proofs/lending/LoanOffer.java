package io.hashmix.proofs.lending;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A lender's offer to lend against one token: the EIP-712 struct {@value #TYPE_STRING} that the token's owner
 * fills with {@code HashPowerLending.borrow} (or, once the token is escrowed, that refinances its loan with
 * {@code refinance}). The lender approved the lending contract on the currency; nothing moves before the fill.
 * A non-zero {@code minCreditScore} makes the contract read the borrower's score in the credit registry at the
 * fill and refuse it below that ({@code BorrowerScoreTooLow}).
 *
 * @param lender who signs and lends
 * @param tokenId the collateral token
 * @param tokenNonce the token's nonce when signed ({@code uint32})
 * @param units the token's units when signed ({@code uint256}, positive)
 * @param currency the loan currency: the payout token of the collateral's asset class
 * @param principal the amount lent ({@code uint256}, positive)
 * @param maxRepayment the most the borrower repays in all ({@code uint256}, at least the principal)
 * @param aprBps the annual rate in basis points ({@code uint32}, at most {@link LoanMath#MAX_APR_BPS})
 * @param duration the loan's duration in seconds ({@code uint64}, unsigned, positive)
 * @param minCreditScore the least credit score the borrower must have when a loan starts or is refinanced on this
 *        offer (0: none; at most 1000, the highest score)
 * @param counter the maker's order counter ({@code uint256})
 * @param salt distinguishes equal orders ({@code uint256})
 * @param expiry the last second the order may be filled ({@code uint64}, unsigned, non-zero)
 */
public record LoanOffer(EvmAddress lender, TokenId tokenId, long tokenNonce, BigInteger units, EvmAddress currency,
        BigInteger principal, BigInteger maxRepayment, long aprBps, long duration, int minCreditScore, BigInteger counter,
        BigInteger salt, long expiry) implements TokenLoanOrder {

    /** The exact EIP-712 type string shared with {@code HashPowerLending}. Do not change. */
    public static final String TYPE_STRING = "LoanOffer(address lender,uint256 tokenId,uint32 tokenNonce,uint256 units,"
            + "address currency,uint256 principal,uint256 maxRepayment,uint32 aprBps,uint64 duration,uint16 minCreditScore,"
            + "uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    private static final String WHAT = "loan offer";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws LoanOrderValidationException if a lending rule is broken (zero units, principal, duration or
     *         expiry, a max repayment below the principal, an APR above the highest, the native coin, a minimum
     *         credit score above 1000)
     */
    public LoanOffer {
        LoanOrderRules.notNull(WHAT, tokenId, "tokenId");
        LoanOrderRules.uint32(WHAT, tokenNonce, "tokenNonce");
        LoanOrderRules.common(WHAT, lender, "lender", counter, salt, expiry);
        LoanOrderRules.tokenTerms(WHAT, units, principal, maxRepayment);
        LoanOrderRules.loanTerms(WHAT, currency, aprBps, duration);
        LoanOrderRules.minCreditScore(WHAT, minCreditScore);
    }

    /** {@inheritDoc} */
    @Override
    public LoanOrderKind kind() {
        return LoanOrderKind.LOAN_OFFER;
    }

    /** The lender. */
    @Override
    public EvmAddress maker() {
        return lender;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, lender, tokenId, tokenNonce, units, currency, principal, maxRepayment,
     * aprBps, duration, minCreditScore, counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(14)
                .bytes32(TYPE_HASH)
                .address(lender)
                .uint256(tokenId.value())
                .uint64(tokenNonce)
                .uint256(units)
                .address(currency)
                .uint256(principal)
                .uint256(maxRepayment)
                .uint64(aprBps)
                .uint64(duration)
                .uint64(minCreditScore)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder (defaults: nonce 0, APR 0, max repayment = principal + the whole duration's interest,
     * no minimum credit score, counter 0, random salt).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this order as a builder (same salt).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().lender(lender).tokenId(tokenId).tokenNonce(tokenNonce).units(units).currency(currency)
                .principal(principal).maxRepayment(maxRepayment).aprBps(aprBps).duration(duration)
                .minCreditScore(minCreditScore).counter(counter).salt(salt).expiry(expiry);
    }

    /** Mutable builder for {@link LoanOffer}; {@code lender} is required. */
    public static final class Builder extends TokenLoanOrder.Builder<LoanOffer, Builder> {
        private EvmAddress lender;
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
        public LoanOffer build() {
            return new LoanOffer(lender, tokenIdValue(), tokenNonceValue(), unitsValue(), currencyValue(), principalValue(),
                    maxRepaymentValue(), aprValue(), durationValue(), minCreditScore, counterValue(), saltValue(),
                    expiryValue());
        }
    }
}
