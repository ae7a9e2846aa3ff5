package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code PolicyNotReady(uint64)}: the scheduled collateral policy cannot be applied yet. */
public final class PolicyNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PolicyNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** When it can be applied, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(0)).longValue();
    }
}
