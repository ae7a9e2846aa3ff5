package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InsufficientForfeited(uint256,uint256,uint256)}: a payout from a product's forfeited collateral larger than what is left of it. */
public final class InsufficientForfeitedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InsufficientForfeitedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public BigInteger productId() {
        return (BigInteger) error().value(0);
    }

    /** What is left of the forfeited collateral. */
    public BigInteger available() {
        return (BigInteger) error().value(1);
    }

    /** The payout asked for. */
    public BigInteger wanted() {
        return (BigInteger) error().value(2);
    }
}
