package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code TimeBeforeRecord(uint64,uint64)}: a credit view asked for a time before the account's last record (a record cannot be decayed backwards). */
public final class TimeBeforeRecordException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TimeBeforeRecordException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The time asked for (unix seconds). */
    public long at() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The account's last record (unix seconds). */
    public long lastUpdate() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
