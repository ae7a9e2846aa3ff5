package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code PoolFull()}: the pool holds its maximum of 32 tokens (consolidate or wait for outflows). */
public final class PoolFullException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PoolFullException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
