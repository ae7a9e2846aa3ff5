package io.hashmix.core.swap;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.hashmix.proofs.market.SignedOrder;

/**
 * Where to trade a token's units for another coin's hash power, from {@link SwapRouter#route}: the best of the
 * pool's quote and the market's swap orders that want exactly this token, compared by the value the caller
 * receives (the protocol's valuation: units x remaining life x hashprice x delivery ratio, in the numeraire).
 *
 * @param venue      where the best candidate trades
 * @param valueOut   the value the caller receives there
 * @param poolQuote  the pool's quote, when the pool is the best venue
 * @param order      the market swap order to fill ({@code hm.market().fillSwap(order)}), when the market is best
 * @param considered every candidate looked at, usable or not: the pool, then the orders that want this token
 *                   with these units (in the order given), then the ones that do not
 */
public record SwapRoute(Venue venue, BigInteger valueOut, Optional<SwapQuote> poolQuote, Optional<SignedOrder> order,
        List<Candidate> considered) {

    /** Where a swap trades. */
    public enum Venue {
        /** The oracle-valued swap pool ({@code hm.swap().swap(...)}). */
        POOL,
        /** A maker's NFT-for-NFT swap order in the market ({@code hm.market().fillSwap(...)}). */
        MARKET
    }

    /**
     * One candidate the router looked at.
     *
     * @param venue     where it trades
     * @param order     the market order, for {@link Venue#MARKET}
     * @param valueOut  what the caller would receive, if usable
     * @param unusable  why it cannot be used now (a refused quote, a wrong or unfillable order), if not usable
     */
    public record Candidate(Venue venue, Optional<SignedOrder> order, Optional<BigInteger> valueOut,
            Optional<String> unusable) {

        /** Checks the parts. */
        public Candidate {
            Objects.requireNonNull(venue, "venue");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(valueOut, "valueOut");
            Objects.requireNonNull(unusable, "unusable");
            if (valueOut.isPresent() == unusable.isPresent()) {
                throw new IllegalArgumentException("a candidate has a value or a reason it is unusable, not both");
            }
        }
    }

    /** Checks and copies the parts. */
    public SwapRoute {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(valueOut, "valueOut");
        Objects.requireNonNull(poolQuote, "poolQuote");
        Objects.requireNonNull(order, "order");
        considered = List.copyOf(considered);
        if ((venue == Venue.POOL) != poolQuote.isPresent() || (venue == Venue.MARKET) != order.isPresent()) {
            throw new IllegalArgumentException("the route's venue and its quote or order disagree");
        }
    }
}
