package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code StaleTokenNonce(uint256,uint32,uint32)}: the token's nonce moved since the listing or swap
 * order was signed: the token changed hands (even if it came back) or its owner bumped the nonce.
 */
public final class StaleTokenNonceException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleTokenNonceException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }

    /** The nonce the order was signed over. */
    public long expected() {
        return ((BigInteger) error().value(1)).longValue();
    }

    /** The token's nonce now. */
    public long actual() {
        return ((BigInteger) error().value(2)).longValue();
    }
}
