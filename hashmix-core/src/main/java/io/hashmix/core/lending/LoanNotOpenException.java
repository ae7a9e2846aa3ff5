package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code LoanNotOpen(uint256,uint8)}: The loan is not in a state that allows the call (e.g. repaying a repaid loan, bidding on a loan without auction).
 */
public final class LoanNotOpenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LoanNotOpenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
    /** Its status. */
    public LoanStatus status() {
        return LoanStatus.fromCode(((BigInteger) error().value(1)).intValueExact());
    }
}
