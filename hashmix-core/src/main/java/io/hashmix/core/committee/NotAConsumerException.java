package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotAConsumer(address)}: only protocol contracts registered as consumers may lock or slash bonds. */
public final class NotAConsumerException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotAConsumerException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The caller. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }
}
