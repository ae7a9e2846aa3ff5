package io.hashmix.core.errors;

import java.math.BigInteger;


/** {@code TooManyItems(uint256,uint256)}: more holdings than one call takes ({@link io.hashmix.core.fulfillment.FulfillmentClient#MAX_CLAIM_ITEMS}). */
public final class TooManyItemsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TooManyItemsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Items given. */
    public long count() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** The most one call takes. */
    public long max() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
