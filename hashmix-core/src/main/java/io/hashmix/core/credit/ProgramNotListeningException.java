package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code ProgramNotListening(address)}: the observer router does not tell this program. */
public final class ProgramNotListeningException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProgramNotListeningException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }
}
