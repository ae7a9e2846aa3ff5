package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ProductNotLive(uint256)}: the product's term is over. */
public final class ProductNotLiveException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductNotLiveException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
