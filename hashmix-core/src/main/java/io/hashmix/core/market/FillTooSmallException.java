package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code FillTooSmall(uint256,uint256)}: a fill below the order's {@code minFill} that does not take
 * the whole remainder.
 */
public final class FillTooSmallException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public FillTooSmallException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The order's minimum fill. */
    public BigInteger minFill() {
        return (BigInteger) error().value(0);
    }

    /** The units asked for. */
    public BigInteger units() {
        return (BigInteger) error().value(1);
    }
}
