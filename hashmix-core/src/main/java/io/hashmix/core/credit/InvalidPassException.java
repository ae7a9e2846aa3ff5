package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidPass()}: a settle pass that does not describe settled epochs (never from the fulfillment vault). */
public final class InvalidPassException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidPassException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
