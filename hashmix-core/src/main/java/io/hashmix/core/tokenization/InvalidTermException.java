package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidTerm(uint64,uint64)}: the product's term is empty or already over. */
public final class InvalidTermException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidTermException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Term start, seconds. */
    public long start() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** Term end, seconds. */
    public long end() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
