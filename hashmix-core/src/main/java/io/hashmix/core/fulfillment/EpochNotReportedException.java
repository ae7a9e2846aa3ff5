package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code EpochNotReported(uint256,uint32,uint8)}: the epoch is not awaiting a deposit (not reported yet, or already deposited or settled). */
public final class EpochNotReportedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EpochNotReportedException(String context, String revertData, DecodedError error) {
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

    /** The epoch's status. */
    public EpochStatus status() {
        return EpochStatus.of(((BigInteger) error().value(2)).intValueExact());
    }
}
