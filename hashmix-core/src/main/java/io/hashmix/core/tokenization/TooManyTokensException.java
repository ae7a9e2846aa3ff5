package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code TooManyTokens(uint256,uint256)}: more token ids than one call of the hardware registry takes. */
public final class TooManyTokensException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TooManyTokensException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** How many were given. */
    public BigInteger count() {
        return (BigInteger) error().value(0);
    }

    /** The most accepted. */
    public BigInteger max() {
        return (BigInteger) error().value(1);
    }
}
