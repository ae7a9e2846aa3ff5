package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code Overfill(uint256,uint256)}: a fill above what remains of the order (for a listing: also above
 * the token's current units).
 */
public final class OverfillException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OverfillException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** What can still be filled. */
    public BigInteger remaining() {
        return (BigInteger) error().value(0);
    }

    /** The units asked for. */
    public BigInteger units() {
        return (BigInteger) error().value(1);
    }
}
