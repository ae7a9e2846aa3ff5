package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidHardwareCommitment()}: the hardware Merkle root or count is zero. */
public final class InvalidHardwareCommitmentException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidHardwareCommitmentException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
