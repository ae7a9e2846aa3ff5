package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidBountyBps(uint256)}: a challenger bounty share above 10,000 basis points (100%). */
public final class InvalidBountyBpsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidBountyBpsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The share asked for, in basis points. */
    public BigInteger bps() {
        return (BigInteger) error().value(0);
    }
}
