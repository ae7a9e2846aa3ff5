package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code TokenIdsNotAscending(uint256,uint256)}: the token ids of an ownership proof are not strictly ascending (duplicates included). */
public final class TokenIdsNotAscendingException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TokenIdsNotAscendingException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The previous id. */
    public BigInteger previous() {
        return (BigInteger) error().value(0);
    }

    /** The id out of order. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(1);
    }
}
