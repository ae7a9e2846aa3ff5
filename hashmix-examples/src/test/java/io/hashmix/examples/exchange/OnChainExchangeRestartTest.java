package io.hashmix.examples.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

/**
 * The restart test on a real local chain with the real market client: the exchange (account 9) buys through the
 * market, others fill the same orders directly (account 10 takes a listing, the issuer fills an offer), the
 * exchange dies after a settlement's transaction is mined but before it recorded the receipt, more happens while it
 * is down, and a new process on the same database file catches up. It must end with exactly the market's
 * {@code OrderFilled} events, each once, every settlement confirmed, and per order the filled units the contract's
 * {@code orderStatus} reports.
 *
 * <p>Needs the real {@code MarketClient}; it is skipped while {@code hashmix-core} holds the compile shim.
 */
@ExtendWith(LocalChainExtension.class)
class OnChainExchangeRestartTest {

    private static final int EXCHANGE = 9;
    private static final int OTHER_TAKER = 10;
    private static final int OFFER_MAKER = 11;
    private static final BigInteger FUNDS = BigInteger.TEN.pow(15);

    /** The exchange process dying. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash after the fill was mined");
        }
    }

    /** The SDK port, except that its next fill dies after the transaction is mined. */
    static final class CrashAfterSend implements MarketPort {
        private final SdkMarket sdk;
        private volatile boolean armed;

        CrashAfterSend(SdkMarket sdk) {
            this.sdk = sdk;
        }

        void arm() {
            armed = true;
        }

        @Override
        public EvmAddress account() {
            return sdk.account();
        }

        @Override
        public io.hashmix.proofs.market.OrderValidator validator(Clock clock) {
            return sdk.validator(clock);
        }

        @Override
        public CompletableFuture<List<io.hashmix.core.market.Fillability>> checkFillable(List<SignedOrder> orders) {
            return sdk.checkFillable(orders);
        }

        @Override
        public CompletableFuture<io.hashmix.proofs.asset.AssetClassId> assetClassOf(TokenId tokenId) {
            return sdk.assetClassOf(tokenId);
        }

        @Override
        public CompletableFuture<Void> ensureAllowance(EvmAddress currency, BigInteger amount) {
            return sdk.ensureAllowance(currency, amount);
        }

        @Override
        public CompletableFuture<List<Fill>> fillListings(List<ListingFill> fills) {
            List<Fill> mined = sdk.fillListings(fills).join();
            if (armed) {
                throw new Crash();
            }
            return CompletableFuture.completedFuture(mined);
        }

        @Override
        public CompletableFuture<List<MarketEvent>> events(long fromBlock, long toBlock) {
            return sdk.events(fromBlock, toBlock);
        }

        @Override
        public CompletableFuture<Long> blockNumber() {
            return sdk.blockNumber();
        }

        @Override
        public CompletableFuture<List<io.hashmix.core.events.BlockRef>> blocks(long fromBlock, long toBlock) {
            return sdk.blocks(fromBlock, toBlock);
        }
    }

