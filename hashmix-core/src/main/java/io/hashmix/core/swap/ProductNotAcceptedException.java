package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ProductNotAccepted(uint256)}: the token's product is frozen or defaulted: the pool refuses it. */
public final class ProductNotAcceptedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductNotAcceptedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
