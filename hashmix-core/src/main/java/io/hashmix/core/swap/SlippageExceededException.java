package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code SlippageExceeded(uint256,uint256)}: the swap would pay fewer units than the trader's minimum. */
public final class SlippageExceededException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SlippageExceededException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Units it would pay. */
    public BigInteger unitsOut() {
        return (BigInteger) error().value(0);
    }

    /** The minimum. */
    public BigInteger minUnitsOut() {
        return (BigInteger) error().value(1);
    }
}
