package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code VaultNotSet()}: the Bitcoin evidence binding does not know the fulfillment vault yet (its admin sets it once). */
public final class EvidenceVaultNotSetException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EvidenceVaultNotSetException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
