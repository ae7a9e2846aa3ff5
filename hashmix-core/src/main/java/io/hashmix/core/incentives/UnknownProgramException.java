package io.hashmix.core.incentives;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code UnknownProgram(address)}: not a program of the emission controller. */
public final class UnknownProgramException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnknownProgramException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }
}
