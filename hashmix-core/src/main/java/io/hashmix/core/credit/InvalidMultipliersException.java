package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidMultipliers(uint256,uint256)}: collateral multipliers outside {@code 10,000 <= best <= newcomer <= 100,000}. */
public final class InvalidMultipliersException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidMultipliersException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The best multiplier, basis points. */
    public BigInteger best() {
        return (BigInteger) error().value(0);
    }

    /** The newcomer multiplier, basis points. */
    public BigInteger newcomer() {
        return (BigInteger) error().value(1);
    }
}
