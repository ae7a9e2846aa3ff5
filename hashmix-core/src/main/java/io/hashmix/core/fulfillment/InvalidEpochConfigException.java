package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidEpochConfig()}: an epoch configuration with a zero length or window. */
public final class InvalidEpochConfigException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidEpochConfigException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
