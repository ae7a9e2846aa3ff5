package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code LoanNotForeclosable(uint256)}: The loan is healthy: neither past maturity plus the grace period nor backed by a frozen or defaulted product.
 */
public final class LoanNotForeclosableException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LoanNotForeclosableException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
}
