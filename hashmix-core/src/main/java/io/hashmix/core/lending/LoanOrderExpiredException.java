package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.core.internal.AbiValues;

/**
 * {@code LoanOrderExpired(uint64)}: The loan order's expiry (inclusive) has passed.
 */
public final class LoanOrderExpiredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LoanOrderExpiredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The order's expiry. */
    public Instant expiry() {
        return AbiValues.instant((BigInteger) error().value(0));
    }
}
