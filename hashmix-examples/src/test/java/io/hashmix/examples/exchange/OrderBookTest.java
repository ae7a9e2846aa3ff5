package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.FIL;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/** The H2 order book: schema, idempotent inserts and fills, chain facts that arrive before their order, restarts. */
class OrderBookTest {

    static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final long DAY = 86_400;
    static final Instant RECEIVED = Instant.ofEpochSecond(NOW);

    private Database db;
    private OrderBook book;

    @BeforeEach
    void open() {
        db = Database.open(Database.memoryUrl("book-" + UUID.randomUUID()));
        book = new OrderBook(db);
        book.initCursor(FakeMarket.DOMAIN, 99);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static MarketEvent.Filled filled(long block, int logIndex, String tx, SignedOrder o, long units, EvmAddress taker) {
        Listing l = (Listing) o.order();
        BigInteger payment = l.pricePerUnit().multiply(BigInteger.valueOf(units));
        return new MarketEvent.Filled(block, logIndex, tx, o.digest(), OrderKind.LISTING, l.seller(), taker, l.tokenId(),
                BigInteger.valueOf(units), l.currency(), payment, BigInteger.ZERO);
    }

    static String tx(int i) {
        return Bytes32.keccakUtf8("tx " + i).toHex();
    }

    @Test
    void migrationRunsOnceAndTheVersionIsRecorded(@TempDir Path dir) {
        String url = Database.fileUrl(dir.resolve("book"));
        try (Database first = Database.open(url)) {
            assertEquals(2, first.schemaVersion());
        }
        try (Database again = Database.open(url)) {
            assertEquals(2, again.schemaVersion());
            assertEquals(2, (int) again.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        }
        assertThrows(IllegalArgumentException.class, () -> Database.open("jdbc:postgresql://x/y"));
    }

    @Test
    void insertIsIdempotentAndKeepsEveryValueExact() {
        // the largest price a one-unit listing can have, and the largest uint64 expiry
        Listing extreme = Listing.builder().seller(address(1)).tokenId(new TokenId(AbiWords.UINT256_MAX)).tokenNonce(4_294_967_295L)
                .units(1).currency(USDC).pricePerUnit(AbiWords.UINT256_MAX).expiry(-1L).build();
        SignedOrder signed = OrderSigner.sign(FakeMarket.DOMAIN, extreme, FakeMarket.key(1));

        OrderBook.Insert first = book.insert(signed, BTC, RECEIVED);
        OrderBook.Insert second = book.insert(signed, BTC, RECEIVED.plusSeconds(5));

        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.order(), second.order());
        BookOrder o = book.find(signed.digest()).orElseThrow();
        assertEquals(signed, o.signed());
        assertEquals(AbiWords.UINT256_MAX, o.pricePerUnit());
        assertEquals(AbiWords.UINT256_MAX, o.tokenId().value());
        assertEquals(-1L, o.expiry());
        assertEquals(BigInteger.ZERO, o.filledUnits());
        assertEquals(OrderState.LIVE, o.state());
        assertEquals(BTC, o.assetClass());
        assertEquals(RECEIVED, o.receivedAt());
        assertEquals(1, book.orders().size());
    }

    @Test
    void swapOrdersAreNotBookOrders() {
        SwapOrder swap = SwapOrder.builder().maker(address(1)).giveTokenId(TokenId.of(1)).giveTokenNonce(0).giveUnits(10)
                .wantTokenId(TokenId.of(2)).wantUnits(20)
                .expiry(NOW + DAY).build();
        SignedOrder signed = OrderSigner.sign(FakeMarket.DOMAIN, swap, FakeMarket.key(1));
        assertThrows(IllegalArgumentException.class, () -> book.insert(signed, BTC, RECEIVED));
    }

    @Test
    void liveListingsAreTheMatchingOnesCheapestThenOldestFirst() {
        SignedOrder at30 = listing(1, 1, 100, 0, 30, USDC, NOW + DAY);
        SignedOrder at20 = listing(2, 2, 100, 0, 20, USDC, NOW + DAY);
        SignedOrder at20later = listing(3, 3, 100, 0, 20, USDC, NOW + DAY);
        SignedOrder at50 = listing(1, 4, 100, 0, 50, USDC, NOW + DAY);
        SignedOrder expired = listing(1, 5, 100, 0, 10, USDC, NOW - 1);
        SignedOrder otherClass = listing(1, 6, 100, 0, 10, USDC, NOW + DAY);
        SignedOrder nativeCoin = listing(1, 7, 100, 0, 10, EvmAddress.ZERO, NOW + DAY);
        SignedOrder dead = listing(1, 8, 100, 0, 10, USDC, NOW + DAY);
        book.insert(at30, BTC, RECEIVED);
        book.insert(at20later, BTC, RECEIVED.plusSeconds(2));
        book.insert(at20, BTC, RECEIVED.plusSeconds(1));
        book.insert(at50, BTC, RECEIVED);
        book.insert(expired, BTC, RECEIVED);
        book.insert(otherClass, FIL, RECEIVED);
        book.insert(nativeCoin, BTC, RECEIVED);
        book.insert(dead, BTC, RECEIVED);
        assertTrue(book.markDead(dead.digest(), "token gone"));
        assertFalse(book.markDead(dead.digest(), "again"), "only live orders die");

        List<Bytes32> found = book.liveListings(BTC, USDC, BigInteger.valueOf(30), NOW, 10).stream().map(BookOrder::hash).toList();

        assertEquals(List.of(at20.digest(), at20later.digest(), at30.digest()), found);
        assertEquals(1, book.liveListings(BTC, USDC, BigInteger.valueOf(30), NOW, 1).size());
        assertEquals(List.of(nativeCoin.digest()), book.liveListings(BTC, EvmAddress.ZERO, BigInteger.TEN, NOW, 10).stream()
                .map(BookOrder::hash).toList());
        assertEquals(OrderState.DEAD, book.find(dead.digest()).orElseThrow().state());
        assertEquals("token gone", book.find(dead.digest()).orElseThrow().stateDetail());
    }

    @Test
    void aFillIsRecordedOncePerLogAndCompletesTheOrder() {
        SignedOrder l = listing(1, 1, 100, 0, 25, USDC, NOW + DAY);
        book.insert(l, BTC, RECEIVED);
        MarketEvent.Filled first = filled(101, 0, tx(1), l, 40, address(9));
        MarketEvent.Filled second = filled(102, 3, tx(2), l, 60, address(9));

        assertTrue(db.write(c -> book.recordFill(c, first)).isPresent());
        assertTrue(db.write(c -> book.recordFill(c, first)).isEmpty(), "a replayed log is a no-op");
        BookOrder half = book.find(l.digest()).orElseThrow();
        assertEquals(BigInteger.valueOf(40), half.filledUnits());
        assertEquals(OrderState.LIVE, half.state());

        db.write(c -> book.recordFill(c, second));
        db.write(c -> book.recordFill(c, second));

        BookOrder done = book.find(l.digest()).orElseThrow();
        assertEquals(BigInteger.valueOf(100), done.filledUnits());
        assertEquals(OrderState.FILLED, done.state());
        assertEquals(2, book.fills().size());
        RecordedFill f = book.fillsOf(l.digest()).get(1);
        assertEquals(tx(2), f.txHash());
        assertEquals(3, f.logIndex());
        assertEquals(102, f.blockNumber());
        assertEquals(BigInteger.valueOf(1_500), f.payment());
        assertEquals(address(9), f.taker());
        assertNull(f.settlementId());
    }

    @Test
    void chainFactsFollowedBeforeAnOrderArrivesStillApplyToIt() {
        SignedOrder partly = listing(1, 1, 100, 0, 25, USDC, NOW + DAY);
        SignedOrder cancelled = listing(2, 2, 100, 0, 25, USDC, NOW + DAY);
        SignedOrder stale = listing(3, 3, 100, 0, 25, USDC, NOW + DAY);
        db.write(c -> {
            book.recordFill(c, filled(101, 0, tx(1), partly, 30, address(9)));
            book.recordCancel(c, new MarketEvent.Cancelled(102, 0, tx(2), cancelled.digest(), address(2)));
            book.recordCounter(c, new MarketEvent.CounterIncremented(103, 0, tx(3), address(3), BigInteger.ONE));
            return null;
        });

        assertEquals(BigInteger.valueOf(30), book.insert(partly, BTC, RECEIVED).order().filledUnits());
        assertEquals(OrderState.CANCELLED, book.insert(cancelled, BTC, RECEIVED).order().state());
        assertEquals(OrderState.STALE_COUNTER, book.insert(stale, BTC, RECEIVED).order().state());
    }

    @Test
    void cancelAndCounterEventsRetireLiveOrdersOnly() {
        SignedOrder a = listing(1, 1, 100, 0, 25, USDC, NOW + DAY);
        SignedOrder b = listing(1, 2, 100, 0, 25, USDC, NOW + DAY);
        SignedOrder other = listing(2, 3, 100, 0, 25, USDC, NOW + DAY);
        SignedOrder full = listing(2, 4, 10, 0, 25, USDC, NOW + DAY);
        for (SignedOrder o : List.of(a, b, other, full)) {
            book.insert(o, BTC, RECEIVED);
        }
        db.write(c -> {
            book.recordFill(c, filled(101, 0, tx(1), full, 10, address(9)));
            book.recordCancel(c, new MarketEvent.Cancelled(102, 0, tx(2), a.digest(), address(1)));
            book.recordCancel(c, new MarketEvent.Cancelled(102, 0, tx(2), a.digest(), address(1)));
            book.recordCounter(c, new MarketEvent.CounterIncremented(103, 0, tx(3), address(1), BigInteger.ONE));
            book.recordCounter(c, new MarketEvent.CounterIncremented(104, 0, tx(4), address(2), BigInteger.ONE));
            return null;
        });

        assertEquals(OrderState.CANCELLED, book.find(a.digest()).orElseThrow().state());
        assertEquals(OrderState.STALE_COUNTER, book.find(b.digest()).orElseThrow().state());
        assertEquals(OrderState.STALE_COUNTER, book.find(other.digest()).orElseThrow().state());
        assertEquals(OrderState.FILLED, book.find(full.digest()).orElseThrow().state(), "a filled order stays filled");
    }

    @Test
    void theBookSurvivesAReopenOfItsFileAndStaysBoundToItsMarket(@TempDir Path dir) {
        String url = Database.fileUrl(dir.resolve("book"));
        SignedOrder l = listing(1, 1, 100, 0, 25, USDC, NOW + DAY);
        try (Database file = Database.open(url)) {
            OrderBook b = new OrderBook(file);
            assertEquals(99, b.initCursor(FakeMarket.DOMAIN, 99));
            b.insert(l, BTC, RECEIVED);
            file.write(c -> {
                b.recordFill(c, filled(120, 0, tx(1), l, 40, address(9)));
                b.setCursor(c, 120);
                return null;
            });
        }
        try (Database file = Database.open(url)) {
            OrderBook b = new OrderBook(file);
            assertEquals(120, b.initCursor(FakeMarket.DOMAIN, 5), "a stored cursor wins over the first block");
            assertThrows(StoreException.class, () -> b.initCursor(Eip712Domain.hashMix(1, FakeMarket.MARKET), 5));
            assertThrows(StoreException.class, () -> b.initCursor(Eip712Domain.hashMix(FakeMarket.CHAIN_ID, USDC), 5));
            assertEquals(120, b.cursor().orElseThrow());
            assertEquals(BigInteger.valueOf(40), b.find(l.digest()).orElseThrow().filledUnits());
            assertEquals(1, b.fills().size());
        }
    }
}
