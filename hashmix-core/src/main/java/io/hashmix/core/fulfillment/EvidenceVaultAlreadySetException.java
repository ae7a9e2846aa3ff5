package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code VaultAlreadySet()}: the binding's fulfillment vault was set already (it is set once). */
public final class EvidenceVaultAlreadySetException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EvidenceVaultAlreadySetException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
