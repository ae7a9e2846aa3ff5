package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code AmountTooLarge(uint256)}: a collateral amount above 2^128-1, which the collateral vault cannot book. */
public final class CollateralAmountTooLargeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralAmountTooLargeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The amount asked for. */
    public BigInteger amount() {
        return (BigInteger) error().value(0);
    }
}
