package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code UnknownHolding(uint256,uint256)}: no such holding of the token. */
public final class UnknownHoldingException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnknownHoldingException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }

    /** The holding index asked for. */
    public BigInteger index() {
        return (BigInteger) error().value(1);
    }
}
