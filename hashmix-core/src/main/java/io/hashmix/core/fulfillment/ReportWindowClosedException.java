package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ReportWindowClosed(uint256,uint32,uint64)}: the epoch's report window is over; it settles as {@link EpochStatus#UNREPORTED}. */
public final class ReportWindowClosedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ReportWindowClosedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** The epoch. */
    public long epoch() {
        return ((BigInteger) error().value(1)).longValueExact();
    }

    /** The last second a report was accepted (unix seconds). */
    public long reportDeadline() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
