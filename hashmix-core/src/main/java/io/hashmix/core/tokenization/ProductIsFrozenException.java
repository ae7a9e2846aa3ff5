package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code ProductIsFrozen(uint256)}: the product was frozen by a duplicate-hardware challenge; its tokens cannot move, split or merge. */
public final class ProductIsFrozenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductIsFrozenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The frozen product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
