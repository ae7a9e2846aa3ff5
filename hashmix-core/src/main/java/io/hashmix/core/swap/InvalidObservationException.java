package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code InvalidObservation(address)}: an observed price of 0 or above 128 bits. */
public final class InvalidObservationException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidObservationException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The observer. */
    public EvmAddress observer() {
        return (EvmAddress) error().value(0);
    }
}
