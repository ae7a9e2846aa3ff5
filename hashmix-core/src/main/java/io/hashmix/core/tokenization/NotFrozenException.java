package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NotFrozen(uint256)}: the token's product is not frozen, so it has no forfeited collateral to redeem. */
public final class NotFrozenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotFrozenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }
}
