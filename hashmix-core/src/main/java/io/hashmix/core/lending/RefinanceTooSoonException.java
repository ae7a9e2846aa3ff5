package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.core.internal.AbiValues;

/**
 * {@code RefinanceTooSoon(uint256,uint64)}: The loan's lender may not be refinanced out yet (a lender keeps a loan at least a day).
 */
public final class RefinanceTooSoonException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RefinanceTooSoonException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
    /** When a refinance becomes possible. */
    public Instant allowedAt() {
        return AbiValues.instant((BigInteger) error().value(1));
    }
}
