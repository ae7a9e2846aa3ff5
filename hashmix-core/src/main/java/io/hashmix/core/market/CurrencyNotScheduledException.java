package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code CurrencyNotScheduled(address)}: no allowance of this currency is scheduled. */
public final class CurrencyNotScheduledException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CurrencyNotScheduledException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The currency. */
    public EvmAddress currency() {
        return (EvmAddress) error().value(0);
    }
}
