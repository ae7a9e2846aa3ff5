package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code UnsolicitedToken(address,uint256)}: an ERC-721 that is not a hash power token was sent to the pool. */
public final class UnsolicitedTokenException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnsolicitedTokenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The collection. */
    public EvmAddress collection() {
        return (EvmAddress) error().value(0);
    }

    /** Its token id. */
    public BigInteger tokenId() {
        return (BigInteger) error().value(1);
    }
}
