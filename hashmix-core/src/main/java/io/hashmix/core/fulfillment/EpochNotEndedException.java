package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code EpochNotEnded(uint256,uint32,uint64)}: the epoch has not ended yet: it cannot be reported. */
public final class EpochNotEndedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EpochNotEndedException(String context, String revertData, DecodedError error) {
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

    /** When the epoch ends (unix seconds). */
    public long epochEnd() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
