package io.hashmix.core.errors;

import java.math.BigInteger;


/**
 * {@code LengthMismatch(uint256,uint256)}: two arrays a call needs of equal length are not (e.g. the
 * fulfillment vault's token ids and holding indexes).
 */
public final class LengthMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LengthMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Length of the first array. */
    public long first() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** Length of the second array. */
    public long second() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
