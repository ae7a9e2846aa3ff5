package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.TokenId;

/**
 * {@code TokenNonceMismatch(uint256,uint32,uint32)}: The token's nonce moved since the order was signed (it changed hands, was escrowed, or its owner bumped it).
 */
public final class TokenNonceMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TokenNonceMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The token. */
    public TokenId tokenId() {
        return new TokenId((BigInteger) error().value(0));
    }
    /** The nonce the order was signed over. */
    public long expected() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
    /** The token's nonce now. */
    public long actual() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
