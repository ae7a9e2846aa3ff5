package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.core.events.ReorgTooDeepException;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.PricedOrder;
import io.hashmix.proofs.market.SignedOrder;

/**
 * Issue 16: the chain follower on a reorganising pretend chain. After every reorganisation the book holds exactly
 * the chain's facts up to the cursor (fills, filled units, cancellations, maker counters, order states), the
 * settlements confirmed by removed fills are in doubt again (and confirmed again if their transaction is mined on the
 * new chain), and a reorganisation while the exchange was down is found at the next start.
 */
class ChainFollowerReorgTest {

    private static final EvmAddress EXCHANGE = address(9);
    private static final EvmAddress SOMEONE_ELSE = address(10);

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private FakeMarket chain;
    private ExchangeConfig config;
    private List<SignedOrder> listings;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        chain = new FakeMarket(clock, EXCHANGE);
        config = new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), 101, 1, 3, 5, null, 16);
        listings = List.of(0, 1, 2, 3).stream().map(i -> {
            chain.token(TokenId.of(i + 1), BTC);
            return listing(i + 1, i + 1, 100, 5, 10 + i, USDC, NOW + DAY);
        }).toList();
    }

    private ExchangeBackend start() {
        ExchangeBackend exchange = ExchangeBackend.start(config, chain, clock);
        for (SignedOrder l : listings) {
            exchange.submitOrder(OrderJson.toJson(l));
        }
        return exchange;
    }

    private static BuyRequest buy(long units) {
        return new BuyRequest(BTC, USDC, BigInteger.valueOf(units), BigInteger.valueOf(100));
    }

    /** The book equals the chain: every OrderFilled once, units per order, cancellations, counters, states. */
    private void assertMatchesChain(ExchangeBackend exchange) {
        List<MarketEvent.Filled> onChain = chain.filledEvents();
        List<RecordedFill> fills = exchange.book().fills();
        assertEquals(onChain.size(), fills.size(), "one recorded fill per OrderFilled on the chain: " + fills);
        for (int i = 0; i < onChain.size(); i++) {
            assertEquals(onChain.get(i).transactionHash(), fills.get(i).txHash());
            assertEquals(onChain.get(i).blockNumber(), fills.get(i).blockNumber());
            assertEquals(onChain.get(i).units(), fills.get(i).units());
        }
        for (SignedOrder l : listings) {
            BookOrder o = exchange.book().find(l.digest()).orElseThrow();
            assertEquals(chain.filledUnits(l.digest()), o.filledUnits(), "filled units of " + l.digest());
            PricedOrder p = (PricedOrder) l.order();
            OrderState expected = chain.cancelled(l.digest()) ? OrderState.CANCELLED
                    : chain.counter(p.maker()).compareTo(p.counter()) > 0 ? OrderState.STALE_COUNTER
                    : chain.filledUnits(l.digest()).compareTo(p.units()) >= 0 ? OrderState.FILLED : OrderState.LIVE;
            assertEquals(expected, o.state(), "state of the listing of " + p.maker());
        }
        assertEquals(chain.head(), exchange.book().cursor().orElseThrow());
    }

    @Test
    void reorganisationThatDropsFactsIsUndoneExactly() {
        try (ExchangeBackend exchange = start()) {
            long common = chain.head();
            BuyResult bought = exchange.buy(buy(100)); // the whole 10 listing, by the exchange
            chain.fillAs(SOMEONE_ELSE, listings.get(1), 30);
            chain.cancel(listings.get(2));
            chain.incrementCounter(address(4)); // retires the 13 listing
            exchange.follow();
            assertEquals(OrderState.FILLED, exchange.book().find(listings.get(0).digest()).orElseThrow().state());
            assertEquals(OrderState.CANCELLED, exchange.book().find(listings.get(2).digest()).orElseThrow().state());
            assertEquals(OrderState.STALE_COUNTER, exchange.book().find(listings.get(3).digest()).orElseThrow().state());
            assertTrue(exchange.settlements().ofRequest(bought.requestId()).stream().allMatch(s -> s.state() == SettlementState.CONFIRMED));
            String tx = exchange.settlements().ofRequest(bought.requestId()).get(0).txHash();

            // the four blocks are replaced by two empty ones
            chain.reorg(common, false);
            chain.mine(2);
            ChainFollower.Progress progress = exchange.follow();

            assertEquals(2, progress.removedFills());
            assertMatchesChain(exchange);
            assertTrue(exchange.book().fills().isEmpty());
            for (SignedOrder l : listings) {
                assertEquals(OrderState.LIVE, exchange.book().find(l.digest()).orElseThrow().state(), "every order is live again");
            }
            Settlement s = exchange.settlements().ofRequest(bought.requestId()).get(0);
            assertEquals(SettlementState.IN_DOUBT, s.state(), "its fill left the chain: in doubt again");
            assertEquals(tx, s.txHash(), "keeping its transaction hash");
            assertNull(s.fillId());

            // its transaction never comes back: the grace blocks fail it, and nothing stays reserved
            chain.mine(10);
            exchange.follow();
            assertEquals(SettlementState.FAILED, exchange.settlements().ofRequest(bought.requestId()).get(0).state());
            assertTrue(exchange.settlements().reservedUnits().isEmpty());
        }
    }

    @Test
    void transactionsMinedAgainOnTheNewChainConfirmTheirSettlementAgain() {
        try (ExchangeBackend exchange = start()) {
            long common = chain.head();
            BuyResult bought = exchange.buy(buy(120)); // 100 of the 10 listing, 20 of the 11
            chain.fillAs(SOMEONE_ELSE, listings.get(1), 30);
            chain.incrementCounter(address(3));
            exchange.follow();

            // the same transactions, mined again one block each after the common block (as a node re-injects them)
            chain.reorg(common, true);
            chain.mine(1);
            exchange.follow();

            assertMatchesChain(exchange);
            List<Settlement> settlements = exchange.settlements().ofRequest(bought.requestId());
            assertTrue(settlements.stream().allMatch(s -> s.state() == SettlementState.CONFIRMED), settlements.toString());
            assertEquals(BigInteger.valueOf(50), exchange.book().find(listings.get(1).digest()).orElseThrow().filledUnits());
            assertEquals(OrderState.STALE_COUNTER, exchange.book().find(listings.get(2).digest()).orElseThrow().state());
            assertTrue(exchange.settlements().reservedUnits().isEmpty());
        }
    }

    @Test
    void counterGoesBackToItsLastIncrementOnTheChain() {
        try (ExchangeBackend exchange = start()) {
            chain.incrementCounter(address(4));
            chain.mine(1);
            exchange.follow();
            long common = chain.head();
            chain.incrementCounter(address(4));
            chain.incrementCounter(address(4));
            exchange.follow();
            assertEquals(OrderState.STALE_COUNTER, exchange.book().find(listings.get(3).digest()).orElseThrow().state());

            chain.reorg(common, false);
            chain.mine(3);
            exchange.follow();

            assertMatchesChain(exchange);
            assertEquals(BigInteger.ONE, chain.counter(address(4)));
            // the book's counter is 1 again: an order signed under counter 1 would be live; the listing signed under 0 is not
            assertEquals(OrderState.STALE_COUNTER, exchange.book().find(listings.get(3).digest()).orElseThrow().state());
        }
    }

    @Test
    void reorganisationWhileTheExchangeIsDownIsFoundAtTheNextStart() {
        long common;
        try (ExchangeBackend exchange = start()) {
            common = chain.head();
            exchange.buy(buy(100));
            chain.cancel(listings.get(1));
            exchange.follow();
        }
        chain.reorg(common, false);
        chain.fillAs(SOMEONE_ELSE, listings.get(1), 40);
        chain.mine(2);

        try (ExchangeBackend restarted = ExchangeBackend.start(config, chain, clock)) {
            assertMatchesChain(restarted);
            assertEquals(BigInteger.valueOf(40), restarted.book().find(listings.get(1).digest()).orElseThrow().filledUnits());
            assertEquals(OrderState.LIVE, restarted.book().find(listings.get(1).digest()).orElseThrow().state(),
                    "the cancellation left the chain");
        }
    }

    @Test
    void reorganisationDeeperThanTheDepthStopsTheFollowerAndChangesNothing(@TempDir Path dir) {
        config = new ExchangeConfig(Database.fileUrl(dir.resolve("shallow")), 101, 1, 3, 5, null, 2);
        try (ExchangeBackend exchange = start()) {
            long common = chain.head();
            chain.fillAs(SOMEONE_ELSE, listings.get(1), 30);
            chain.mine(5);
            exchange.follow();
            List<RecordedFill> before = exchange.book().fills();
            long cursor = exchange.book().cursor().orElseThrow();

            chain.reorg(common, false);
            chain.mine(8);
            CompletionException e = assertThrows(CompletionException.class, exchange::follow);

            assertInstanceOf(ReorgTooDeepException.class, e.getCause());
            assertEquals(before, exchange.book().fills());
            assertEquals(cursor, exchange.book().cursor().orElseThrow());
        }
    }

    @Test
    void reorganisationOfBlocksNotYetConfirmedChangesNothingInTheBook(@TempDir Path dir) {
        config = new ExchangeConfig(Database.fileUrl(dir.resolve("confirmed")), 101, 3, 3, 5, null, 16);
        try (ExchangeBackend exchange = start()) {
            chain.mine(5);
            exchange.follow();
            long common = chain.head();
            chain.fillAs(SOMEONE_ELSE, listings.get(1), 30); // one block, not confirmed yet
            exchange.follow();
            assertTrue(exchange.book().fills().isEmpty());

            chain.reorg(common, false);
            chain.fillAs(SOMEONE_ELSE, listings.get(1), 10);
            chain.mine(2);
            ChainFollower.Progress p = exchange.follow();

            assertEquals(0, p.removedFills());
            assertEquals(1, exchange.book().fills().size());
            assertEquals(BigInteger.valueOf(10), exchange.book().find(listings.get(1).digest()).orElseThrow().filledUnits());
        }
    }
}
