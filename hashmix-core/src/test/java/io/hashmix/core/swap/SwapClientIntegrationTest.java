package io.hashmix.core.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.core.incentives.IncentivesClient;
import io.hashmix.core.incentives.RewardProgram;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.AlreadyRedeemedException;
import io.hashmix.core.tokenization.FrozenPool;
import io.hashmix.core.tokenization.FrozenRedemption;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.oracle.PriceReport;
import io.hashmix.proofs.swap.SwapMath;
import io.hashmix.proofs.swap.Valuation;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

/**
 * {@code hm.swap()} against a real local chain: a second asset class FIL-STORAGE with its own test payout token, the
 * oracle fed by committee reports, a BTC-SHA256 slice swapped for FIL-STORAGE units at parity, liquidity in and out
 * with fees earned, a swap refused on a stale price, and a frozen product's collateral redeemed for the pool's
 * shareholders.
 */
@ExtendWith(LocalChainExtension.class)
class SwapClientIntegrationTest {

    static final AssetClassId BTC = TokenizationFixture.BTC;
    static final AssetClassId FIL = AssetClassId.ofSymbol("FIL-STORAGE");
    /** 0.05 USD per TH/s per day = 5e-5 USD per 0.001 TH/s (3 decimals). */
    static final BigInteger BTC_HASHPRICE = BigInteger.valueOf(50_000_000_000_000L);
    static final BigInteger BTC_PAYOUT_PRICE = new BigInteger("1000000000000000");
    /** 0.02 USD per TiB per day. */
    static final BigInteger FIL_HASHPRICE = BigInteger.valueOf(20_000_000_000_000L);
    static final BigInteger FIL_PAYOUT_PRICE = BigInteger.valueOf(5);
    static final int LP = 7;
    static final int TRADER = 8;

    private FulfillmentFixture fx;
    private HashMix admin;
    private HashMix lp;
    private HashMix trader;
    private HashMix readOnly;
    private TokenId filToken;
    private TokenId btcToken;
    private MintedProduct fil;
    private MintedProduct btc;
    private EvmAddress tfil;
    private MerkleTree filHardware;

