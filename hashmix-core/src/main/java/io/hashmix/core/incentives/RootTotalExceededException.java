package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code RootTotalExceeded(uint256,uint256)}: paying the claim would take all makers' claims above the current root's
 * total (the committee signed roots whose leaves are inconsistent with the claims already paid).
 */
public final class RootTotalExceededException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RootTotalExceededException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The current root's total. */
    public BigInteger total() {
        return (BigInteger) error().value(0);
    }

    /** What all claims would add up to with this one. */
    public BigInteger claimedAfter() {
        return (BigInteger) error().value(1);
    }
}
