package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code NothingToChallenge(uint256)}: the later product is already frozen and no attestor who signed both products has a bond left. */
public final class NothingToChallengeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NothingToChallengeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The already frozen product. */
    public BigInteger productId() {
        return (BigInteger) error().value(0);
    }
}
