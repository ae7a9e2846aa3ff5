package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidCreditParams()}: score parameters outside their bounds (see {@code CreditParams}). */
public final class InvalidCreditParamsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidCreditParamsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
