package io.hashmix.core.committee;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidThreshold(uint8)}: a threshold must be 1 to the maximum committee size. */
public final class InvalidThresholdException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidThresholdException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The refused threshold. */
    public int threshold() {
        return ((BigInteger) error().value(0)).intValueExact();
    }
}
