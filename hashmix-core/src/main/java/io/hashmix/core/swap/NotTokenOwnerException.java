package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/**
 * {@code NotTokenOwner(uint256,address)}: the caller does not own the token it gives the pool, or (with the pool as
 * {@code caller}) the pool does not own a token it is asked to redeem.
 */
public final class NotTokenOwnerException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotTokenOwnerException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }

    /** The caller. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(1);
    }
}
