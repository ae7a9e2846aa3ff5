package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ProductNotEnded(uint256,uint64)}: the product's term is not over: its collateral cannot be withdrawn yet. */
public final class ProductNotEndedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductNotEndedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** The end of the term (unix seconds). */
    public long end() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
