package io.hashmix.core.incentives;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotMinter(address)}: only the emission controller mints HMX. */
public final class NotMinterException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotMinterException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The caller. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }
}
