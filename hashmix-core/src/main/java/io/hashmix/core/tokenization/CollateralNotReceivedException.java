package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CollateralNotReceived(uint256,uint256)}: the collateral transfer delivered another amount (fee-on-transfer tokens are refused). */
public final class CollateralNotReceivedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralNotReceivedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The attested collateral. */
    public BigInteger expected() {
        return (BigInteger) error().value(0);
    }

    /** What arrived. */
    public BigInteger received() {
        return (BigInteger) error().value(1);
    }
}
