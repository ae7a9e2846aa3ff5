package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code StaleCounter(uint256,uint256)}: the order's counter is not the maker's current counter: the
 * maker called {@code incrementCounter} after signing.
 */
public final class StaleCounterException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleCounterException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The counter the order was signed with. */
    public BigInteger orderCounter() {
        return (BigInteger) error().value(0);
    }

    /** The maker's current counter. */
    public BigInteger currentCounter() {
        return (BigInteger) error().value(1);
    }
}
