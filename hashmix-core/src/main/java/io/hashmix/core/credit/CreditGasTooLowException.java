package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CreditGasTooLow()}: the challenge left too little gas for the hardware registry's credit report: resend with more gas. */
public final class CreditGasTooLowException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CreditGasTooLowException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
