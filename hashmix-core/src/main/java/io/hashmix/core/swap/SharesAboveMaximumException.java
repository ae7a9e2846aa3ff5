package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code SharesAboveMaximum(uint256,uint256)}: the withdrawal would burn more shares than the maximum. */
public final class SharesAboveMaximumException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SharesAboveMaximumException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Shares it would burn. */
    public BigInteger shares() {
        return (BigInteger) error().value(0);
    }

    /** The maximum. */
    public BigInteger maxShares() {
        return (BigInteger) error().value(1);
    }
}
