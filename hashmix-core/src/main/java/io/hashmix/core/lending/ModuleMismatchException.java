package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code ModuleMismatch()}: The lending module was deployed for other protocol contracts than the lending contract (deployment error).
 */
public final class ModuleMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ModuleMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

}
