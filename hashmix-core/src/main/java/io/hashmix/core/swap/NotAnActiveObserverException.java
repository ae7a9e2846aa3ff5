package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotAnActiveObserver(address)}: an observer that is not an active attestor. */
public final class NotAnActiveObserverException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotAnActiveObserverException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The observer. */
    public EvmAddress observer() {
        return (EvmAddress) error().value(0);
    }
}
