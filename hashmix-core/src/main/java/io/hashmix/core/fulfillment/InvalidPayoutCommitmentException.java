package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidCommitment()}: a payout commitment with no script, more than eight, an empty, oversized or repeated one, or version 0. */
public final class InvalidPayoutCommitmentException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidPayoutCommitmentException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
