package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code ProgramAlreadyListening(address)}: the observer router already tells this program (it listens). */
public final class ProgramAlreadyListeningException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProgramAlreadyListeningException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }
}
