package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidBounds(uint32,uint16)}: oracle bounds outside [1 minute, 7 days] (heartbeat) or [1, 10,000] (move bound, basis points). */
public final class InvalidBoundsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidBoundsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The heartbeat, seconds. */
    public long maxAge() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The move bound, basis points. */
    public int maxMoveBps() {
        return ((BigInteger) error().value(1)).intValue();
    }
}
