package io.hashmix.core.tokenization;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NotTheVault(address)}: only the fulfillment vault may move collateral or default a product. */
public final class NotTheVaultException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotTheVaultException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The caller. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }
}
