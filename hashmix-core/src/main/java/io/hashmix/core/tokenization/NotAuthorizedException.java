package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/** {@code NotAuthorized(address,uint256)}: the caller neither owns nor is approved for the token. */
public final class NotAuthorizedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotAuthorizedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The caller. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(1));
    }
}
