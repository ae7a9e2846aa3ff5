package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code CollateralNotAccepted(uint256)}: The token cannot be collateral (or be refinanced): its product is frozen, defaulted or ended.
 */
public final class CollateralNotAcceptedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralNotAcceptedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
}
