package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NotHolderAtFreeze(uint256,uint256)}: the holding named does not cover the moment the token's product was frozen (redemption pays the holder of that moment; the client finds the right holding itself). */
public final class NotHolderAtFreezeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotHolderAtFreezeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }

    /** The holding named. */
    public BigInteger holdingIndex() {
        return (BigInteger) error().value(1);
    }
}
