package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code TooCloseToExpiry(uint256,uint256,uint256)}: the token has less term left than the class's minimum. */
public final class TooCloseToExpiryException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TooCloseToExpiryException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** Seconds left. */
    public BigInteger remaining() {
        return (BigInteger) error().value(1);
    }

    /** The class's minimum. */
    public BigInteger minRemaining() {
        return (BigInteger) error().value(2);
    }
}
