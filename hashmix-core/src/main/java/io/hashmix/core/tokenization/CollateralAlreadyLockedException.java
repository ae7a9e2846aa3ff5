package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code AlreadyLocked(uint256)}: the collateral vault already holds collateral for this product (a second mint of the same product id). */
public final class CollateralAlreadyLockedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralAlreadyLockedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public BigInteger productId() {
        return (BigInteger) error().value(0);
    }
}
