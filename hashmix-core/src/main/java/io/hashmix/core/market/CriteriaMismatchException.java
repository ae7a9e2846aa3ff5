package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code CriteriaMismatch(uint256)}: the token does not meet the criteria offer: other asset class,
 * other issuer, or too little term left.
 */
public final class CriteriaMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CriteriaMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token offered. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
