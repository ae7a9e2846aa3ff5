package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code StaleLoanCounter(uint256,uint256)}: The order was signed under another counter than the maker's current one (the maker called {@code incrementCounter}).
 */
public final class StaleLoanCounterException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleLoanCounterException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The counter the order carries. */
    public BigInteger expected() {
        return (BigInteger) error().value(0);
    }
    /** The maker's counter now. */
    public BigInteger actual() {
        return (BigInteger) error().value(1);
    }
}
