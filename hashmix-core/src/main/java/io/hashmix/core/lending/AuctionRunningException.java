package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.core.internal.AbiValues;

/**
 * {@code AuctionRunning(uint256,uint64)}: The foreclosure auction still runs; the lender may claim the token only after it.
 */
public final class AuctionRunningException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AuctionRunningException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
    /** When it ends. */
    public Instant endsAt() {
        return AbiValues.instant((BigInteger) error().value(1));
    }
}
