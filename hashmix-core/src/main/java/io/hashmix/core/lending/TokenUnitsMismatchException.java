package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code TokenUnitsMismatch(uint256,uint256,uint256)}: The token does not hold the units the order names (it was carved).
 */
public final class TokenUnitsMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TokenUnitsMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
    /** The units the order names. */
    public BigInteger expected() {
        return (BigInteger) error().value(1);
    }
    /** The token's units now. */
    public BigInteger actual() {
        return (BigInteger) error().value(2);
    }
}
