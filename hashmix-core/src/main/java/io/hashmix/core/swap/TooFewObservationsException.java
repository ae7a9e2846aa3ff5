package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code TooFewObservations(uint256,uint256)}: fewer observations than the asset class's threshold. */
public final class TooFewObservationsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TooFewObservationsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Observations carried. */
    public BigInteger count() {
        return (BigInteger) error().value(0);
    }

    /** The threshold. */
    public BigInteger required() {
        return (BigInteger) error().value(1);
    }
}
