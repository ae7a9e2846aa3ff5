package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code CurrencyNotAllowed(address)}: the order pays in an ERC-20 the market has not allowed as money. */
public final class CurrencyNotAllowedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CurrencyNotAllowedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The currency. */
    public EvmAddress currency() {
        return (EvmAddress) error().value(0);
    }
}
