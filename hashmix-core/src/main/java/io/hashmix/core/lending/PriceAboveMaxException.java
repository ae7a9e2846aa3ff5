package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code PriceAboveMax(uint256,uint256)}: The auction's price is above the bidder's maximum.
 */
public final class PriceAboveMaxException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PriceAboveMaxException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The price now. */
    public BigInteger price() {
        return (BigInteger) error().value(0);
    }
    /** The bidder's maximum. */
    public BigInteger maxPrice() {
        return (BigInteger) error().value(1);
    }
}
