package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code BaseRateTooLarge(uint256)}: a collateral base rate above 2^128 - 1. */
public final class BaseRateTooLargeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BaseRateTooLargeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The rate. */
    public BigInteger rate() {
        return (BigInteger) error().value(0);
    }
}
