package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotAnActiveAttestor(address)}: a signer is not an active, bonded committee member. */
public final class NotAnActiveAttestorException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotAnActiveAttestorException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The signer. */
    public EvmAddress signer() {
        return (EvmAddress) error().value(0);
    }
}
