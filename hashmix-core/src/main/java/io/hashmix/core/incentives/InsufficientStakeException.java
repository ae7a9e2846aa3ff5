package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InsufficientStake(uint256,uint256)}: a withdrawal above the caller's stake. */
public final class InsufficientStakeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InsufficientStakeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The stake. */
    public BigInteger stake() {
        return (BigInteger) error().value(0);
    }

    /** The amount asked for. */
    public BigInteger wanted() {
        return (BigInteger) error().value(1);
    }
}
