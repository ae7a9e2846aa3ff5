package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code VaultAlreadySet()}: the fulfillment vault is set once. */
public final class VaultAlreadySetException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public VaultAlreadySetException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
