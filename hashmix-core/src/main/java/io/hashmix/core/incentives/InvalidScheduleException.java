package io.hashmix.core.incentives;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidSchedule()}: an emission schedule that could pass the HMX cap, or has a zero rate or era. */
public final class InvalidScheduleException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidScheduleException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
