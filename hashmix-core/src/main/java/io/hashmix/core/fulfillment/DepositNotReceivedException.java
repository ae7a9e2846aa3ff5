package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code DepositNotReceived(uint256,uint256)}: the vault's payout token balance did not grow by exactly the deposit (fee-on-transfer tokens are refused). */
public final class DepositNotReceivedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public DepositNotReceivedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The revenue owed. */
    public BigInteger expected() {
        return (BigInteger) error().value(0);
    }

    /** What arrived. */
    public BigInteger received() {
        return (BigInteger) error().value(1);
    }
}
