package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code PeriodOutOfOrder(uint64,uint64)}: a makers' root whose period is not the one after the current root's. */
public final class PeriodOutOfOrderException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PeriodOutOfOrderException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The period the program expects (the current root's plus one). */
    public long expected() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The root's period. */
    public long actual() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
