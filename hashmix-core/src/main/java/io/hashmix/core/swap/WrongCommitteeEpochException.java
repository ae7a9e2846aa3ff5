package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code WrongCommitteeEpoch(uint64,uint64)}: the observations were signed for another committee epoch. */
public final class WrongCommitteeEpochException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WrongCommitteeEpochException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The epoch signed for. */
    public long signed() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The current epoch. */
    public long current() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
