package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code EmissionStarted(uint64)}: emission has started: weights change only through the delay. */
public final class EmissionStartedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EmissionStartedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** When emission started, unix seconds. */
    public long start() {
        return ((BigInteger) error().value(0)).longValue();
    }
}
