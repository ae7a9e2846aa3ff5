package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code UnitsChanged(uint256,uint256,uint256)}: a token of a swap order no longer holds the units the
 * order names (it was carved after signing; a carve keeps the token's id and nonce).
 */
public final class UnitsChangedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnitsChangedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }

    /** The units the order names. */
    public BigInteger expected() {
        return (BigInteger) error().value(1);
    }

    /** The units the token holds now. */
    public BigInteger actual() {
        return (BigInteger) error().value(2);
    }
}
