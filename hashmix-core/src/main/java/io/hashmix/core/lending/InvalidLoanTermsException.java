package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code InvalidLoanTerms()}: Zero principal or duration, a max repayment below the principal, an APR above the highest, or a zero lender.
 */
public final class InvalidLoanTermsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidLoanTermsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

}
