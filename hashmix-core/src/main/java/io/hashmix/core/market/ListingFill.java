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
        MarketClient.requireUnits(units);
        if (listing.kind() != OrderKind.LISTING) {
            throw new IllegalArgumentException("a listing fill needs a listing, got a " + listing.kind().jsonName());
        }
    }
}
