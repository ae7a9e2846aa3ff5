package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CapacityTooLarge(uint256)}: the attested capacity does not fit 64 bits. */
public final class CapacityTooLargeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CapacityTooLargeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The attested capacity. */
    public BigInteger capacity() {
        return (BigInteger) error().value(0);
    }
}
