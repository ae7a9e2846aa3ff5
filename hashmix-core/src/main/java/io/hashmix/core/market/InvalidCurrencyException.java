package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code InvalidCurrency(address)}: the contract cannot be a payment currency (not an ERC-20, an NFT, the traded token or the market). */
public final class InvalidCurrencyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidCurrencyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The refused contract. */
    public EvmAddress currency() {
        return (EvmAddress) error().value(0);
    }
}
