package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.SignedOrder;

/**
 * One entry of a batch fill ({@link MarketClient#fillListings}): a signed listing and the units to
 * buy of it.
 *
 * @param listing a signed order of kind {@link OrderKind#LISTING}
 * @param units   units to buy (the chain checks them against the listing's remainder and
 *                {@code minFill})
 */
public record ListingFill(SignedOrder listing, BigInteger units) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the order is not a listing or the units are negative
     */
    public ListingFill {
        Objects.requireNonNull(listing, "listing");
        requireUnits(units);
        if (listing.kind() != OrderKind.LISTING) {
            throw new IllegalArgumentException("a listing fill needs a listing, got a " + listing.kind().jsonName());
        }
    }

    /** Units must fit a uint256 (the market's clients turn this into their future's InvalidRequestException). */
    static void requireUnits(BigInteger units) {
        Objects.requireNonNull(units, "units");
        if (units.signum() < 0 || units.bitLength() > 256) {
            throw new IllegalArgumentException("units must be a uint256, got " + units);
        }
    }
}
