package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ZeroCapacity()}: a product needs capacity. */
public final class ZeroCapacityException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ZeroCapacityException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
