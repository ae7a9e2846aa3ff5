package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;

/**
 * Issue 16, the exchange side of the send outcomes: a fill whose outcome is UNKNOWN keeps its transaction hash, so the
 * follower confirms its settlement by hash; a DROPPED fill is certainly not filled, so its settlement fails at once and
 * reserves nothing.
 */
class SendOutcomeSettlementTest {

    private static final EvmAddress EXCHANGE = address(9);

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private ExchangeBackend start(FakeMarket chain, Path dir) {
        ExchangeBackend exchange = ExchangeBackend.start(new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), 101, 1, 3, 5,
                null), chain, clock);
        chain.token(TokenId.of(1), BTC);
        SignedOrder l = listing(1, 1, 100, 5, 10, USDC, NOW + DAY);
        exchange.submitOrder(OrderJson.toJson(l));
        return exchange;
    }

    private static BuyRequest buy(long units) {
        return new BuyRequest(BTC, USDC, BigInteger.valueOf(units), BigInteger.valueOf(100));
    }

    @Test
    void unknownOutcomeKeepsTheHashAndTheFollowerConfirmsByIt(@TempDir Path dir) {
        FakeMarket chain = new FakeMarket(clock, EXCHANGE);
        try (ExchangeBackend exchange = start(chain, dir)) {
            chain.nextFill(FakeMarket.Fault.UNKNOWN_AFTER_SEND);
            BuyResult result = exchange.buy(buy(40));

            assertEquals(BuyResult.Outcome.IN_DOUBT, result.outcome());
            Settlement s = result.settlements().get(0);
            assertEquals(SettlementState.IN_DOUBT, s.state());
            String tx = chain.filledEvents().get(0).transactionHash();
            assertEquals(tx, s.txHash(), "the unknown outcome named its transaction");

            exchange.follow();
            Settlement confirmed = exchange.settlements().find(s.id()).orElseThrow();
            assertEquals(SettlementState.CONFIRMED, confirmed.state());
            assertEquals(tx, confirmed.txHash());
        }
    }

    @Test
    void droppedFillFailsAtOnceAndReservesNothing(@TempDir Path dir) {
        FakeMarket chain = new FakeMarket(clock, EXCHANGE);
        try (ExchangeBackend exchange = start(chain, dir)) {
            chain.nextFill(FakeMarket.Fault.DROPPED);
            BuyResult result = exchange.buy(buy(40));

            assertEquals(BuyResult.Outcome.FAILED, result.outcome());
            assertEquals(List.of(SettlementState.FAILED), result.settlements().stream().map(Settlement::state).toList());
            assertTrue(exchange.settlements().reservedUnits().isEmpty());
            assertTrue(chain.filledEvents().isEmpty());
        }
    }
}
