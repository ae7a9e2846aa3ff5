package io.hashmix.core.tokenization;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code AlreadyRedeemed(uint256)}: the token's share of its frozen product's collateral was already paid. */
public final class AlreadyRedeemedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AlreadyRedeemedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(0);
    }
}
