package io.hashmix.proofs.lending;

import java.math.BigInteger;

import io.hashmix.proofs.TokenId;

/**
 * A loan order that names one token: a {@link LoanOffer} or a {@link BorrowRequest}. It signs the token's nonce
 * (escrowing the token moves it, so the order starts at most one loan, and dies if the token changed hands) and
 * its units (a carve keeps a token's id and nonce, so the units protect the lender), the principal and the
 * most the borrower will ever repay.
 */
public sealed interface TokenLoanOrder extends LoanOrder permits LoanOffer, BorrowRequest {

    /**
     * The collateral token.
     *
     * @return the token id
     */
    TokenId tokenId();

    /**
     * The token's nonce the order was signed over ({@code uint32}).
     *
     * @return the nonce
     */
    long tokenNonce();

    /**
     * The token's units the order was signed over ({@code uint256}, positive).
     *
     * @return the units
     */
    BigInteger units();

    /**
     * The amount lent ({@code uint256}, positive); for a refinance offer, the most the new lender pays
     * the old one.
     *
     * @return the principal
     */
    BigInteger principal();

    /**
     * The most the borrower repays in all, principal and interest ({@code uint256}, at least the principal).
     *
     * @return the cap
     */
    BigInteger maxRepayment();

    /**
     * The builder fields of a token-bound order: {@code tokenId}, {@code tokenNonce} (default 0), {@code units},
     * {@code principal} (all required but the nonce) and {@code maxRepayment} (default: the principal plus the
     * interest of the whole duration, rounded up).
     *
     * @param <O> the order type
     * @param <S> the concrete builder type
     */
    abstract class Builder<O extends TokenLoanOrder, S extends Builder<O, S>> extends LoanOrder.Builder<O, S> {
        private TokenId tokenId;
        private long tokenNonce;
        private BigInteger units;
        private BigInteger principal;
        private BigInteger maxRepayment;

        Builder() {
        }

        /**
         * Sets {@code tokenId} (required).
         *
         * @param v the collateral token
         * @return this builder
         */
        public S tokenId(TokenId v) {
            tokenId = v;
            return self();
        }

        /**
         * Sets {@code tokenNonce} (default 0).
         *
         * @param v the token's current nonce ({@code uint32})
         * @return this builder
         */
        public S tokenNonce(long v) {
            tokenNonce = v;
            return self();
        }

        /**
         * Sets {@code units} (required).
         *
         * @param v the token's current units
         * @return this builder
         */
        public S units(BigInteger v) {
            units = v;
            return self();
        }

        /**
         * Sets {@code units}.
         *
         * @param v the token's current units, positive
         * @return this builder
         */
        public S units(long v) {
            return units(BigInteger.valueOf(v));
        }

        /**
         * Sets {@code principal} (required).
         *
         * @param v the amount lent, in the currency's base units
         * @return this builder
         */
        public S principal(BigInteger v) {
            principal = v;
            return self();
        }

        /**
         * Sets {@code maxRepayment} (default: principal plus the whole duration's interest).
         *
         * @param v the most the borrower repays in all
         * @return this builder
         */
        public S maxRepayment(BigInteger v) {
            maxRepayment = v;
            return self();
        }

        TokenId tokenIdValue() {
            return tokenId;
        }

        long tokenNonceValue() {
            return tokenNonce;
        }

        BigInteger unitsValue() {
            return units;
        }

        BigInteger principalValue() {
            return principal;
        }

        BigInteger maxRepaymentValue() {
            if (maxRepayment != null || principal == null || principal.signum() < 0) {
                return maxRepayment;
            }
            return principal.add(LoanMath.interestFor(principal, aprValue(), durationValue()));
        }
    }
}
