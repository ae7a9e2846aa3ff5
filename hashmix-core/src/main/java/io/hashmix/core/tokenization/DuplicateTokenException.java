package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code DuplicateToken(uint256)}: a token appears twice in a merge. */
public final class DuplicateTokenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public DuplicateTokenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The repeated token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
