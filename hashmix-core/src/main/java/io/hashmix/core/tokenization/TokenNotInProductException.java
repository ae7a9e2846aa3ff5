package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code TokenNotInProduct(uint256,uint256)}: an ownership proof named a token of another product. */
public final class TokenNotInProductException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TokenNotInProductException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }

    /** The product of the proof. */
    public BigInteger productId() {
        return (BigInteger) error().value(1);
    }
}
