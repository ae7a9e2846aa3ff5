package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;

/**
 * The exchange stopped and restarted on the same database file, on a pretend chain: crashes at every point of a
 * settlement, fills by others and cancellations while it is down. After the restart the book holds exactly the
 * chain's fills, each once, every settlement is resolved, and every order's filled units are the chain's.
 */
class ExchangeRestartTest {

    private static final EvmAddress EXCHANGE = address(9);
    private static final EvmAddress SOMEONE_ELSE = address(10);

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private FakeMarket chain;
    private ExchangeConfig config;
    private List<SignedOrder> listings;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        chain = new FakeMarket(clock, EXCHANGE);
        config = new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), 101, 1, 3, 5, null);
        // five sellers, 100 units each at 10, 11, 12, 13, 14 (minimum fill 5)
        listings = List.of(0, 1, 2, 3, 4).stream().map(i -> {
            chain.token(TokenId.of(i + 1), BTC);
            return listing(i + 1, i + 1, 100, 5, 10 + i, USDC, NOW + DAY);
        }).toList();
    }

    private static BuyRequest buy(long units) {
        return new BuyRequest(BTC, USDC, BigInteger.valueOf(units), BigInteger.valueOf(100));
    }

    private void submitAll(ExchangeBackend exchange) {
        for (SignedOrder l : listings) {
            assertInstanceOf(IntakeResult.Accepted.class, exchange.submitOrder(OrderJson.toJson(l)));
        }
    }

    @Test
    void restartAfterCrashesEndsWithExactlyTheChainsFills() {
        ExchangeBackend first = ExchangeBackend.start(config, chain, clock);
        submitAll(first);

        // 1. a clean buy, followed: 100 units of the 10 listing + 20 of the 11 listing
        BuyResult clean = first.buy(buy(120));
        assertEquals(BuyResult.Outcome.FILLED, clean.outcome());
        first.follow();
        assertTrue(first.settlements().ofRequest(clean.requestId()).stream().allMatch(s -> s.state() == SettlementState.CONFIRMED));

        // 2. someone else fills 30 of the 11 listing directly through the market
        chain.fillAs(SOMEONE_ELSE, listings.get(1), 30);

        // 3. a buy whose receipt is recorded but whose event is not followed before the stop (MINED)
        BuyResult mined = first.buy(buy(25));
        assertEquals(BuyResult.Outcome.FILLED, mined.outcome());
        assertTrue(mined.settlements().stream().allMatch(s -> s.state() == SettlementState.MINED && s.txHash() != null));

        // 4. a buy whose receipt is lost: in doubt, no transaction hash
        chain.nextFill(FakeMarket.Fault.LOSE_RECEIPT);
        BuyResult lost = first.buy(buy(10));
        assertEquals(BuyResult.Outcome.IN_DOUBT, lost.outcome());
        assertTrue(lost.settlements().stream().allMatch(s -> s.state() == SettlementState.IN_DOUBT && s.txHash() == null));

        // 5. the process dies right after the transaction is mined: SUBMITTED rows are all that is left
        chain.nextFill(FakeMarket.Fault.CRASH_AFTER_SEND);
        assertThrows(FakeMarket.SimulatedCrash.class, () -> first.buy(buy(20))); // 15 of the 11 listing + 5 of the 12
        assertEquals(2, first.settlements().all().stream().filter(s -> s.state() == SettlementState.SUBMITTED).count());
        first.close();

        // while the exchange is down: more fills by others, a cancellation, a counter bump
        chain.fillAs(SOMEONE_ELSE, listings.get(3), 50);
        chain.cancel(listings.get(4));
        chain.incrementCounter(address(3)); // the seller of the 12 listing retires it
        chain.mine(2);

        ExchangeBackend second = ExchangeBackend.start(config, chain, clock);
        try {
            assertMatchesChain(second);
            assertEquals(OrderState.CANCELLED, second.book().find(listings.get(4).digest()).orElseThrow().state());
            assertEquals(OrderState.STALE_COUNTER, second.book().find(listings.get(2).digest()).orElseThrow().state());
            assertEquals(OrderState.FILLED, second.book().find(listings.get(0).digest()).orElseThrow().state());

            // following again, or replaying everything from the first block, changes nothing
            List<RecordedFill> before = second.book().fills();
            second.follow();
            assertEquals(before, second.book().fills());
        } finally {
            second.close();
        }
        try (Database db = Database.open(config.jdbcUrl())) {
            OrderBook book = new OrderBook(db);
            db.write(c -> {
                book.setCursor(c, config.firstBlock() - 1);
                return null;
            });
        }
        ExchangeBackend third = ExchangeBackend.start(config, chain, clock);
        try {
            assertMatchesChain(third); // a full replay from the first block is a no-op
        } finally {
            third.close();
        }
    }

    /** Fills = the chain's OrderFilled events, once each; settlements all confirmed by distinct own fills; units agree. */
    private void assertMatchesChain(ExchangeBackend exchange) {
        List<RecordedFill> fills = exchange.book().fills();
        List<MarketEvent.Filled> onChain = chain.filledEvents();
        assertEquals(onChain.size(), fills.size(), "one recorded fill per OrderFilled event");
        for (int i = 0; i < onChain.size(); i++) {
            MarketEvent.Filled e = onChain.get(i);
            RecordedFill f = fills.get(i);
            assertEquals(e.transactionHash(), f.txHash());
            assertEquals(e.logIndex(), f.logIndex());
            assertEquals(e.blockNumber(), f.blockNumber());
            assertEquals(e.orderHash(), f.orderHash());
            assertEquals(e.taker(), f.taker());
            assertEquals(e.units(), f.units());
            assertEquals(e.payment(), f.payment());
            assertEquals(e.fee(), f.fee());
        }
        for (SignedOrder l : listings) {
            assertEquals(chain.filledUnits(l.digest()), exchange.book().find(l.digest()).orElseThrow().filledUnits());
        }
        List<Settlement> settlements = exchange.settlements().all();
        assertTrue(settlements.stream().allMatch(s -> s.state() == SettlementState.CONFIRMED), settlements.toString());
        Set<Long> linked = settlements.stream().map(Settlement::fillId).collect(Collectors.toSet());
        assertEquals(settlements.size(), linked.size(), "each settlement has its own fill");
        Set<Long> ownFills = fills.stream().filter(f -> f.taker().equals(EXCHANGE)).map(RecordedFill::id).collect(Collectors.toSet());
        assertEquals(ownFills, new HashSet<>(linked), "every fill by the exchange resolves one settlement");
        for (RecordedFill f : fills) {
            if (f.settlementId() != null) {
                Settlement s = exchange.settlements().find(f.settlementId()).orElseThrow();
                assertEquals(f.id(), s.fillId());
                assertEquals(f.txHash(), s.txHash());
                assertEquals(f.units(), s.units());
            }
        }
        assertTrue(exchange.settlements().reservedUnits().isEmpty(), "nothing stays reserved");
    }

    @Test
    void aSettlementThatNeverLeftFailsAfterTheGraceBlocks() {
        ExchangeBackend first = ExchangeBackend.start(config, chain, clock);
        submitAll(first);
        chain.nextFill(FakeMarket.Fault.CRASH_BEFORE_SEND);
        assertThrows(FakeMarket.SimulatedCrash.class, () -> first.buy(buy(10)));
        first.close();

        ExchangeBackend second = ExchangeBackend.start(config, chain, clock);
        try {
            Settlement s = second.settlements().all().get(0);
            assertEquals(SettlementState.IN_DOUBT, s.state());
            assertEquals(BigInteger.TEN, second.settlements().reservedUnits().get(s.orderHash()), "in doubt: still reserved");

            chain.mine(5);
            second.follow();
            assertEquals(SettlementState.IN_DOUBT, second.settlements().find(s.id()).orElseThrow().state(), "grace not over yet");
            chain.mine(1);
            second.follow();
            Settlement failed = second.settlements().find(s.id()).orElseThrow();
            assertEquals(SettlementState.FAILED, failed.state());
            assertNotNull(failed.error());
            assertTrue(second.settlements().reservedUnits().isEmpty());
            assertTrue(second.book().fills().isEmpty());
        } finally {
            second.close();
        }
    }

    @Test
    void aRevertFailsTheSettlementAndReservesNothing() {
        try (ExchangeBackend exchange = ExchangeBackend.start(config, chain, clock)) {
            submitAll(exchange);
            chain.nextFill(FakeMarket.Fault.REVERT);
            BuyResult r = exchange.buy(buy(10));
            assertEquals(BuyResult.Outcome.FAILED, r.outcome());
            assertTrue(r.settlements().stream().allMatch(s -> s.state() == SettlementState.FAILED));
            assertTrue(exchange.settlements().reservedUnits().isEmpty());
            assertEquals(BuyResult.Outcome.FILLED, exchange.buy(buy(10)).outcome());
        }
    }

    @Test
    void theFollowerMayRecordAFillBeforeTheSettlerSeesItsReceipt() {
        try (ExchangeBackend exchange = ExchangeBackend.start(config, chain, clock)) {
            submitAll(exchange);
            chain.beforeNextReceipt(exchange::follow);
            BuyResult r = exchange.buy(buy(150));
            assertEquals(BuyResult.Outcome.FILLED, r.outcome());
            assertEquals(2, r.settlements().size());
            assertTrue(r.settlements().stream().allMatch(s -> s.state() == SettlementState.CONFIRMED), r.settlements().toString());
            assertEquals(2, exchange.book().fills().stream().filter(f -> f.settlementId() != null).count());
        }
    }

    @Test
    void aLostReceiptIsResolvedByTheEventInTheSameRun() {
        try (ExchangeBackend exchange = ExchangeBackend.start(config, chain, clock)) {
            submitAll(exchange);
            chain.nextFill(FakeMarket.Fault.LOSE_RECEIPT);
            BuyResult r = exchange.buy(buy(30));
            assertEquals(BuyResult.Outcome.IN_DOUBT, r.outcome());
            // the matcher does not offer the units in doubt again: the next buy takes the rest of the 10 listing
            BuyResult next = exchange.buy(buy(70));
            assertEquals(List.of(BigInteger.valueOf(70)), next.plan().legs().stream().map(MatchPlan.Leg::units).toList());
            exchange.follow();
            assertTrue(exchange.settlements().all().stream().allMatch(s -> s.state() == SettlementState.CONFIRMED));
            assertEquals(OrderState.FILLED, exchange.book().find(listings.get(0).digest()).orElseThrow().state());
        }
    }

    @Test
    void theCursorStaysWhereItWasWhenTheChainCannotBeRead() {
        try (ExchangeBackend exchange = ExchangeBackend.start(config, chain, clock)) {
            submitAll(exchange);
            exchange.buy(buy(10));
            long cursor = exchange.book().cursor().orElseThrow();
            chain.down(true);
            assertThrows(CompletionException.class, exchange::follow);
            assertEquals(cursor, exchange.book().cursor().orElseThrow());
            chain.down(false);
            exchange.follow();
            assertEquals(chain.head(), exchange.book().cursor().orElseThrow());
            assertEquals(1, exchange.book().fills().size());
        }
    }

    @Test
    void theFollowerReadsBoundedRangesUpToTheConfirmedHead(@TempDir Path dir) {
        ExchangeConfig lagging = new ExchangeConfig(Database.fileUrl(dir.resolve("lag")), 101, 3, 3, 5, null);
        chain.mine(20); // head 120
        try (ExchangeBackend exchange = ExchangeBackend.start(lagging, chain, clock)) {
            assertEquals(118, exchange.book().cursor().orElseThrow(), "3 confirmations: two blocks behind the head");
            assertEquals(6, chain.eventCalls(), "blocks 101..118 in ranges of 3");
        }
    }
}
