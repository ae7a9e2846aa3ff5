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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;

/**
 * Which settlement a fill of the exchange confirms when hashes are missing, late or wrong, and that no settlement
 * keeps its units reserved forever. A fake chain, grace 5 blocks.
 */
class SettlementLinkingTest {

    private static final EvmAddress EXCHANGE = address(9);
    private static final long GRACE = 5;

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private FakeMarket chain;
    private ExchangeBackend exchange;
    private SignedOrder listing;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        chain = new FakeMarket(clock, EXCHANGE);
        chain.token(TokenId.of(1), BTC);
        listing = listing(1, 1, 100, 5, 10, USDC, NOW + DAY);
        exchange = ExchangeBackend.start(new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), 101, 1, 3, GRACE, null),
                chain, clock);
        assertInstanceOf(IntakeResult.Accepted.class, exchange.submitOrder(OrderJson.toJson(listing)));
    }

    @AfterEach
    void tearDown() {
        exchange.close();
    }

    private BuyResult buy(long units) {
        return exchange.buy(new BuyRequest(BTC, USDC, BigInteger.valueOf(units), BigInteger.valueOf(100)));
    }

    private Settlement reload(Settlement s) {
        return exchange.settlements().find(s.id()).orElseThrow();
    }

    private void passGrace() {
        chain.mine((int) GRACE + 1);
        exchange.follow();
    }

    /** Opens a settlement of the listing directly, as the settler does before sending. */
    private Settlement open(long units) {
        BookOrder order = exchange.book().find(listing.digest()).orElseThrow();
        return exchange.settlements().open("manual", List.of(new MatchPlan.Leg(order, BigInteger.valueOf(units))), chain.head())
                .get(0);
    }

    @Test
    void aFillIsNotGuessedForASettlementInDoubtWhileAnotherOfItsOrderIsBeingSent() {
        chain.nextFill(FakeMarket.Fault.FAIL_BEFORE_SEND);
        Settlement a = buy(10).settlements().get(0);
        assertEquals(SettlementState.IN_DOUBT, a.state());
        assertNull(a.txHash());

        chain.beforeNextReceipt(exchange::follow); // B's fill is followed while B is still SUBMITTED without a hash
        BuyResult b = buy(10);
        Settlement bRow = b.settlements().get(0);
        assertEquals(a.orderHash(), bRow.orderHash());
        assertEquals(SettlementState.CONFIRMED, bRow.state(), b.settlements().toString());
        RecordedFill fill = exchange.book().fills().get(0);
        assertEquals(bRow.id(), fill.settlementId());
        assertEquals(fill.txHash(), bRow.txHash());
        assertEquals(SettlementState.IN_DOUBT, reload(a).state(), "A's transaction never left");

        passGrace();
        assertEquals(SettlementState.FAILED, reload(a).state());
        assertEquals(SettlementState.CONFIRMED, reload(bRow).state());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());
    }

    @Test
    void aGuessHeldBackWhileAnotherWasBeingSentIsMadeOnceThatOneIsResolved() {
        chain.nextFill(FakeMarket.Fault.LOSE_RECEIPT); // A's transaction is mined, its receipt lost
        Settlement a = buy(10).settlements().get(0);
        assertEquals(SettlementState.IN_DOUBT, a.state());
        Settlement b = open(10); // being sent
        exchange.follow();
        assertEquals(SettlementState.IN_DOUBT, reload(a).state(), "no guess while B is being sent");

        exchange.settlements().markFailed(List.of(b.id()), "reverted");
        exchange.follow();
        Settlement confirmed = reload(a);
        assertEquals(SettlementState.CONFIRMED, confirmed.state());
        assertEquals(exchange.book().fills().get(0).id(), confirmed.fillId());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());
    }

    @Test
    void theReceiptTakesItsFillBackFromASettlementLinkedToItByGuess() {
        chain.nextFill(FakeMarket.Fault.FAIL_BEFORE_SEND);
        Settlement a = buy(10).settlements().get(0);
        // a fill by the exchange's account of the same order and units, followed while nothing is being sent: the
        // guess links it to A
        MarketEvent.Filled f = chain.fillAs(EXCHANGE, listing, 10);
        exchange.follow();
        assertEquals(SettlementState.CONFIRMED, reload(a).state());

        // the fill was in fact B's: its receipt comes back late
        Settlement b = open(10);
        Settlement mined = exchange.settlements().markMined(b.id(), f.transactionHash());
        assertEquals(SettlementState.CONFIRMED, mined.state());
        RecordedFill fill = exchange.book().fills().get(0);
        assertEquals(fill.id(), mined.fillId());
        assertEquals(b.id(), fill.settlementId());
        Settlement back = reload(a);
        assertEquals(SettlementState.IN_DOUBT, back.state());
        assertNull(back.txHash());
        assertNull(back.fillId());

        passGrace();
        assertEquals(SettlementState.FAILED, reload(a).state());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());
    }

    @Test
    void aMinedSettlementWhoseFillNeverAppearsFailsAfterTheGrace() {
        Settlement c = open(10);
        String tx = "0x" + "ab".repeat(32);
        assertEquals(SettlementState.MINED, exchange.settlements().markMined(c.id(), tx).state());
        exchange.follow();
        assertEquals(SettlementState.MINED, reload(c).state(), "grace not over yet");
        passGrace();
        Settlement failed = reload(c);
        assertEquals(SettlementState.FAILED, failed.state());
        assertEquals(tx, failed.txHash(), "the hash is kept: a fill of it followed later still confirms it");
        assertNotNull(failed.error());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());
    }

    @Test
    void aSettlementFailedByTheGraceIsConfirmedWhenItsTransactionIsMinedLater() {
        chain.nextFill(FakeMarket.Fault.RECEIPT_TIMEOUT);
        BuyResult r = buy(10);
        assertEquals(BuyResult.Outcome.IN_DOUBT, r.outcome());
        Settlement s = r.settlements().get(0);
        assertNotNull(s.txHash(), "the receipt timeout named the fill transaction");

        passGrace();
        assertEquals(SettlementState.FAILED, reload(s).state());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());

        chain.minePending();
        exchange.follow();
        Settlement late = reload(s);
        assertEquals(SettlementState.CONFIRMED, late.state());
        RecordedFill fill = exchange.book().fills().get(0);
        assertEquals(s.txHash(), fill.txHash());
        assertEquals(s.id(), fill.settlementId());
        assertEquals(fill.id(), late.fillId());
        assertEquals(BigInteger.TEN, exchange.book().find(listing.digest()).orElseThrow().filledUnits());
    }

    @Test
    void anApprovalTimeoutFailsTheSettlementWithoutTakingTheApprovalsHash() {
        chain.nextFill(FakeMarket.Fault.APPROVAL_TIMEOUT);
        BuyResult r = buy(10);
        assertEquals(BuyResult.Outcome.FAILED, r.outcome());
        Settlement s = r.settlements().get(0);
        assertEquals(SettlementState.FAILED, s.state());
        assertNull(s.txHash());
        assertTrue(exchange.settlements().reservedUnits().isEmpty());
    }
}
