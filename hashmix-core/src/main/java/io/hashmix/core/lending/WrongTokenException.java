package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code WrongToken(uint256,uint256)}: A refinance order names another token than the loan's collateral.
 */
public final class WrongTokenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WrongTokenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan's token. */
    public TokenId expected() {
        return new TokenId((BigInteger) error().value(0));
    }
    /** The order's token. */
    public TokenId actual() {
        return new TokenId((BigInteger) error().value(1));
    }
}
