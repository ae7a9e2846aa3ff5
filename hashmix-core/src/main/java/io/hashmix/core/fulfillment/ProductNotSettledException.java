package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ProductNotSettled(uint256,uint32,uint32)}: not every epoch of the product is settled: its collateral cannot be withdrawn yet. */
public final class ProductNotSettledException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductNotSettledException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** Epochs settled so far. */
    public long settledEpochs() {
        return ((BigInteger) error().value(1)).longValueExact();
    }

    /** Epochs of the product. */
    public long epochCount() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
