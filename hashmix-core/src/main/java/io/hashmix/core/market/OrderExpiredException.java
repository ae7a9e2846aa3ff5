package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code OrderExpired(uint64)}: the order's expiry (inclusive) has passed at the block's time. */
public final class OrderExpiredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OrderExpiredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The order's expiry, unix seconds (a {@code uint64} read as unsigned if above {@code Long.MAX_VALUE}). */
    public long expiry() {
        return ((BigInteger) error().value(0)).longValue();
    }
}
