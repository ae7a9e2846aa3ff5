package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code OutsideTerm(uint256,uint64)}: the timestamp is outside the product's term. */
public final class OutsideTermException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OutsideTermException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** The timestamp asked about (unix seconds). */
    public long timestamp() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
