package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidCheckpoint(uint64,uint32)}: a checkpoint whose height is above 2^32-2 or whose nBits is not a valid target. */
public final class InvalidCheckpointException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidCheckpointException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The checkpoint's height. */
    public long height() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The checkpoint's compact target. */
    public long nBits() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
