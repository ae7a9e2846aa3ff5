package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code LtvExceeded(uint256,uint256)}: The principal is above what the collection offer's max loan-to-value of the token's valuation allows.
 */
public final class LtvExceededException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LtvExceededException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The principal asked for. */
    public BigInteger principal() {
        return (BigInteger) error().value(0);
    }
    /** The most allowed. */
    public BigInteger maxPrincipal() {
        return (BigInteger) error().value(1);
    }
}
