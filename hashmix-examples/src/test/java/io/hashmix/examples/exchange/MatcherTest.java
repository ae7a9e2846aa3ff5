package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static io.hashmix.examples.exchange.OrderBookTest.RECEIVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.SignedOrder;

/** Matching a buy request: price-time priority, partial fills, minimum fills, reservations, the chain's word. */
class MatcherTest {

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private FakeMarket chain;
    private Database db;
    private OrderBook book;
    private Settlements settlements;
    private Matcher matcher;

    @BeforeEach
    void setUp() {
        chain = new FakeMarket(clock, address(9));
        db = Database.open(Database.memoryUrl("matcher-" + UUID.randomUUID()));
        book = new OrderBook(db);
        settlements = new Settlements(db, clock, address(9));
        matcher = new Matcher(book, settlements, chain, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static BuyRequest buy(long units, long maxPrice) {
        return new BuyRequest(BTC, USDC, BigInteger.valueOf(units), BigInteger.valueOf(maxPrice));
    }

    private static BookOrder order(SignedOrder s) {
        var l = (io.hashmix.proofs.market.Listing) s.order();
        return new BookOrder(s.digest(), l.kind(), l.seller(), l.tokenId(), BTC, l.currency(), l.pricePerUnit(), l.units(),
                l.minFill(), BigInteger.ZERO, l.counter(), l.expiry(), OrderState.LIVE, null, s, RECEIVED);
    }

    private static Matcher.Candidate candidate(SignedOrder s, long available, long chainRemaining) {
        return new Matcher.Candidate(order(s), BigInteger.valueOf(available), BigInteger.valueOf(chainRemaining));
    }

    private static List<Long> units(MatchPlan plan) {
        return plan.legs().stream().map(l -> l.units().longValueExact()).toList();
    }

    @Test
    void allocationTakesCandidatesInOrderAndFillsTheLastOnePartially() {
        SignedOrder a = listing(1, 1, 30, 0, 10, USDC, NOW + DAY);
        SignedOrder b = listing(2, 2, 50, 0, 12, USDC, NOW + DAY);
        SignedOrder c = listing(3, 3, 50, 0, 15, USDC, NOW + DAY);

        MatchPlan plan = Matcher.allocate(buy(60, 20), List.of(candidate(a, 30, 30), candidate(b, 50, 50), candidate(c, 50, 50)));

        assertEquals(List.of(30L, 30L), units(plan));
        assertEquals(List.of(a.digest(), b.digest()), plan.legs().stream().map(l -> l.listing().hash()).toList());
        assertEquals(BigInteger.valueOf(60), plan.units());
        assertEquals(BigInteger.valueOf(30 * 10 + 30 * 12), plan.cost());
    }

    @Test
    void allocationRespectsMinimumFillsExceptForTheWholeRemainder() {
        SignedOrder min40 = listing(1, 1, 100, 40, 10, USDC, NOW + DAY);
        SignedOrder min40Tail = listing(2, 2, 100, 40, 11, USDC, NOW + DAY);
        SignedOrder any = listing(3, 3, 100, 0, 12, USDC, NOW + DAY);

        // 25 < 40 and not the remainder: skipped, the next listing takes it
        assertEquals(List.of(any.digest()), Matcher.allocate(buy(25, 20), List.of(candidate(min40, 100, 100), candidate(any, 100, 100)))
                .legs().stream().map(l -> l.listing().hash()).toList());
        // 25 is all that is left on chain: allowed below the minimum
        assertEquals(List.of(25L), units(Matcher.allocate(buy(25, 20), List.of(candidate(min40Tail, 25, 25)))));
        // 25 available to the exchange but 60 left on chain (35 reserved): below the minimum, refused
        assertTrue(Matcher.allocate(buy(25, 20), List.of(candidate(min40Tail, 25, 60))).isEmpty());
    }

    @Test
    void allocationSkipsWhatIsTooExpensiveOrInAnotherCurrency() {
        SignedOrder dear = listing(1, 1, 100, 0, 30, USDC, NOW + DAY);
        SignedOrder nativeCoin = listing(2, 2, 100, 0, 5, EvmAddress.ZERO, NOW + DAY);
        assertTrue(Matcher.allocate(buy(10, 20), List.of(candidate(dear, 100, 100), candidate(nativeCoin, 100, 100))).isEmpty());
    }

    @Test
    void matchReadsTheBookCheapestFirstAndLeavesReservedUnitsAlone() {
        List<SignedOrder> ls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SignedOrder l = listing(1 + i, 1 + i, 40, 0, 10 + i, USDC, NOW + DAY);
            chain.token(TokenId.of(1 + i), BTC);
            book.insert(l, BTC, RECEIVED.plusSeconds(i));
            ls.add(l);
        }
        // an open settlement holds 30 of the cheapest listing's 40 units
        settlements.open("r0", List.of(new MatchPlan.Leg(book.find(ls.get(0).digest()).orElseThrow(), BigInteger.valueOf(30))), 100);

        MatchPlan plan = matcher.match(buy(60, 100));

        assertEquals(List.of(ls.get(0).digest(), ls.get(1).digest(), ls.get(2).digest()),
                plan.legs().stream().map(l -> l.listing().hash()).toList());
        assertEquals(List.of(10L, 40L, 10L), units(plan));
    }

    @Test
    void matchTakesListingsTheChainKilledOffTheBookAndSkipsOnesItCannotFillNow() {
        SignedOrder gone = listing(1, 1, 40, 0, 10, USDC, NOW + DAY);
        SignedOrder filledElsewhere = listing(2, 2, 40, 0, 11, USDC, NOW + DAY);
        SignedOrder fine = listing(3, 3, 40, 0, 12, USDC, NOW + DAY);
        for (SignedOrder l : List.of(gone, filledElsewhere, fine)) {
            chain.token(((io.hashmix.proofs.market.Listing) l.order()).tokenId(), BTC);
            book.insert(l, BTC, RECEIVED);
        }
        chain.tokenGone(TokenId.of(1));
        chain.fillAs(address(5), filledElsewhere, 40); // not followed yet: the book still thinks it is live

        MatchPlan plan = matcher.match(buy(100, 100));

        assertEquals(List.of(fine.digest()), plan.legs().stream().map(l -> l.listing().hash()).toList());
        assertEquals(OrderState.DEAD, book.find(gone.digest()).orElseThrow().state());
        assertEquals(OrderState.LIVE, book.find(filledElsewhere.digest()).orElseThrow().state(),
                "fills are the follower's to record, from events");
    }

    @Test
    void nothingMatchesAnEmptyBook() {
        assertTrue(matcher.match(buy(10, 10)).isEmpty());
    }
}
