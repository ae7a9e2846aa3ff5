package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ObservationNotNewer(uint64,uint64)}: the report is not newer than the last recorded one (a replay or a late report). */
public final class ObservationNotNewerException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ObservationNotNewerException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The report's time. */
    public long observedAt() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The last recorded time. */
    public long lastObservedAt() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
