package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/** {@code ProductMismatch(uint256)}: merged tokens must be slices of one product. */
public final class ProductMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ProductMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token of another product. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
