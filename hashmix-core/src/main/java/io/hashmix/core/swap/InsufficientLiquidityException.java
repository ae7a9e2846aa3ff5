package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code InsufficientLiquidity(uint256,uint256,uint256)}: the pool's token has fewer units than the swap or withdrawal wants. */
public final class InsufficientLiquidityException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InsufficientLiquidityException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The pool's token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }

    /** Its units. */
    public BigInteger available() {
        return (BigInteger) error().value(1);
    }

    /** Units wanted. */
    public BigInteger wanted() {
        return (BigInteger) error().value(2);
    }
}
