package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ObservationInFuture(uint64)}: the report's observation time is in the future. */
public final class ObservationInFutureException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ObservationInFutureException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The observation time, unix seconds. */
    public long observedAt() {
        return ((BigInteger) error().value(0)).longValue();
    }
}
