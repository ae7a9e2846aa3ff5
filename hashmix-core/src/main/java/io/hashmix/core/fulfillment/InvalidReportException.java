package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidReport()}: the report claims more units than the capacity, has a zero source chain, or its {@code revenue + capacity * unitRevenue} exceeds the vault's {@code MAX_REPORT_VALUE}. */
public final class InvalidReportException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidReportException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
