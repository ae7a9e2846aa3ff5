package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CreditChangeNotReady(uint64)}: the scheduled credit registry change cannot be applied yet. */
public final class CreditChangeNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CreditChangeNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** When it can be applied, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(0)).longValue();
    }
}
