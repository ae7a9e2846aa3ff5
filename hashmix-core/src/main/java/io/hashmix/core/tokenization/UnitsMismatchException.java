package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code UnitsMismatch(uint256,uint256)}: split parts must add up to the token's units exactly. */
public final class UnitsMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnitsMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token's units. */
    public BigInteger expected() {
        return (BigInteger) error().value(0);
    }

    /** The sum of the parts. */
    public BigInteger given() {
        return (BigInteger) error().value(1);
    }
}
