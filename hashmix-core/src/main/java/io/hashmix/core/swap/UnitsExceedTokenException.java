package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code UnitsExceedToken(uint256,uint256,uint256)}: more units than the token has. */
public final class UnitsExceedTokenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnitsExceedTokenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }

    /** Units asked. */
    public BigInteger units() {
        return (BigInteger) error().value(1);
    }

    /** Units of the token. */
    public BigInteger available() {
        return (BigInteger) error().value(2);
    }
}
