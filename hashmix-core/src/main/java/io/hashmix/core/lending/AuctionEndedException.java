package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.core.internal.AbiValues;

/**
 * {@code AuctionEnded(uint256,uint64)}: The foreclosure auction has ended; the lender may claim the token.
 */
public final class AuctionEndedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AuctionEndedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan. */
    public LoanId loanId() {
        return new LoanId((BigInteger) error().value(0));
    }
    /** When it ended. */
    public Instant endsAt() {
        return AbiValues.instant((BigInteger) error().value(1));
    }
}
