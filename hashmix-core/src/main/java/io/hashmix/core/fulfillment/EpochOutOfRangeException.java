package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code EpochOutOfRange(uint256,uint32,uint32)}: the epoch is not one of the product's epochs. */
public final class EpochOutOfRangeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EpochOutOfRangeException(String context, String revertData, DecodedError error) {
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

    /** How many epochs the product has. */
    public long epochCount() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
