package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code OwnerMismatch(uint256)}: merged tokens must have one owner. */
public final class OwnerMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OwnerMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token with another owner. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
