package io.hashmix.core.committee;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code StaleCommitteeEpoch(uint64,uint64)}: the attestation was signed under an older committee. */
public final class StaleCommitteeEpochException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleCommitteeEpochException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The epoch it was signed under. */
    public long signedEpoch() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** The current epoch. */
    public long currentEpoch() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
