package io.hashmix.core.incentives;

import static io.hashmix.core.testing.TokenizationFixture.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.HashMix;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.committee.BelowThresholdException;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.core.market.Fill;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.incentives.MakerAllocation;
import io.hashmix.proofs.incentives.MakerFill;
import io.hashmix.proofs.incentives.MakerRewardsAllocator;
import io.hashmix.proofs.incentives.MakerRewardsTree;
import io.hashmix.proofs.incentives.MakerRoot;
import io.hashmix.proofs.incentives.MakerRootBundle;
import io.hashmix.proofs.incentives.SkippedFill;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

/**
 * The market makers' program on a local chain: market fills (a listing filled by another account, an offer filled by
 * the token's owner, and a self-fill that does not count) are read back from the market's logs, allocated with a fee
 * price, put in a tree whose root the committee signs 3-of-5 under the Bitcoin asset class's threshold; the makers
 * claim exactly their shares in HMX, once. Refusals arrive as typed exceptions. The receipts' gas of publishing and
 * claiming is printed ({@code MAKERS-GAS}).
 */
@ExtendWith(LocalChainExtension.class)
class MakerRewardsIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);
    private static final BigInteger COLLATERAL = BigInteger.valueOf(50_000_000);
    /** The dev payout token's price per base unit in the allocation's numeraire (a BTC of 8 decimals at 100,000 USD). */
    private static final BigInteger WBTC_PRICE = new BigInteger("1000000000000000");
    private static final int BUYER = 7;
    private static final int BIDDER = 8;
    private static final int RELAYER = 9;
    private static final AtomicLong NONCES = new AtomicLong(1);

    /** Gas of each operation's receipt, printed after the class for docs/benchmarks.md. */
    private static final Map<String, BigInteger> GAS = new ConcurrentSkipListMap<>();

    private LocalChain chain;
    private TokenizationFixture fx;
    private HashMix seller;
    private HashMix buyer;
    private HashMix bidder;
    private HashMix relayer;
    private EvmAddress wbtc;

    @BeforeEach
    void setUp(LocalChain chain) {
        this.chain = chain;
        fx = new TokenizationFixture(chain);
        seller = chain.client(ISSUER);
        buyer = chain.client(BUYER);
        bidder = chain.client(BIDDER);
        relayer = chain.client(RELAYER);
        wbtc = fx.payoutToken();
        DevTokens dev = new DevTokens(fx.admin());
        dev.mint(wbtc, buyer.account(), BigInteger.valueOf(10_000_000)).join();
        dev.mint(wbtc, bidder.account(), BigInteger.valueOf(10_000_000)).join();
        dev.mint(wbtc, seller.account(), BigInteger.valueOf(10_000_000)).join();
    }

    @AfterAll
    static void printGas() {
        GAS.forEach((op, gas) -> System.out.printf("MAKERS-GAS %-44s %,d%n", op, gas));
    }

    private static void gas(String op, TxReceipt r) {
        GAS.merge(op, r.gasUsed(), BigInteger::max);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private long now() {
        return chain.control().latestTimestamp().join();
    }

    private long latestBlock() {
        return seller.market().blockNumber().join();
    }

    private TokenId mint(String serials) {
        MerkleTree hardware = MerkleTree.of(TokenizationFixture.asics(serials, 4));
        return seller.tokenization().mintProduct(fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3)).join()
                .tokenId();
    }

    private Listing listing(TokenId token, long units, long pricePerUnit) {
        return Listing.builder().seller(seller.account()).tokenId(token)
                .tokenNonce(seller.tokenization().tradeState(token).join().nonce())
                .counter(seller.market().counter(seller.account()).join())
                .units(BigInteger.valueOf(units)).minFill(BigInteger.ONE).currency(wbtc)
                .pricePerUnit(BigInteger.valueOf(pricePerUnit)).expiry(now() + 86_400).build();
    }

    /**
     * Three fills of the dev token: the seller's listing bought by the buyer (maker: the seller), the bidder's offer
     * filled by the seller (maker: the bidder) and the seller's listing bought by the seller itself (a self-fill).
     *
     * @return the fills, in chain order
     */
    private List<Fill> trade() {
        seller.market().approveMarket().join();
        TokenId listed = mint("MKR-A-");
        TokenId bidOn = mint("MKR-B-");
        Fill sold = buyer.market().fillListing(seller.market().sign(listing(listed, 600_000, 3)),
                BigInteger.valueOf(250_000)).join();
        bidder.erc20().approve(wbtc, bidder.market().address(), BigInteger.valueOf(2_000_000)).join();
        Offer offer = Offer.builder().buyer(bidder.account()).tokenId(bidOn).currency(wbtc)
                .counter(bidder.market().counter(bidder.account()).join()).units(BigInteger.valueOf(400_000))
                .minFill(BigInteger.ZERO).pricePerUnit(BigInteger.valueOf(5)).expiry(now() + 86_400).build();
        Fill bought = seller.market().fillOffer(bidder.market().sign(offer), BigInteger.valueOf(100_000)).join();
        Fill self = seller.market().fillListing(seller.market().sign(listing(listed, 300_000, 7)),
                BigInteger.valueOf(200_000)).join();
        return List.of(sold, bought, self);
    }

    private MakerRootBundle sign(MakerRoot root, int... attestors) {
        MakerRootBundle.Builder b = MakerRootBundle.builder(relayer.incentives().makerRewardsDomain(), root);
        for (int i : attestors) {
            b.signWith(fx.attestor(i));
        }
        return b.build();
    }

    private MakerRoot root(MakerRewardsState state, long toBlock, MakerRewardsTree tree) {
        return MakerRoot.of(state.nextPeriod(), toBlock, tree, BigInteger.valueOf(NONCES.getAndIncrement()), now() + 3_600,
                fx.admin().committee().epoch().join());
    }

    @Test
    void theMakersProgramIsDeployedUnderTheBitcoinClassThreshold() {
        IncentivesClient incentives = relayer.incentives();
        assertTrue(incentives.deployedPrograms().contains(RewardProgram.MARKET_MAKERS));
        assertEquals(TokenizationFixture.THRESHOLD, fx.admin().committee().threshold(Deployer.BITCOIN_ASSET_CLASS).join(),
                "roots are signed under the threshold of the class the header checkpoints use");
        MakerRewardsState empty = incentives.makerRewardsState().join();
        assertEquals(0, empty.period());
        assertEquals(0, empty.toBlock());
        assertEquals(BigInteger.ZERO, empty.total());
        assertEquals(BigInteger.ZERO, empty.pulled());
        assertTrue(incentives.makerRewardsUnallocated().join().signum() > 0, "emission started at deployment + 1 hour");
        // not a per-account program: claimable leaves it out, claim points to claimMakerReward
        assertFalse(incentives.claimable(seller.account()).join().byProgram().containsKey(RewardProgram.MARKET_MAKERS));
        InvalidRequestException e = assertInstanceOf(InvalidRequestException.class,
                cause(seller.incentives().claim(RewardProgram.MARKET_MAKERS)));
        assertTrue(e.getMessage().contains("claimMakerReward"), e.getMessage());
    }

    @Test
    void aPeriodsFillsAreAllocatedSignedPublishedAndClaimedOnce() {
        long from = seller.market().deployBlock();
        List<Fill> fills = trade();
        chain.control().increaseTime(Duration.ofDays(1)).join(); // past the emission start, and a day of makers' HMX
        long toBlock = latestBlock();
        IncentivesClient incentives = relayer.incentives();

        // the fills, read back from the market's OrderFilled logs
        List<MakerFill> read = incentives.makerFills(from, toBlock).join();
        assertEquals(fills.size(), read.size());
        for (int i = 0; i < fills.size(); i++) {
            Fill f = fills.get(i);
            assertEquals(new MakerFill(f.maker(), f.taker(), f.currency(), f.payment(), f.fee(), f.receipt().blockNumber()),
                    read.get(i));
        }
        assertEquals(List.of(), incentives.makerFills(toBlock + 1, toBlock).join(), "an empty range");

        // the committee's allocation: the self-fill is skipped, the others share what the program can allocate
        BigInteger available = incentives.makerRewardsUnallocated().join();
        MakerAllocation allocation = MakerRewardsAllocator.allocate(Map.of(), available, read, Map.of(wbtc, WBTC_PRICE));
        assertEquals(1, allocation.skipped().size());
        assertEquals(SkippedFill.SELF_FILL, allocation.skipped().get(0).reason());
        BigInteger sellerWeight = fills.get(0).fee().multiply(WBTC_PRICE);
        BigInteger bidderWeight = fills.get(1).fee().multiply(WBTC_PRICE);
        assertEquals(Map.of(seller.account(), sellerWeight, bidder.account(), bidderWeight), allocation.weights());
        BigInteger sellerShare = available.multiply(sellerWeight).divide(sellerWeight.add(bidderWeight));
        BigInteger bidderShare = available.multiply(bidderWeight).divide(sellerWeight.add(bidderWeight));
        assertEquals(Map.of(seller.account(), sellerShare, bidder.account(), bidderShare), allocation.cumulative());
        MakerRewardsTree tree = allocation.tree();
        MakerRewardsState before = incentives.makerRewardsState().join();

        // refusals: two signatures of a 3-of-5 committee; a total above what the program can fund; out of order
        MakerRoot good = root(before, toBlock, tree);
        BelowThresholdException below = assertInstanceOf(BelowThresholdException.class,
                cause(incentives.publishMakerRoot(sign(good, 1, 2))));
        assertEquals(BigInteger.TWO, below.valid());
        assertEquals(BigInteger.valueOf(TokenizationFixture.THRESHOLD), below.required());
        MakerRewardsTree greedy = MakerRewardsAllocator.allocate(Map.of(), available.add(BigInteger.TEN.pow(24)), read,
                Map.of(wbtc, WBTC_PRICE)).tree();
        RootTotalOutOfBoundsException bounds = assertInstanceOf(RootTotalOutOfBoundsException.class,
                cause(incentives.publishMakerRoot(sign(root(before, toBlock, greedy), 1, 2, 3))));
        assertEquals(greedy.total(), bounds.total());
        assertEquals(BigInteger.ZERO, bounds.previousTotal());
        assertTrue(bounds.pulled().compareTo(available) >= 0 && bounds.pulled().compareTo(greedy.total()) < 0);
        MakerRoot second = new MakerRoot(2, toBlock, tree.root(), tree.total(), BigInteger.valueOf(NONCES.getAndIncrement()),
                now() + 3_600, good.committeeEpoch());
        PeriodOutOfOrderException order = assertInstanceOf(PeriodOutOfOrderException.class,
                cause(incentives.publishMakerRoot(sign(second, 1, 2, 3))));
        assertEquals(1, order.expected());
        assertEquals(2, order.actual());
        MakerRoot unmined = root(before, latestBlock() + 5, tree);
        BlockRangeInvalidException range = assertInstanceOf(BlockRangeInvalidException.class,
                cause(incentives.publishMakerRoot(sign(unmined, 1, 2, 3))));
        assertEquals(0, range.previousToBlock());
        assertEquals(unmined.toBlock(), range.toBlock());
        assertInstanceOf(InvalidRequestException.class, cause(incentives.publishMakerRoot(
                MakerRootBundle.builder(fx.domain(), good).signWith(fx.attestor(1), fx.attestor(2), fx.attestor(3)).build())),
                "a bundle signed in another contract's domain is refused offline");

        // the committee's root, 3-of-5, relayed by a third account
        TxReceipt published = incentives.publishMakerRoot(sign(good, 1, 3, 5)).join();
        gas("publishRoot (3 signatures)", published);
        MakerRewardsState state = incentives.makerRewardsState().join();
        assertEquals(1, state.period());
        assertEquals(toBlock, state.toBlock());
        assertEquals(tree.root(), state.root());
        assertEquals(tree.total(), state.total());
        assertTrue(state.pulled().compareTo(tree.total()) >= 0);
        assertEquals(BigInteger.ZERO, state.claimed());
        assertEquals(sellerShare, seller.incentives().makerClaimable(tree, seller.account()).join());
        assertEquals(BigInteger.ZERO, seller.incentives().makerClaimable(tree, buyer.account()).join(), "not a maker");
        assertInstanceOf(InvalidRequestException.class, cause(seller.incentives().makerClaimable(greedy, seller.account())),
                "a tree that is not the current root's");

        // the makers claim exactly their shares, in HMX: the seller itself, the bidder's by the relayer
        BigInteger sellerHmx = seller.incentives().hmxBalance(seller.account()).join();
        IncentivesClient.Claim claim = seller.incentives().claimMakerReward(tree, seller.account()).join();
        gas("claim (the program's first, by the maker)", claim.receipt());
        assertEquals(RewardProgram.MARKET_MAKERS, claim.program());
        assertEquals(sellerShare, claim.amount());
        assertEquals(sellerHmx.add(sellerShare), seller.incentives().hmxBalance(seller.account()).join());
        BigInteger bidderHmx = bidder.incentives().hmxBalance(bidder.account()).join();
        IncentivesClient.Claim relayed = relayer.incentives().claimMakerReward(tree, bidder.account()).join();
        gas("claim (the second, relayed for its maker)", relayed.receipt());
        assertEquals(bidderShare, relayed.amount());
        assertEquals(bidderHmx.add(bidderShare), bidder.incentives().hmxBalance(bidder.account()).join());
        assertEquals(sellerShare, incentives.makerClaimed(seller.account()).join());
        assertEquals(sellerShare.add(bidderShare), incentives.makerRewardsState().join().claimed());

        // never twice; a proof of another tree; a maker without a leaf
        NothingToClaimException twice = assertInstanceOf(NothingToClaimException.class,
                cause(seller.incentives().claimMakerReward(tree, seller.account())));
        assertEquals(seller.account(), twice.maker());
        assertEquals(sellerShare, twice.cumulative());
        assertEquals(sellerShare, twice.claimed());
        assertEquals(BigInteger.ZERO, seller.incentives().makerClaimable(tree, seller.account()).join());
        InvalidMakerProofException wrong = assertInstanceOf(InvalidMakerProofException.class,
                cause(seller.incentives().claimMakerReward(greedy, seller.account())));
        assertEquals(greedy.rewardOf(seller.account()).orElseThrow().cumulative(), wrong.cumulative());
        assertInstanceOf(InvalidRequestException.class, cause(buyer.incentives().claimMakerReward(tree, buyer.account())));
    }
}
