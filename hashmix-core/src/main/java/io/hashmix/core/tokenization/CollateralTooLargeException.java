package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CollateralTooLarge(uint256)}: the attested collateral does not fit 128 bits. */
public final class CollateralTooLargeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralTooLargeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The attested collateral. */
    public BigInteger collateral() {
        return (BigInteger) error().value(0);
    }
}
