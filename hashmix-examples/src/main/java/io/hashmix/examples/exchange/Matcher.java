package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.market.FillProblem;
import io.hashmix.core.market.Fillability;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Matches a {@link BuyRequest} against the book's live listings: cheapest first (then oldest), partial fills
 * allowed, each listing's minimum fill respected, units reserved by open settlements left alone, and every
 * candidate checked on chain ({@code checkFillable}) just before the plan is made. Listings the chain refuses
 * for good (token moved, nonce bumped, not tradable, bad signature) are taken off the book; fills,
 * cancellations and counter bumps are left to the {@link ChainFollower}, which records them from events.
 */
public final class Matcher {

    private static final Logger log = LoggerFactory.getLogger(Matcher.class);

    /** The most listings considered per request (the cheapest ones). */
    static final int MAX_CANDIDATES = 50;

    /** Problems that never go away: the listing is dead. */
    private static final Set<FillProblem> DEAD = EnumSet.of(FillProblem.TOKEN_GONE, FillProblem.NOT_OWNER,
            FillProblem.STALE_TOKEN_NONCE, FillProblem.NOT_TRADABLE, FillProblem.BAD_SIGNATURE);

    private final OrderBook book;
    private final Settlements settlements;
    private final MarketPort port;
    private final Clock clock;

    /**
     * Creates the matcher.
     *
     * @param book the order book
     * @param settlements open settlements (reservations)
     * @param port the chain
     * @param clock the clock expiries are checked against
     */
    public Matcher(OrderBook book, Settlements settlements, MarketPort port, Clock clock) {
        this.book = book;
        this.settlements = settlements;
        this.port = port;
        this.clock = clock;
    }

    /**
     * A listing the request may take from.
     *
     * @param listing the listing
     * @param available units the exchange may take: book remainder minus reservations, capped by the chain's
     * @param chainRemaining units the chain would let any taker fill now (a fill of exactly these is allowed
     *        below the minimum fill)
     */
    public record Candidate(BookOrder listing, BigInteger available, BigInteger chainRemaining) {
    }

    /**
     * Plans the fills of a request from the book as it stands, checked on chain.
     *
     * @param request the request
     * @return the plan (empty if nothing matches)
     */
    public MatchPlan match(BuyRequest request) {
        long now = clock.instant().getEpochSecond();
        List<BookOrder> listings = book.liveListings(request.assetClass(), request.currency(), request.maxPricePerUnit(), now,
                MAX_CANDIDATES);
        Map<Bytes32, BigInteger> reserved = settlements.reservedUnits();
        List<BookOrder> open = new ArrayList<>();
        List<BigInteger> bookAvailable = new ArrayList<>();
        for (BookOrder l : listings) {
            BigInteger available = l.remainingUnits().subtract(reserved.getOrDefault(l.hash(), BigInteger.ZERO));
            if (available.signum() > 0) {
                open.add(l);
                bookAvailable.add(available);
            }
        }
        if (open.isEmpty()) {
            return new MatchPlan(request, List.of());
        }
        List<Fillability> answers = port.checkFillable(open.stream().map(BookOrder::signed).toList()).join();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            BookOrder l = open.get(i);
            Fillability f = answers.get(i);
            if (!f.fillable() || f.fillableUnits().signum() <= 0) {
                if (f.problems().stream().anyMatch(DEAD::contains)) {
                    book.markDead(l.hash(), "refused on chain: " + f.problems());
                    log.info("listing {} taken off the book: {}", l.hash(), f.problems());
                }
                continue;
            }
            candidates.add(new Candidate(l, bookAvailable.get(i).min(f.fillableUnits()), f.fillableUnits()));
        }
        return allocate(request, candidates);
    }

    /**
     * Takes units from candidates in the given order until the request is covered: from each, as many as it has
     * and the request still needs, unless that is below the listing's minimum fill and not all that the chain
     * has left (the market would refuse it), in which case the listing is skipped.
     *
     * @param request the request
     * @param candidates the listings, best first
     * @return the plan
     */
    public static MatchPlan allocate(BuyRequest request, List<Candidate> candidates) {
        BigInteger need = request.units();
        List<MatchPlan.Leg> legs = new ArrayList<>();
        for (Candidate c : candidates) {
            if (need.signum() == 0) {
                break;
            }
            BookOrder l = c.listing();
            if (l.pricePerUnit().compareTo(request.maxPricePerUnit()) > 0 || !l.currency().equals(request.currency())) {
                continue;
            }
            BigInteger units = need.min(c.available());
            if (units.signum() <= 0) {
                continue;
            }
            if (units.compareTo(l.minFill()) < 0 && !units.equals(c.chainRemaining())) {
                continue;
            }
            legs.add(new MatchPlan.Leg(l, units));
            need = need.subtract(units);
        }
        return new MatchPlan(request, legs);
    }
}
