package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.util.List;

/**
 * The listings a buy request takes, cheapest first: what the {@link Settler} sends in one transaction.
 *
 * @param request the request
 * @param legs one fill per listing (each listing at most once)
 */
public record MatchPlan(BuyRequest request, List<Leg> legs) {

    /** Copies the legs. */
    public MatchPlan {
        legs = List.copyOf(legs);
    }

    /**
     * One listing fill.
     *
     * @param listing the listing taken
     * @param units how many of its units
     */
    public record Leg(BookOrder listing, BigInteger units) {

        /**
         * What the leg costs: {@code pricePerUnit * units}.
         *
         * @return the payment
         */
        public BigInteger payment() {
            return listing.pricePerUnit().multiply(units);
        }
    }

    /**
     * Units bought in total.
     *
     * @return the sum of the legs' units
     */
    public BigInteger units() {
        return legs.stream().map(Leg::units).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * What the plan costs in total.
     *
     * @return the sum of the legs' payments
     */
    public BigInteger cost() {
        return legs.stream().map(Leg::payment).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * Whether nothing matched.
     *
     * @return true without legs
     */
    public boolean isEmpty() {
        return legs.isEmpty();
    }
}
