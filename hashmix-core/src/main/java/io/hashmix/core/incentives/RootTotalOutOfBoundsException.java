package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code RootTotalOutOfBounds(uint256,uint256,uint256)}: a makers' root whose total is below the current root's
 * (totals are cumulative) or above what the program has pulled from the emission controller (it would promise
 * unfunded rewards).
 */
public final class RootTotalOutOfBoundsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RootTotalOutOfBoundsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The root's total. */
    public BigInteger total() {
        return (BigInteger) error().value(0);
    }

    /** The current root's total (the least the new one may be). */
    public BigInteger previousTotal() {
        return (BigInteger) error().value(1);
    }

    /** What the program has pulled in all, this publication's pull included (the most the new total may be). */
    public BigInteger pulled() {
        return (BigInteger) error().value(2);
    }
}
