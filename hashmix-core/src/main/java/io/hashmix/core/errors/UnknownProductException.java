package io.hashmix.core.errors;

import java.math.BigInteger;
import io.hashmix.proofs.ProductId;

/** {@code UnknownProduct(uint256)}: no product has this id. */
public final class UnknownProductException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnknownProductException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The unknown id. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
