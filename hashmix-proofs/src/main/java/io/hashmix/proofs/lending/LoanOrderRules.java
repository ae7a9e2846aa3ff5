package io.hashmix.proofs.lending;

import java.math.BigInteger;
import java.security.SecureRandom;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.credit.CreditMath;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.lending.LoanOrderValidationException.Reason;

/** The field checks the loan order records share (their compact constructors call these). */
final class LoanOrderRules {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int UINT16_MAX = 0xFFFF;

    private LoanOrderRules() {
    }

    static BigInteger randomSalt() {
        return new BigInteger(256, RANDOM);
    }

    static void common(String what, EvmAddress maker, String makerField, BigInteger counter, BigInteger salt, long expiry) {
        notNull(what, maker, makerField);
        if (maker.isZero()) {
            throw new IllegalArgumentException(what + " field '" + makerField + "' must not be the zero address");
        }
        uint256(what, counter, "counter");
        uint256(what, salt, "salt");
        if (expiry == 0) {
            throw new LoanOrderValidationException(Reason.ZERO_EXPIRY, "expiry", what + " expiry must be set (a non-zero unix second)");
        }
    }

    /** Currency, APR and duration: what every loan order has. */
    static void loanTerms(String what, EvmAddress currency, long aprBps, long duration) {
        notNull(what, currency, "currency");
        uint32(what, aprBps, "aprBps");
        if (currency.isZero()) {
            throw new LoanOrderValidationException(Reason.NATIVE_NOT_ALLOWED, "currency", what
                    + " names the native coin; loans are paid in the collateral's payout token (an ERC-20)");
        }
        if (aprBps > LoanMath.MAX_APR_BPS) {
            throw new LoanOrderValidationException(Reason.APR_TOO_HIGH, "aprBps", what + " aprBps " + aprBps
                    + " is above the highest APR, " + LoanMath.MAX_APR_BPS);
        }
        if (duration == 0) {
            throw new LoanOrderValidationException(Reason.ZERO_DURATION, "duration", what + " duration must be positive");
        }
    }

    /** The terms of a token-bound order: units, principal, max repayment. */
    static void tokenTerms(String what, BigInteger units, BigInteger principal, BigInteger maxRepayment) {
        uint256(what, units, "units");
        uint256(what, principal, "principal");
        uint256(what, maxRepayment, "maxRepayment");
        if (units.signum() == 0) {
            throw new LoanOrderValidationException(Reason.ZERO_UNITS, "units", what + " units must be positive");
        }
        if (principal.signum() == 0) {
            throw new LoanOrderValidationException(Reason.ZERO_PRINCIPAL, "principal", what + " principal must be positive");
        }
        if (maxRepayment.compareTo(principal) < 0) {
            throw new LoanOrderValidationException(Reason.MAX_REPAYMENT_BELOW_PRINCIPAL, "maxRepayment", what
                    + " maxRepayment " + maxRepayment + " is below its principal " + principal);
        }
    }

    /**
     * An offer's minimum borrower credit score: a {@code uint16}, and at most {@link CreditMath#MAX_SCORE} (no
     * score is higher, so an offer asking more could never be filled: {@code BorrowerScoreTooLow} at every fill).
     */
    static void minCreditScore(String what, int minCreditScore) {
        if (minCreditScore < 0 || minCreditScore > UINT16_MAX) {
            throw new IllegalArgumentException(what + " field 'minCreditScore' must be within uint16 (0 .. 65535), got "
                    + minCreditScore);
        }
        if (minCreditScore > CreditMath.MAX_SCORE) {
            throw new LoanOrderValidationException(Reason.MIN_CREDIT_SCORE_TOO_HIGH, "minCreditScore", what
                    + " minCreditScore " + minCreditScore + " is above the highest credit score, " + CreditMath.MAX_SCORE
                    + ": no borrower could fill it");
        }
    }

    static void notNull(String what, Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(what + " field '" + field + "' must not be null");
        }
    }

    static void uint32(String what, long value, String field) {
        if (value < 0 || value > AbiWords.UINT32_MAX) {
            throw new IllegalArgumentException(what + " field '" + field + "' must be within uint32 (0 .. 4294967295), got "
                    + value);
        }
    }

    static void uint256(String what, BigInteger value, String field) {
        AbiWords.checkUint256(value, what + " field '" + field + "'");
    }
}
