package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ObserverGasTooLow()}: the transaction left too little gas for the fulfillment vault's observer: resend with more gas (the SDK's estimate includes it). */
public final class ObserverGasTooLowException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ObserverGasTooLowException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
