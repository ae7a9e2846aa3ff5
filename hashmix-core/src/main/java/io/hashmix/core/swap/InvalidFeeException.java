package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidFee(uint256)}: a pool fee of 0 or above 100 basis points. */
public final class InvalidFeeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidFeeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The fee. */
    public BigInteger feeBps() {
        return (BigInteger) error().value(0);
    }
}
