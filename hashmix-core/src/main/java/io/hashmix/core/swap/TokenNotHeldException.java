package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code TokenNotHeld(uint256)}: the pool does not hold this token. */
public final class TokenNotHeldException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TokenNotHeldException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
