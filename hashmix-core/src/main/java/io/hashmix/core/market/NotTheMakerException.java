package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotTheMaker(address,address)}: only an order's maker may cancel it. */
public final class NotTheMakerException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotTheMakerException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Who tried. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }

    /** The order's maker. */
    public EvmAddress maker() {
        return (EvmAddress) error().value(1);
    }
}
