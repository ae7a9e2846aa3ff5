package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NoPendingPolicy()}: no collateral policy change is scheduled in the collateral vault. */
public final class NoPendingPolicyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NoPendingPolicyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
