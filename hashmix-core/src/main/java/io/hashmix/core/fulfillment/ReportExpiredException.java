package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code ReportExpired(uint64)}: the report's deadline has passed. */
public final class ReportExpiredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ReportExpiredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The report's deadline (unix seconds). */
    public long deadline() {
        return ((BigInteger) error().value(0)).longValueExact();
    }
}
