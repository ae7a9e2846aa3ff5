package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code UnknownLoanId(uint256)}: The lending lens knows no loan with this id.
 */
public final class UnknownLoanIdException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnknownLoanIdException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The id. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
}
