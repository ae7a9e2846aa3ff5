package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/**
 * {@code WrongCurrency(address,address)}: The order's currency is not what the collateral's product pays revenue in (or not the loan's currency, for a refinance).
 */
public final class WrongCurrencyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WrongCurrencyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The currency required. */
    public EvmAddress expected() {
        return (EvmAddress) error().value(0);
    }
    /** The order's currency. */
    public EvmAddress actual() {
        return (EvmAddress) error().value(1);
    }
}
