package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code WrongCollateralToken(address,address)}: collateral must be in the asset class's payout token. */
public final class WrongCollateralTokenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WrongCollateralTokenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The payout token of the asset class. */
    public EvmAddress expected() {
        return (EvmAddress) error().value(0);
    }

    /** The token the attestation names. */
    public EvmAddress given() {
        return (EvmAddress) error().value(1);
    }
}
