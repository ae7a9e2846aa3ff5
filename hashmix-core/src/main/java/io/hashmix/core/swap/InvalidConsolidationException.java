package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidConsolidation()}: tokens to consolidate must be at least two held tokens of one product. */
public final class InvalidConsolidationException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidConsolidationException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
