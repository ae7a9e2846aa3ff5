package io.hashmix.core.committee;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CommitteeFull(uint256)}: the committee has its maximum size. */
public final class CommitteeFullException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CommitteeFullException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The maximum size. */
    public BigInteger max() {
        return (BigInteger) error().value(0);
    }
}
