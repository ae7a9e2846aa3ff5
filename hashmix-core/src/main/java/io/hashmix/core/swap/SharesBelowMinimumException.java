package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code SharesBelowMinimum(uint256,uint256)}: the deposit would mint fewer shares than the minimum. */
public final class SharesBelowMinimumException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SharesBelowMinimumException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Shares it would mint. */
    public BigInteger shares() {
        return (BigInteger) error().value(0);
    }

    /** The minimum. */
    public BigInteger minShares() {
        return (BigInteger) error().value(1);
    }
}