    @Test
    void restartOnTheSameDatabaseEndsWithExactlyTheChainsFills(LocalChain chain, @TempDir Path dir) {
        HashMix exchangeSdk = chain.client(EXCHANGE);
        TokenizationFixture fx = new TokenizationFixture(chain);
        HashMix issuer = chain.client(TokenizationFixture.ISSUER);
        HashMix otherTaker = chain.client(OTHER_TAKER);
        HashMix offerMaker = chain.client(OFFER_MAKER);
        EvmAddress market = chain.deployment().contract(ProtocolContract.HASH_MIX_MARKET).address();
        EvmAddress usd = fx.payoutToken();

        // a 1,000,000-unit product split in three tokens of the issuer, who lets the market move them
        MintedProduct product = issuer.tokenization().mintProduct(fx.sign(fx.attestation(
                MerkleTree.of(TokenizationFixture.asics("EXCHANGE-", 4)), BigInteger.valueOf(1_000_000), BigInteger.valueOf(50_000_000)),
                1, 2, 3)).join();
        List<TokenId> tokens = issuer.tokenization().split(product.tokenId(),
                List.of(BigInteger.valueOf(300_000), BigInteger.valueOf(300_000), BigInteger.valueOf(400_000))).join();
        issuer.tokenization().setApprovalForAll(market, true).join();
        DevTokens dev = new DevTokens(fx.admin());
        for (int payer : new int[] {EXCHANGE, OTHER_TAKER, OFFER_MAKER}) {
            dev.mint(usd, chain.address(payer), FUNDS).join();
        }
        otherTaker.erc20().approve(usd, market, AbiWords.UINT256_MAX).join();
        offerMaker.erc20().approve(usd, market, AbiWords.UINT256_MAX).join();

        // listings of 100,000 units each, below their token's units, so the contract records every fill in orderStatus
        long expiry = chain.control().latestTimestamp().join() + Duration.ofDays(1).toSeconds();
        List<SignedOrder> listings = List.of(listing(issuer, tokens.get(0), 2, usd, expiry), listing(issuer, tokens.get(1), 3, usd, expiry),
                listing(issuer, tokens.get(2), 4, usd, expiry));
        SignedOrder offer = offerMaker.market().sign(Offer.builder().buyer(offerMaker.account()).tokenId(tokens.get(2)).units(50_000)
                .minFill(0).currency(usd).pricePerUnit(BigInteger.valueOf(5)).counter(offerMaker.market().counter(offerMaker.account()).join())
                .expiry(expiry).build());

        long chainNow = chain.control().latestTimestamp().join();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(chainNow - Instant.now().getEpochSecond()));
        long firstBlock = chain.deployment().contract(ProtocolContract.HASH_MIX_MARKET).blockNumber();
        ExchangeConfig config = new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), firstBlock, 1, 5, 50, null);

        CrashAfterSend port = new CrashAfterSend(new SdkMarket(exchangeSdk));
        ExchangeBackend first = ExchangeBackend.start(config, port, clock);
        for (SignedOrder o : List.of(listings.get(0), listings.get(1), listings.get(2), offer)) {
            assertInstanceOf(IntakeResult.Accepted.class, first.submitOrder(OrderJson.toJson(o)), o.toString());
        }

        // the exchange buys 150,000 units: all of the listing at 2 and half of the one at 3; followed
        BuyResult clean = first.buy(buy(150_000, usd));
        assertEquals(BuyResult.Outcome.FILLED, clean.outcome(), clean.toString());
        first.follow();
        // others trade directly through the market
        otherTaker.market().fillListing(listings.get(1), BigInteger.valueOf(20_000)).join();
        issuer.market().fillOffer(offer, BigInteger.valueOf(20_000)).join();
        // a buy whose receipt is recorded, not followed
        BuyResult mined = first.buy(buy(30_000, usd));
        assertEquals(BuyResult.Outcome.FILLED, mined.outcome(), mined.toString());
        // a buy that is mined, then the process dies before recording the receipt
        port.arm();
        assertThrows(Crash.class, () -> first.buy(buy(40_000, usd)));
        first.close();

        // while the exchange is down
        issuer.market().fillOffer(offer, BigInteger.valueOf(10_000)).join();
        otherTaker.market().fillListing(listings.get(2), BigInteger.valueOf(10_000)).join();
        issuer.market().cancel(List.of(listings.get(2))).join();

        ExchangeBackend second = ExchangeBackend.start(config, new SdkMarket(exchangeSdk), clock);
        try {
            long head = exchangeSdk.market().blockNumber().join();
            List<MarketEvent.Filled> onChain = exchangeSdk.market().events(firstBlock, head).join().stream()
                    .filter(e -> e instanceof MarketEvent.Filled).map(e -> (MarketEvent.Filled) e).toList();
            List<RecordedFill> fills = second.book().fills();
            assertEquals(8, onChain.size(), onChain.toString());
            assertEquals(onChain.size(), fills.size());
            for (int i = 0; i < onChain.size(); i++) {
                MarketEvent.Filled e = onChain.get(i);
                RecordedFill f = fills.get(i);
                assertEquals(e.transactionHash().toLowerCase(), f.txHash());
                assertEquals(e.logIndex(), f.logIndex());
                assertEquals(e.orderHash(), f.orderHash());
                assertEquals(e.taker(), f.taker());
                assertEquals(e.units(), f.units());
                assertEquals(e.payment(), f.payment());
                assertEquals(e.fee(), f.fee());
            }
            for (SignedOrder o : List.of(listings.get(0), listings.get(1), listings.get(2), offer)) {
                BookOrder booked = second.book().find(o.digest()).orElseThrow();
                assertEquals(exchangeSdk.market().status(o).join().filledUnits(), booked.filledUnits(), o.kind() + " " + o.digest());
            }
            assertEquals(BigInteger.valueOf(100_000), second.book().find(listings.get(0).digest()).orElseThrow().filledUnits());
            assertEquals(BigInteger.valueOf(100_000), second.book().find(listings.get(1).digest()).orElseThrow().filledUnits());
            assertEquals(BigInteger.valueOf(50_000), second.book().find(listings.get(2).digest()).orElseThrow().filledUnits());
            assertEquals(BigInteger.valueOf(30_000), second.book().find(offer.digest()).orElseThrow().filledUnits());
            assertEquals(OrderState.CANCELLED, second.book().find(listings.get(2).digest()).orElseThrow().state());

            List<Settlement> settlements = second.settlements().all();
            assertEquals(4, settlements.size(), settlements.toString());
            assertTrue(settlements.stream().allMatch(s -> s.state() == SettlementState.CONFIRMED), settlements.toString());
            Set<Long> own = fills.stream().filter(f -> f.taker().equals(exchangeSdk.account())).map(RecordedFill::id)
                    .collect(Collectors.toSet());
            assertEquals(own, new HashSet<>(settlements.stream().map(Settlement::fillId).toList()));

            // what the exchange holds is what it bought: 100,000 + 50,000 + 30,000 + 40,000 units
            BigInteger held = exchangeSdk.tokenization().tokensOf(exchangeSdk.account()).join().stream()
                    .map(t -> exchangeSdk.tokenization().token(t).join().units()).reduce(BigInteger.ZERO, BigInteger::add);
            assertEquals(BigInteger.valueOf(220_000), held);

            List<RecordedFill> before = second.book().fills();
            second.follow();
            assertEquals(before, second.book().fills(), "following again changes nothing");
        } finally {
            second.close();
        }
    }

    private static SignedOrder listing(HashMix seller, TokenId token, long price, EvmAddress currency, long expiry) {
        long nonce = seller.tokenization().tradeState(token).join().nonce();
        return seller.market().sign(Listing.builder().seller(seller.account()).tokenId(token).tokenNonce(nonce).units(100_000)
                .minFill(1_000).currency(currency).pricePerUnit(BigInteger.valueOf(price))
                .counter(seller.market().counter(seller.account()).join()).expiry(expiry).build());
    }

    private static BuyRequest buy(long units, EvmAddress currency) {
        return new BuyRequest(TokenizationFixture.BTC, currency, BigInteger.valueOf(units), BigInteger.TEN);
    }
}
