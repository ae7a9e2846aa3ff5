package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code InvalidObservationSignature(address)}: an observer's signature does not verify over its observation. */
public final class InvalidObservationSignatureException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidObservationSignatureException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The observer. */
    public EvmAddress observer() {
        return (EvmAddress) error().value(0);
    }
}
