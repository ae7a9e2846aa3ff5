package io.hashmix.core.errors;

import java.math.BigInteger;

/** {@code NonceAlreadyUsed(uint256)}: the attestation was already consumed (a replay). */
public final class NonceAlreadyUsedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NonceAlreadyUsedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The consumed nonce. */
    public BigInteger nonce() {
        return (BigInteger) error().value(0);
    }
}
