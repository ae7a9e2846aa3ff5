package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidPartCount(uint256)}: a split or merge takes 2 to 64 tokens. */
public final class InvalidPartCountException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidPartCountException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The number given. */
    public BigInteger count() {
        return (BigInteger) error().value(0);
    }
}
