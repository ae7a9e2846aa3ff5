package io.hashmix.proofs.lending;

import java.util.Optional;
import io.hashmix.HashMixException;

/**
 * A loan order that must not be signed, published or filled. The {@link #reason()} says why (one value per
 * distinct failure, mirroring {@code HashPowerLending}'s custom errors where there is one); {@link #field()}
 * names the order field at fault, if any. It is an {@link IllegalArgumentException}.
 */
public final class LoanOrderValidationException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why a loan order was rejected. */
    public enum Reason {
        /** The signature is not a canonical 65-byte ECDSA signature or recovers to no key ({@code InvalidLoanSignature()}). */
        BAD_SIGNATURE,
        /** The signature recovers to another address than the maker ({@code InvalidLoanSignature()}). */
        WRONG_SIGNER,
        /** The expiry has passed ({@code LoanOrderExpired(uint64)}). */
        EXPIRED,
        /** The domain names another chain id than expected. */
        WRONG_CHAIN,
        /** The domain names another verifying contract than the lending contract. */
        WRONG_CONTRACT,
        /** The domain has another name or version than expected. */
        WRONG_DOMAIN,
        /** {@code expiry} is zero (unset). */
        ZERO_EXPIRY,
        /** The principal (or a collection offer's total) is zero ({@code InvalidLoanTerms()}). */
        ZERO_PRINCIPAL,
        /** The duration is zero ({@code InvalidLoanTerms()}). */
        ZERO_DURATION,
        /** {@code maxRepayment} is below {@code principal} ({@code InvalidLoanTerms()}). */
        MAX_REPAYMENT_BELOW_PRINCIPAL,
        /** {@code aprBps} is above {@link LoanMath#MAX_APR_BPS} ({@code InvalidLoanTerms()}). */
        APR_TOO_HIGH,
        /** {@code units} is zero: no token has zero units ({@code TokenUnitsMismatch}). */
        ZERO_UNITS,
        /**
         * The currency is the native coin: loans are paid in the payout token of the collateral's asset class,
         * so that revenue repays them in kind ({@code WrongCurrency}).
         */
        NATIVE_NOT_ALLOWED,
        /**
         * An offer's {@code minCreditScore} is above the highest credit score, 1000: no borrower could ever fill it
         * ({@code BorrowerScoreTooLow} at every fill).
         */
        MIN_CREDIT_SCORE_TOO_HIGH,
        /** The input could not be parsed or is structurally invalid. */
        MALFORMED
    }

    private final Reason reason;
    private final String field;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param field the order field at fault, or null
     * @param message human-readable detail
     * @param cause the underlying cause, or null
     */
    public LoanOrderValidationException(Reason reason, String field, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.field = field;
    }

    /**
     * Creates the exception with no cause.
     *
     * @param reason why
     * @param field the order field at fault, or null
     * @param message human-readable detail
     */
    public LoanOrderValidationException(Reason reason, String field, String message) {
        this(reason, field, message, null);
    }

    /**
     * Why the order was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The order field at fault, if the failure is about one field.
     *
     * @return the field name as in the EIP-712 type string
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
