package io.hashmix.core.credit;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code ProgramAlreadyAdded(address)}: the observer router already tells this program. */
public final class ProgramAlreadyAddedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProgramAlreadyAddedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }
}
