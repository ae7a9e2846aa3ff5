package io.hashmix.proofs.lending;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A holder's request to borrow against one of its tokens: the EIP-712 struct {@value #TYPE_STRING} that a lender
 * fills with {@code HashPowerLending.lend}. The borrower approved the lending contract on the token; nothing moves
 * before the fill.
 *
 * @param borrower who signs and borrows
 * @param tokenId the collateral token
 * @param tokenNonce the token's nonce when signed ({@code uint32})
 * @param units the token's units when signed ({@code uint256}, positive)
 * @param currency the loan currency: the payout token of the collateral's asset class
 * @param principal the amount lent ({@code uint256}, positive)
 * @param maxRepayment the most the borrower repays in all ({@code uint256}, at least the principal)
 * @param aprBps the annual rate in basis points ({@code uint32}, at most {@link LoanMath#MAX_APR_BPS})
 * @param duration the loan's duration in seconds ({@code uint64}, unsigned, positive)
 * @param counter the maker's order counter ({@code uint256})
 * @param salt distinguishes equal orders ({@code uint256})
 * @param expiry the last second the order may be filled ({@code uint64}, unsigned, non-zero)
 */
public record BorrowRequest(EvmAddress borrower, TokenId tokenId, long tokenNonce, BigInteger units, EvmAddress currency,
        BigInteger principal, BigInteger maxRepayment, long aprBps, long duration, BigInteger counter, BigInteger salt,
        long expiry) implements TokenLoanOrder {

    /** The exact EIP-712 type string shared with {@code HashPowerLending}. Do not change. */
    public static final String TYPE_STRING = "BorrowRequest(address borrower,uint256 tokenId,uint32 tokenNonce,uint256 units,"
            + "address currency,uint256 principal,uint256 maxRepayment,uint32 aprBps,uint64 duration,uint256 counter,"
            + "uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    private static final String WHAT = "borrow request";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws LoanOrderValidationException if a lending rule is broken (zero units, principal, duration or
     *         expiry, a max repayment below the principal, an APR above the highest, the native coin)
     */
    public BorrowRequest {
        LoanOrderRules.notNull(WHAT, tokenId, "tokenId");
        LoanOrderRules.uint32(WHAT, tokenNonce, "tokenNonce");
        LoanOrderRules.common(WHAT, borrower, "borrower", counter, salt, expiry);
        LoanOrderRules.tokenTerms(WHAT, units, principal, maxRepayment);
        LoanOrderRules.loanTerms(WHAT, currency, aprBps, duration);
    }

    /** {@inheritDoc} */
    @Override
    public LoanOrderKind kind() {
        return LoanOrderKind.BORROW_REQUEST;
    }

    /** The borrower. */
    @Override
    public EvmAddress maker() {
        return borrower;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, borrower, tokenId, tokenNonce, units, currency, principal, maxRepayment,
     * aprBps, duration, counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(13)
                .bytes32(TYPE_HASH)
                .address(borrower)
                .uint256(tokenId.value())
                .uint64(tokenNonce)
                .uint256(units)
                .address(currency)
                .uint256(principal)
                .uint256(maxRepayment)
                .uint64(aprBps)
                .uint64(duration)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder (defaults: nonce 0, APR 0, max repayment = principal + the whole duration's interest,
     * counter 0, random salt).
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
        return new Builder().borrower(borrower).tokenId(tokenId).tokenNonce(tokenNonce).units(units).currency(currency)
                .principal(principal).maxRepayment(maxRepayment).aprBps(aprBps).duration(duration).counter(counter)
                .salt(salt).expiry(expiry);
    }

    /** Mutable builder for {@link BorrowRequest}; {@code borrower} is required. */
    public static final class Builder extends TokenLoanOrder.Builder<BorrowRequest, Builder> {
        private EvmAddress borrower;

        private Builder() {
        }

        /**
         * Sets {@code borrower} (required).
         *
         * @param v who signs and borrows
         * @return this builder
         */
        public Builder borrower(EvmAddress v) {
            borrower = v;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public BorrowRequest build() {
            return new BorrowRequest(borrower, tokenIdValue(), tokenNonceValue(), unitsValue(), currencyValue(), principalValue(),
                    maxRepaymentValue(), aprValue(), durationValue(), counterValue(), saltValue(), expiryValue());
        }
    }
}