    @BeforeEach
    void setUp(LocalChain chain) {
        readOnly = chain.readOnlyClient();
        fx = new FulfillmentFixture(chain);
        admin = fx.admin();
        lp = chain.client(LP);
        trader = chain.client(TRADER);
        // a second asset class with its own payout token
        tfil = new Deployer(admin).deployTestToken("Wrapped FIL (test)", "tFIL", 18, chain.address(0)).join()
                .address();
        admin.assetClasses().register(new NewAssetClass("FIL-STORAGE", "TiB", 3, tfil)).join();
        admin.committee().setThreshold(FIL, 3).join();
        admin.fulfillment().setEpochConfig(FIL, FulfillmentFixture.EPOCH, FulfillmentFixture.REPORT_WINDOW,
                FulfillmentFixture.DEPOSIT_WINDOW).join();
        new DevTokens(admin).mint(tfil, chain.address(TokenizationFixture.ISSUER), BigInteger.TEN.pow(24)).join();

        btc = fx.mint(BigInteger.valueOf(1_000_000), BigInteger.valueOf(10_000_000), 60);
        filHardware = MerkleTree.of(TokenizationFixture.asics("FIL-SP-", 4));
        ProductAttestation a = fx.tokens().attestation(filHardware, BigInteger.valueOf(2_000_000), BigInteger.TEN.pow(21));
        ProductAttestation filTerm = a.toBuilder().assetClass(FIL).collateralToken(tfil)
                .end(a.start() + 60 * FulfillmentFixture.EPOCH.toSeconds()).build();
        fil = fx.issuer().tokenization().mintProduct(fx.tokens().sign(filTerm, 1, 2, 3)).join();
        fx.issuer().tokenization().transfer(fil.tokenId(), chain.address(LP)).join();
        fx.issuer().tokenization().transfer(btc.tokenId(), chain.address(TRADER)).join();
        filToken = fil.tokenId();
        btcToken = btc.tokenId();

        // bounds and pool classes, behind their delay
        SwapClient swap = admin.swap();
        swap.scheduleBounds(BTC, Duration.ofDays(1), 2_000).join();
        swap.scheduleBounds(FIL, Duration.ofDays(1), 2_000).join();
        swap.scheduleClass(BTC, BigInteger.valueOf(100_000_000), Duration.ofDays(7)).join();
        swap.scheduleClass(FIL, BigInteger.valueOf(100_000_000), Duration.ofDays(7)).join();
        fx.advanceBy(Duration.ofDays(2).plusSeconds(1));
        swap.applyBounds(BTC).join();
        swap.applyBounds(FIL).join();
        swap.applyClass(BTC).join();
        swap.applyClass(FIL).join();
        relay(BTC, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        relay(FIL, FIL_HASHPRICE, FIL_PAYOUT_PRICE);

        lp.swap().approvePool().join();
        trader.swap().approvePool().join();
    }

    private PriceFeed relay(AssetClassId cls, BigInteger hashprice, BigInteger payoutPrice) {
        long now = fx.now();
        PriceReport.Builder b = PriceReport.builder(admin.swap().oracleDomain(), cls, now, now + 3_600,
                admin.committee().epoch().join());
        for (int i = 1; i <= 3; i++) {
            b.observe(fx.tokens().attestor(i).getEcKeyPair(), hashprice.add(BigInteger.valueOf(i - 2)), payoutPrice);
        }
        return trader.swap().relayPrices(b.build()).join();
    }

    private Instant deadline() {
        return Instant.ofEpochSecond(fx.now() + 3_600);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void relayedReportsRecordTheMedian() {
        PriceFeed feed = admin.swap().priceFeed(BTC).join();
        assertEquals(BTC_HASHPRICE, feed.hashprice(), "median of h-1, h, h+1");
        assertEquals(BTC_PAYOUT_PRICE, feed.payoutPrice());
        assertTrue(feed.usable());
        assertEquals(Duration.ofDays(1), feed.maxAge());
        // one signature short
        long now = fx.now();
        PriceReport shortReport = PriceReport.builder(admin.swap().oracleDomain(), BTC, now, now + 3_600,
                admin.committee().epoch().join()).observe(fx.tokens().attestor(1).getEcKeyPair(), BTC_HASHPRICE,
                BTC_PAYOUT_PRICE).observe(fx.tokens().attestor(2).getEcKeyPair(), BTC_HASHPRICE, BTC_PAYOUT_PRICE).build();
        TooFewObservationsException e = assertInstanceOf(TooFewObservationsException.class,
                cause(trader.swap().relayPrices(shortReport)));
        assertEquals(BigInteger.TWO, e.count());
        assertEquals(BigInteger.valueOf(3), e.required());
    }

    /**
     * The error model (docs/errors.md): an out-of-range amount or a write on a read-only instance fails the
     * returned future with InvalidRequestException and sends nothing; only a null argument throws at once.
     */
    @Test
    void badRequestsFailInTheFutureAndNullThrowsAtOnce() {
        BigInteger tooBig = BigInteger.TWO.pow(256);
        String nonce = trader.rpc().call("eth_getTransactionCount", trader.account().hex(), "latest").join().toString();
        assertInstanceOf(InvalidRequestException.class, cause(trader.swap().quote(btcToken, tooBig, filToken)));
        assertInstanceOf(InvalidRequestException.class,
                cause(trader.swap().swap(btcToken, BigInteger.ONE.negate(), filToken, BigInteger.ZERO, deadline())));
        assertInstanceOf(InvalidRequestException.class, cause(trader.swap().deposit(btcToken, BigInteger.ONE, tooBig)));
        assertInstanceOf(InvalidRequestException.class, cause(trader.swap().withdrawProRata(tooBig)));
        assertInstanceOf(InvalidRequestException.class,
                cause(trader.swap().withdrawUnits(filToken, BigInteger.ONE.negate(), BigInteger.ONE)));
        assertInstanceOf(InvalidRequestException.class,
                cause(readOnly.swap().deposit(btcToken, BigInteger.ONE, BigInteger.ZERO)));
        assertThrows(NullPointerException.class, () -> trader.swap().swap(btcToken, null, filToken, BigInteger.ZERO, deadline()));
        assertEquals(nonce, trader.rpc().call("eth_getTransactionCount", trader.account().hex(), "latest").join().toString(),
                "nothing was sent");
    }

    /**
     * The router compares the pool's FIL units with market swap orders that want the trader's exact BTC slice, by
     * the one valuation: a richer order wins, a poorer one loses to the pool, orders for another token or units are
     * kept as unusable with their reason, and the chosen order really fills.
     */
    @Test
    void routerPicksWhicheverOfPoolAndMarketGivesMore() {
        lp.swap().deposit(filToken, BigInteger.valueOf(1_500_000), BigInteger.ZERO).join();
        TokenId poolFil = lp.swap().poolState().join().held().stream()
                .filter(h -> h.productId().equals(fil.productId())).findFirst().orElseThrow().tokenId();
        BigInteger unitsIn = BigInteger.valueOf(50_000); // the pool gives ~125,000 FIL units for it
        TokenId slice = trader.tokenization().carve(btcToken, unitsIn, trader.account()).join();
        SwapQuote q = trader.swap().quote(slice, unitsIn, poolFil).join();
        // the LP offers two FIL slices of its remaining 500,000 units in the market: half and twice the pool's units
        TokenId poor = lp.tokenization().carve(filToken, q.unitsOut().divide(BigInteger.TWO), lp.account()).join();
        TokenId rich = lp.tokenization().carve(filToken, q.unitsOut().multiply(BigInteger.TWO), lp.account()).join();
        lp.market().approveMarket().join();
        trader.market().approveMarket().join();
        SignedOrder poorOrder = lp.market().sign(swapOrder(poor, slice, unitsIn));
        SignedOrder richOrder = lp.market().sign(swapOrder(rich, slice, unitsIn));
        SignedOrder wrongUnits = lp.market().sign(swapOrder(rich, slice, unitsIn.add(BigInteger.ONE)));
        SwapRouter router = new SwapRouter(trader.swap(), trader.market());

        SwapRoute poolWins = router.route(slice, unitsIn, poolFil, List.of(poorOrder, wrongUnits)).join();
        assertEquals(SwapRoute.Venue.POOL, poolWins.venue());
        assertEquals(trader.swap().valueOfUnits(fil.productId(), poolWins.poolQuote().orElseThrow().unitsOut()).join(),
                poolWins.valueOut());
        assertEquals(3, poolWins.considered().size());
        assertTrue(poolWins.considered().get(2).unusable().orElseThrow().contains("exactly " + unitsIn.add(BigInteger.ONE)),
                poolWins.considered().get(2).toString());

        SwapRoute marketWins = router.route(slice, unitsIn, poolFil, List.of(poorOrder, richOrder)).join();
        assertEquals(SwapRoute.Venue.MARKET, marketWins.venue());
        assertEquals(richOrder, marketWins.order().orElseThrow());
        assertEquals(trader.swap().valueOf(rich).join(), marketWins.valueOut());
        assertTrue(marketWins.valueOut().compareTo(poolWins.valueOut()) > 0);
        trader.market().fillSwap(marketWins.order().orElseThrow()).join();
        assertEquals(trader.account(), trader.tokenization().ownerOf(rich).join(), "the routed order filled");

        // nothing usable: the pool does not hold the token asked for, and the filled order is dead
        NoRouteException none = assertInstanceOf(NoRouteException.class,
                cause(router.route(slice, unitsIn, rich, List.of(richOrder))));
        assertEquals(2, none.reasons().size(), none.getMessage());
        assertInstanceOf(InvalidRequestException.class, cause(router.route(slice, BigInteger.ZERO, poolFil, List.of())));
    }

    private SwapOrder swapOrder(TokenId give, TokenId want, BigInteger wantUnits) {
        var state = lp.tokenization().tradeState(give).join();
        return SwapOrder.builder().maker(lp.account()).giveTokenId(give).giveTokenNonce(state.nonce())
                .giveUnits(state.units()).wantTokenId(want).wantUnits(wantUnits).expiry(fx.now() + 3_600).build();
    }

    /** A BTC-SHA256 slice swapped for FIL-STORAGE units at parity, in one transaction; the gas figure of docs/benchmarks.md. */
    @Test
    void btcSliceSwappedForFilUnitsAtParity() {
        lp.swap().deposit(filToken, BigInteger.valueOf(2_000_000), BigInteger.ZERO).join();
        BigInteger unitsIn = BigInteger.valueOf(100_000); // 100 of the trader's 1,000 TH/s
        SwapQuote q = trader.swap().quote(btcToken, unitsIn, filToken).join();
        assertEquals(fil.productId(), q.productOut());
        assertEquals(SwapMath.fee(q.valueIn(), Domains30.FEE_BPS), q.fee());

        SwapResult r = trader.swap().swap(btcToken, unitsIn, filToken, q.unitsOut(), deadline())
                .join();
        // quoted one block earlier: a second of remaining life fewer can only lower both sides a little
        assertTrue(r.unitsOut().subtract(q.unitsOut()).abs().compareTo(BigInteger.TEN) <= 0, "executed ~ quoted");
        assertTrue(r.receipt().success());
        assertEquals(unitsIn, r.unitsIn());
        var got = trader.tokenization().token(r.received()).join();
        assertEquals(fx.chain().address(TRADER), got.owner());
        assertEquals(FIL, got.assetClass());
        assertEquals(r.unitsOut(), got.units());
        assertEquals(BigInteger.valueOf(900_000), trader.tokenization().token(btcToken).join().units());
        // parity: the FIL units are worth the BTC units less the fee, to within one FIL unit
        BigInteger valueOut = trader.swap().valueOfUnits(fil.productId(), r.unitsOut()).join();
        BigInteger oneUnit = trader.swap().valueOfUnits(fil.productId(), BigInteger.ONE).join();
        BigInteger budget = r.valueIn().subtract(r.fee());
        assertTrue(valueOut.compareTo(budget) <= 0, "never more than the value in less the fee");
        assertTrue(budget.subtract(valueOut).compareTo(oneUnit.add(BigInteger.TWO)) < 0, "less than a unit short");
        System.out.println("SWAP GAS: cross-coin swap of part of a token (two carves), receipt gasUsed = "
                + r.receipt().gasUsed());
        List<PoolEvent> events = trader.swap().events(0, r.receipt().blockNumber()).join();
        assertInstanceOf(PoolEvent.Swapped.class, events.get(events.size() - 1));
    }

    @Test
    void liquidityInAndOutWithFeesEarned() {
        LiquidityDeposit d = lp.swap().deposit(filToken, BigInteger.valueOf(2_000_000), BigInteger.ZERO).join();
        assertEquals(d.value().multiply(SwapMath.VIRTUAL_SHARES), d.shares(), "first deposit: value x 10^6 shares");
        assertEquals(d.shares(), lp.swap().shares(fx.chain().address(LP)).join());
        PoolState before = lp.swap().poolState().join();
        assertEquals(1, before.held().size());
        assertEquals(30, before.feeBps());

        SwapResult r = trader.swap().swap(btcToken, BigInteger.valueOf(300_000), filToken, 50, Duration.ofMinutes(10)).join();
        PoolState after = lp.swap().poolState().join();
        assertEquals(2, after.held().size(), "the pool now also holds the BTC units it carved");
        // value per share grew by the fee (minus a few seconds of remaining life)
        BigInteger navBefore = before.totalValue().orElseThrow();
        BigInteger navAfter = after.totalValue().orElseThrow();
        assertTrue(navAfter.compareTo(navBefore) > 0, "fees earned: " + navBefore + " -> " + navAfter + ", fee " + r.fee());

        Withdrawal w = lp.swap().withdrawProRata(d.shares()).join();
        assertEquals(2, w.payouts().size(), "a part of every token");
        BigInteger received = BigInteger.ZERO;
        for (Withdrawal.Payout p : w.payouts()) {
            assertEquals(fx.chain().address(LP), lp.tokenization().ownerOf(p.received()).join());
            received = received.add(lp.swap().valueOf(p.received()).join());
        }
        assertTrue(received.compareTo(d.value()) > 0, "the LP leaves with more value than it brought: " + d.value()
                + " -> " + received);
        assertEquals(BigInteger.ZERO, lp.swap().shares(fx.chain().address(LP)).join());
    }

    @Test
    void withdrawChosenUnits() {
        lp.swap().deposit(filToken, BigInteger.valueOf(2_000_000), BigInteger.ZERO).join();
        Withdrawal w = lp.swap().withdrawUnits(filToken, BigInteger.valueOf(500_000), SwapMath.VIRTUAL_SHARES.pow(10)).join();
        assertEquals(1, w.payouts().size());
        assertEquals(BigInteger.valueOf(500_000), w.payouts().get(0).units());
        assertTrue(w.value().signum() > 0);
        SharesAboveMaximumException e = assertInstanceOf(SharesAboveMaximumException.class,
                cause(lp.swap().withdrawUnits(filToken, BigInteger.valueOf(500_000), BigInteger.ONE)));
        assertEquals(BigInteger.ONE, e.maxShares());
    }

    @Test
    void swapRefusedOnAStalePrice() {
        lp.swap().deposit(filToken, BigInteger.valueOf(2_000_000), BigInteger.ZERO).join();
        fx.advanceBy(Duration.ofDays(1).plusSeconds(1));
        assertFalse(admin.swap().priceFeed(BTC).join().usable());
        PriceUnusableException e = assertInstanceOf(PriceUnusableException.class,
                cause(trader.swap().swap(btcToken, BigInteger.valueOf(1_000), filToken, BigInteger.ONE,
                        deadline())));
        assertEquals(BTC, e.feedId());
        assertTrue(lp.swap().poolState().join().totalValue().isEmpty(), "no value without a price, never 0");
        // a fresh report makes it usable again
        relay(BTC, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        relay(FIL, FIL_HASHPRICE, FIL_PAYOUT_PRICE);
        assertTrue(trader.swap().quote(btcToken, BigInteger.valueOf(1_000), filToken).join().unitsOut().signum() > 0);
    }

    @Test
    void slippageBoundRefusesAWorsePrice() {
        lp.swap().deposit(filToken, BigInteger.valueOf(2_000_000), BigInteger.ZERO).join();
        SwapQuote q = trader.swap().quote(btcToken, BigInteger.valueOf(100_000), filToken).join();
        SlippageExceededException e = assertInstanceOf(SlippageExceededException.class, cause(trader.swap().swap(btcToken,
                BigInteger.valueOf(100_000), filToken, q.unitsOut().multiply(BigInteger.TWO),
                deadline())));
        assertEquals(q.unitsOut().multiply(BigInteger.TWO), e.minUnitsOut());
        assertTrue(Valuation.DELIVERY_WINDOW > 0);
    }

    /**
     * The liquidity providers' program pays HMX into the pool, which shares it by pool shares x time (unlocking
     * over a day, like its revenue); the LP keeps its shares and claims the HMX with the pool's revenue.
     */
    @Test
    void liquidityProvidersEarnHmxByPoolSharesTimesTime() {
        EvmAddress lpAccount = lp.account();
        lp.swap().deposit(filToken, BigInteger.valueOf(1_000_000), BigInteger.ZERO).join();
        fx.advanceBy(Duration.ofDays(1));
        IncentivesClient incentives = trader.incentives(); // anyone forwards
        assertTrue(incentives.deployedPrograms().contains(RewardProgram.LIQUIDITY_PROVIDERS));
        assertTrue(lp.swap().payoutTokens().join().contains(incentives.hmx()), "the pool shares HMX like revenue");
        BigInteger forwarded = incentives.forwardLiquidityRewards().join();
        assertTrue(forwarded.signum() > 0, "a day of emission at the program's weight");
        BigInteger shares = lp.swap().shares(lpAccount).join();
        BigInteger supply = lp.swap().poolState().join().totalSupply();

        fx.advanceBy(SwapClient.REVENUE_UNLOCK);
        BigInteger owed = lp.incentives().claimable(lpAccount).join().byProgram().get(RewardProgram.LIQUIDITY_PROVIDERS);
        BigInteger expected = forwarded.multiply(shares).divide(supply);
        assertTrue(owed.compareTo(expected) <= 0 && owed.compareTo(expected.subtract(BigInteger.TWO)) >= 0,
                owed + " of " + expected);
        IncentivesClient.Claim claim = lp.incentives().claim(RewardProgram.LIQUIDITY_PROVIDERS).join();
        assertEquals(owed, claim.amount());
        assertEquals(owed, lp.incentives().hmxBalance(lpAccount).join());
        assertEquals(shares, lp.swap().shares(lpAccount).join(), "the shares stayed with the LP");
    }

    /** The fee the deployer gives the pool. */
    private static final class Domains30 {
        static final int FEE_BPS = 30;
    }
    /**
     * A FIL product pledging one of the first FIL product's machines again, half of it in the pool, is challenged: the
     * pool redeems the half it held at the freeze for its shareholders; the LP's own half is not the pool's (and
     * cannot be deposited once frozen), its holder at the freeze redeems it.
     */
    @Test
    void frozenProductRedeemedForThePoolsShareholders() {
        HardwareId twice = filHardware.hardwareIds().get(1);
        List<HardwareId> ids = new ArrayList<>(TokenizationFixture.asics("FIL-SP-B-", 3));
        ids.add(twice);
        MerkleTree dupHardware = MerkleTree.of(ids);
        ProductAttestation a = fx.tokens().attestation(dupHardware, BigInteger.valueOf(2_000_000), BigInteger.TEN.pow(21));
        ProductAttestation dupTerm = a.toBuilder().assetClass(FIL).collateralToken(tfil)
                .end(a.start() + 60 * FulfillmentFixture.EPOCH.toSeconds()).build();
        MintedProduct dup = fx.issuer().tokenization().mintProduct(fx.tokens().sign(dupTerm, 2, 3, 4)).join();
        EvmAddress lpAccount = lp.account();
        fx.issuer().tokenization().transfer(dup.tokenId(), lpAccount).join();
        lp.swap().deposit(dup.tokenId(), BigInteger.valueOf(1_000_000), BigInteger.ZERO).join();
        TokenId poolSlice = lp.swap().poolState().join().held().stream()
                .filter(h -> h.productId().equals(dup.productId())).findFirst().orElseThrow().tokenId();

        HashMix challenger = fx.chain().client(10);
        challenger.tokenization().challengeDuplicateHardware(twice, fil.productId(), filHardware.proof(twice).proof(),
                dup.productId(), dupHardware.proof(twice).proof()).join();
        FrozenPool frozen = challenger.tokenization().frozenPool(dup.productId()).join().orElseThrow();
        BigInteger half = frozen.shareOf(BigInteger.valueOf(1_000_000));
        assertTrue(half.signum() > 0);

        // until then the pool prices no shares: its NAV counts the frozen slice at 0, the redemption is not in yet
        RedemptionPendingException pending = assertInstanceOf(RedemptionPendingException.class,
                cause(lp.swap().deposit(filToken, BigInteger.valueOf(1_000), BigInteger.ZERO)));
        assertEquals(dup.productId(), pending.productId());

        // anyone redeems the pool's half; it reaches the shareholders (here the one LP) at once
        assertEquals(Map.of(tfil, half), challenger.swap().redeemFrozen(List.of(poolSlice)).join());
        BigInteger claimable = lp.swap().claimableRevenue(lpAccount, tfil).join();
        assertTrue(claimable.compareTo(half) <= 0 && claimable.compareTo(half.subtract(BigInteger.ONE)) >= 0,
                claimable + " of " + half);
        assertEquals(claimable, lp.swap().claimRevenue().join().get(tfil));
        // the redemption is in the books: deposits are priced again
        assertTrue(lp.swap().deposit(filToken, BigInteger.valueOf(1_000), BigInteger.ZERO).join().shares().signum() > 0);
        assertInstanceOf(AlreadyRedeemedException.class, cause(challenger.swap().redeemFrozen(List.of(poolSlice))));

        // the LP's own half: not the pool's to redeem, no deposit once frozen; its holder at the freeze is paid
        NotTokenOwnerException notOwned = assertInstanceOf(NotTokenOwnerException.class,
                cause(challenger.swap().redeemFrozen(List.of(dup.tokenId()))));
        assertEquals(lp.swap().poolAddress(), notOwned.caller());
        assertInstanceOf(ProductNotAcceptedException.class,
                cause(lp.tokenization().transfer(dup.tokenId(), lp.swap().poolAddress())));
        FrozenRedemption own = challenger.tokenization().redeemFrozen(List.of(dup.tokenId())).join();
        assertEquals(List.of(new FrozenRedemption.Payout(dup.tokenId(), dup.productId(), lpAccount, half)), own.payouts());
        assertInstanceOf(InvalidRequestException.class, cause(challenger.swap().redeemFrozen(List.of())));
    }
}
