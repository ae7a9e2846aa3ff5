package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NoPendingCreditChange()}: no parameter or loan-source change is scheduled in the credit registry. */
public final class NoPendingCreditChangeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NoPendingCreditChangeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
