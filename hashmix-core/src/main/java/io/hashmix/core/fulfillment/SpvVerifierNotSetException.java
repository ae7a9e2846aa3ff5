package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code SpvVerifierNotSet()}: the vault was deployed without a Bitcoin SPV verifier: {@link FulfillmentClient#submitReportWithPayment} is not available. */
public final class SpvVerifierNotSetException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SpvVerifierNotSetException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
