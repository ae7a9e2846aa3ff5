package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code InsufficientValue(uint256,uint256)}: the native coin sent does not cover the native payments
 * of the fill (or of the batch so far).
 */
public final class InsufficientValueException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InsufficientValueException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The payment due. */
    public BigInteger required() {
        return (BigInteger) error().value(0);
    }

    /** What was left of {@code msg.value}. */
    public BigInteger available() {
        return (BigInteger) error().value(1);
    }
}
