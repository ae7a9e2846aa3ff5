package io.hashmix.core.errors;

import java.math.BigInteger;


/** {@code LengthMismatch(uint256,uint256)}: the token id and holding index arrays differ in length. */
public final class LengthMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LengthMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Length of the token id array. */
    public long tokenIds() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** Length of the holding index array. */
    public long holdingIndexes() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
