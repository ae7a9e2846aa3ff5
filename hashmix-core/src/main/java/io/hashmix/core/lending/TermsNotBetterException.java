package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code TermsNotBetter(uint256)}: The refinance terms are not better for the borrower: a higher APR, an earlier maturity, or neither a lower APR nor a later maturity.
 */
public final class TermsNotBetterException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TermsNotBetterException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
}
