package io.hashmix.core.committee;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ExitDelayTooLong(uint64,uint64)}: the attestor registry's exit delay given at deployment is above its maximum. */
public final class ExitDelayTooLongException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ExitDelayTooLongException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The delay given, in seconds. */
    public long exitDelay() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The maximum, in seconds. */
    public long max() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
