package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code SameProduct()}: a duplicate-hardware challenge needs two different products. */
public final class SameProductException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SameProductException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
