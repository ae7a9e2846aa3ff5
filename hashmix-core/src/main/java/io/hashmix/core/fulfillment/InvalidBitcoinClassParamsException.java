package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidClassParams()}: class parameters (or subsidy floor inputs) outside their bounds. */
public final class InvalidBitcoinClassParamsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidBitcoinClassParamsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
