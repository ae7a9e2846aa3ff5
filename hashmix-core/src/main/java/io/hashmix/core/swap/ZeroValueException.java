package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ZeroValue()}: the units are worth nothing at the oracle (nothing delivered recently, ended, frozen or defaulted). */
public final class ZeroValueException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ZeroValueException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
