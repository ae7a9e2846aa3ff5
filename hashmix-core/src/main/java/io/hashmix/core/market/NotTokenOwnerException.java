package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/**
 * {@code NotTokenOwner(uint256,address,address)}: the token is not owned by the account the fill
 * needs: the listing's seller or swap maker, or the caller filling an offer or giving the wanted token
 * of a swap.
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

    /** Who should own it. */
    public EvmAddress expected() {
        return (EvmAddress) error().value(1);
    }

    /** Who owns it. */
    public EvmAddress actual() {
        return (EvmAddress) error().value(2);
    }
}
