package io.hashmix.core.market;

import static io.hashmix.core.testing.TokenizationFixture.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Sign;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.generated.HashMixMarket;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.ZeroAddressException;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.errors.ZeroUnitsException;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.OrderValidationException;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

import okhttp3.OkHttpClient;

/**
 * The market end to end on a local chain: every order kind, partial and batch fills with exact
 * balances, fees, cancels, counters, {@code checkFillable} and the typed exceptions of failed fills.
 * The seller is the fixture's issuer (account 6); buyers are accounts 7, 8 and 9; the protocol fee
 * (50 bps) accrues to the market and goes to the owner (account 0).
 */
@ExtendWith(LocalChainExtension.class)
class MarketClientIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);
    private static final BigInteger COLLATERAL = BigInteger.valueOf(50_000_000);
    private static final BigInteger FEE_BPS = BigInteger.valueOf(50);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final int BUYER_A = 7;
    private static final int BUYER_B = 8;
    private static final int BUYER_C = 9;

    private LocalChain chain;
    private TokenizationFixture fx;
    private HashMix seller;
    private EvmAddress erc20;
    private DevTokens dev;
    private final AtomicInteger products = new AtomicInteger();

    @BeforeEach
    void setUp(LocalChain chain) {
        this.chain = chain;
        fx = new TokenizationFixture(chain);
        seller = chain.client(ISSUER);
        erc20 = fx.payoutToken();
        dev = new DevTokens(fx.admin());
    }

    // ------------------------------------------------------------------ helpers

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private static BigInteger fee(BigInteger payment) {
        return payment.multiply(FEE_BPS).divide(BPS);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private MintedProduct mintProduct() {
        MerkleTree hardware = MerkleTree.of(TokenizationFixture.asics("MKT-" + products.incrementAndGet() + "-", 5));
        return seller.tokenization().mintProduct(fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3)).join();
    }

    private TokenId mint() {
        return mintProduct().tokenId();
    }

    private static long sentCount(HashMix account) {
        return io.hashmix.core.tx.Quantities.toLong(
                account.rpc().call("eth_getTransactionCount", account.account().hex(), "latest").join());
    }

    private long now() {
        return chain.control().latestTimestamp().join();
    }

    private Listing.Builder listing(HashMix maker, TokenId id) {
        return Listing.builder().seller(maker.account()).tokenId(id)
                .tokenNonce(maker.tokenization().tradeState(id).join().nonce())
                .counter(maker.market().counter(maker.account()).join())
                .expiry(now() + 86_400);
    }

    private Offer.Builder offer(HashMix buyer, TokenId id) {
        return Offer.builder().buyer(buyer.account()).tokenId(id).currency(erc20)
                .counter(buyer.market().counter(buyer.account()).join()).expiry(now() + 86_400);
    }

    private BigInteger nativeBalance(EvmAddress who) {
        return seller.erc20().nativeBalance(who).join();
    }

    private BigInteger tokenBalance(EvmAddress who) {
        return seller.erc20().balanceOf(erc20, who).join();
    }

    private static BigInteger gas(TxReceipt r) {
        return r.gasUsed().multiply(r.effectiveGasPrice());
    }

    private Clock chainClock() {
        return Clock.fixed(Instant.ofEpochSecond(now()), ZoneOffset.UTC);
    }

    /** The hash power token's live slices of a product, summed. */
    private BigInteger liveUnits(ProductId product) {
        return seller.tokenization().productTokens(product).join().stream()
                .map(t -> seller.tokenization().token(t).join().units()).reduce(BigInteger.ZERO, BigInteger::add);
    }

    // ------------------------------------------------------------------ every kind end to end

    /** SECURITY-CHECKLIST items 14 and 16: a native whole-token sale; fee + proceeds == price; the sold listing is dead. */
    @Test
    void item14_16_listingInNativeCoinSellsTheWholeToken() {
        MintedProduct product = mintProduct();
        TokenId token = product.tokenId();
        seller.market().approveMarket().join();
        assertTrue(seller.market().isMarketApproved(seller.account()).join());
        BigInteger price = big(1_000_000_000L); // 1 gwei per unit
        Listing l = listing(seller, token).units(CAPACITY).nativeCurrency().pricePerUnit(price).build();
        SignedOrder signed = seller.market().sign(l);
        // what a backend receives: JSON, validated offline
        SignedOrder received = seller.market().validator(chainClock()).validateJson(OrderJson.toJson(signed));
        assertEquals(signed, received);

        HashMix buyer = chain.client(BUYER_A);
        BigInteger buyerBefore = nativeBalance(buyer.account());
        BigInteger sellerBefore = nativeBalance(seller.account());
        BigInteger feesBefore = buyer.market().accruedFees(EvmAddress.ZERO).join();

        Fill fill = buyer.market().fillListing(received, CAPACITY).join();

        BigInteger payment = price.multiply(CAPACITY);
        assertEquals(seller.market().orderHash(l), fill.orderHash());
        assertEquals(signed.digest(), fill.orderHash());
        assertEquals(OrderKind.LISTING, fill.kind());
        assertEquals(seller.account(), fill.maker());
        assertEquals(buyer.account(), fill.taker());
        assertEquals(token, fill.tokenId(), "a whole-token fill delivers the listed token itself");
        assertEquals(CAPACITY, fill.units());
        assertEquals(EvmAddress.ZERO, fill.currency());
        assertEquals(payment, fill.payment());
        assertEquals(fee(payment), fill.fee());
        assertEquals(payment, fill.fee().add(fill.sellerProceeds()));
        assertEquals(buyer.account(), seller.tokenization().ownerOf(token).join());
        assertEquals(buyerBefore.subtract(payment).subtract(gas(fill.receipt())), nativeBalance(buyer.account()));
        assertEquals(sellerBefore.add(payment).subtract(fee(payment)), nativeBalance(seller.account()));
        assertEquals(feesBefore.add(fee(payment)), buyer.market().accruedFees(EvmAddress.ZERO).join());

        // item 16: the token left the seller, the listing is dead
        Fillability after = buyer.market().checkFillable(List.of(signed)).join().get(0);
        assertFalse(after.fillable());
        assertEquals(List.of(FillProblem.NOT_OWNER, FillProblem.STALE_TOKEN_NONCE), after.problems());
        NotTokenOwnerException again = assertInstanceOf(NotTokenOwnerException.class,
                cause(chain.client(BUYER_B).market().fillListing(signed, CAPACITY)));
        assertEquals(token, again.tokenId());
        assertEquals(seller.account(), again.expected());
        assertEquals(buyer.account(), again.actual());
    }

    /** SECURITY-CHECKLIST item 14: an ERC-20 partial fill carves a new token and pays exactly; the allowance is set exactly. */
    @Test
    void item14_listingInErc20SellsPartsOfTheToken() {
        TokenId token = mint();
        seller.market().approveMarket().join();
        BigInteger price = big(3);
        Listing l = listing(seller, token).units(big(600_000)).minFill(big(100_000)).currency(erc20).pricePerUnit(price).build();
        SignedOrder signed = seller.market().sign(l);
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(10_000_000)).join();
        BigInteger buyerBefore = tokenBalance(buyer.account());
        BigInteger sellerBefore = tokenBalance(seller.account());
        BigInteger feesBefore = buyer.market().accruedFees(erc20).join();

        Fill fill = buyer.market().fillListing(signed, big(250_000)).join();

        BigInteger payment = big(750_000);
        assertEquals(payment, fill.payment());
        assertEquals(big(3_750), fill.fee());
        assertEquals(erc20, fill.currency());
        assertNotEquals(token, fill.tokenId(), "a partial fill delivers a new token");
        assertEquals(buyer.account(), seller.tokenization().ownerOf(fill.tokenId()).join());
        assertEquals(big(250_000), seller.tokenization().token(fill.tokenId()).join().units());
        var kept = seller.tokenization().tradeState(token).join();
        assertEquals(seller.account(), kept.owner());
        assertEquals(big(750_000), kept.units());
        assertEquals(0, kept.nonce(), "a carve keeps the token nonce: the listing lives on");
        assertEquals(buyerBefore.subtract(payment), tokenBalance(buyer.account()));
        assertEquals(sellerBefore.add(payment).subtract(big(3_750)), tokenBalance(seller.account()));
        assertEquals(feesBefore.add(big(3_750)), buyer.market().accruedFees(erc20).join());
        assertEquals(BigInteger.ZERO, buyer.erc20().allowance(erc20, buyer.account(), buyer.market().address()).join(),
                "the client approved exactly the payment");

        OrderStatus status = buyer.market().status(signed).join();
        assertEquals(fill.orderHash(), status.orderHash());
        assertEquals(big(250_000), status.filledUnits());
        assertEquals(big(350_000), status.remainingUnits());
        assertTrue(status.live());

        FillTooSmallException small = assertInstanceOf(FillTooSmallException.class,
                cause(buyer.market().fillListing(signed, big(50_000))));
        assertEquals(big(100_000), small.minFill());
        assertEquals(big(50_000), small.units());

        // the rest, below nothing: a fill of exactly the remainder is always allowed
        Fill rest = buyer.market().fillListing(signed, big(350_000)).join();
        assertEquals(big(1_050_000), rest.payment());
        OrderStatus done = buyer.market().status(signed).join();
        assertEquals(big(600_000), done.filledUnits());
        assertEquals(BigInteger.ZERO, done.remainingUnits());
        assertFalse(done.live());
        assertEquals(List.of(FillProblem.FILLED), buyer.market().checkFillable(List.of(signed)).join().get(0).problems());
    }

    /** An offer on one token, filled by its owner in two parts; item 18: never more than the offer's units. */
    @Test
    void item18_offerIsFilledByTheTokenOwner() {
        TokenId token = mint();
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(5_000_000)).join();
        buyer.erc20().approve(erc20, buyer.market().address(), big(2_000_000)).join();
        Offer o = offer(buyer, token).units(big(400_000)).minFill(BigInteger.ZERO).pricePerUnit(big(5)).build();
        SignedOrder signed = buyer.market().sign(o);
        seller.market().approveMarket().join();
        BigInteger buyerBefore = tokenBalance(buyer.account());
        BigInteger sellerBefore = tokenBalance(seller.account());

        Fill first = seller.market().fillOffer(signed, big(100_000)).join();

        assertEquals(OrderKind.OFFER, first.kind());
        assertEquals(buyer.account(), first.maker());
        assertEquals(seller.account(), first.taker());
        assertEquals(big(500_000), first.payment());
        assertEquals(big(2_500), first.fee());
        assertEquals(buyer.account(), seller.tokenization().ownerOf(first.tokenId()).join());
        assertEquals(big(100_000), seller.tokenization().token(first.tokenId()).join().units());
        assertEquals(buyerBefore.subtract(big(500_000)), tokenBalance(buyer.account()));
        assertEquals(sellerBefore.add(big(497_500)), tokenBalance(seller.account()));

        Fillability f = seller.market().checkFillable(List.of(signed)).join().get(0);
        assertTrue(f.fillable());
        assertEquals(big(300_000), f.fillableUnits());

        seller.market().fillOffer(signed, big(300_000)).join();
        assertEquals(big(400_000), seller.market().status(signed).join().filledUnits());
        assertEquals(List.of(FillProblem.FILLED), seller.market().checkFillable(List.of(signed)).join().get(0).problems());
        OverfillException over = assertInstanceOf(OverfillException.class, cause(seller.market().fillOffer(signed, BigInteger.ONE)));
        assertEquals(BigInteger.ZERO, over.remaining());
        assertEquals(BigInteger.ONE, over.units());
    }

    /** A criteria offer: the seller picks a matching token; other issuers and too-short terms are refused. */
    @Test
    void criteriaOfferTakesAnyMatchingToken() {
        TokenId token = mint();
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(5_000_000)).join();
        buyer.erc20().approve(erc20, buyer.market().address(), big(5_000_000)).join();
        CriteriaOffer.Builder base = CriteriaOffer.builder().buyer(buyer.account()).assetClass(TokenizationFixture.BTC)
                .issuer(EvmAddress.ZERO).units(big(500_000)).minFill(big(1)).currency(erc20).pricePerUnit(big(2))
                .expiry(now() + 86_400);
        SignedOrder anyIssuer = buyer.market().sign(base.minRemainingTerm(29L * 86_400).build());
        seller.market().approveMarket().join();

        Fill fill = seller.market().fillCriteriaOffer(anyIssuer, token, big(200_000)).join();

        assertEquals(OrderKind.CRITERIA_OFFER, fill.kind());
        assertEquals(big(400_000), fill.payment());
        assertEquals(big(2_000), fill.fee());
        assertEquals(buyer.account(), seller.tokenization().ownerOf(fill.tokenId()).join());
        assertEquals(TokenizationFixture.BTC, seller.tokenization().token(fill.tokenId()).join().assetClass());
        Fillability left = seller.market().checkFillable(List.of(anyIssuer)).join().get(0);
        assertTrue(left.fillable());
        assertEquals(big(300_000), left.fillableUnits());

        SignedOrder otherIssuer = buyer.market().sign(base.issuer(chain.address(9)).minRemainingTerm(0).salt(big(1)).build());
        assertEquals(token, assertInstanceOf(CriteriaMismatchException.class,
                cause(seller.market().fillCriteriaOffer(otherIssuer, token, big(1_000)))).tokenId());
        SignedOrder tooLong = buyer.market().sign(base.issuer(seller.account()).minRemainingTerm(31L * 86_400).salt(big(2)).build());
        assertInstanceOf(CriteriaMismatchException.class, cause(seller.market().fillCriteriaOffer(tooLong, token, big(1_000))));
    }

    /** A swap of whole tokens of two products; item 16: the swap is dead once done. */
    @Test
    void item16_swapExchangesTokensOfTwoProducts() {
        MintedProduct a = mintProduct();
        MintedProduct b = mintProduct();
        HashMix other = chain.client(BUYER_B);
        seller.tokenization().transfer(b.tokenId(), other.account()).join();
        seller.market().approveMarket().join();
        other.market().approveMarket().join();
        SwapOrder s = SwapOrder.builder().maker(seller.account()).giveTokenId(a.tokenId())
                .giveTokenNonce(seller.tokenization().tradeState(a.tokenId()).join().nonce())
                .giveUnits(seller.tokenization().tradeState(a.tokenId()).join().units())
                .wantTokenId(b.tokenId()).wantUnits(other.tokenization().tradeState(b.tokenId()).join().units())
                .expiry(now() + 3_600).build();
        SignedOrder signed = seller.market().sign(s);
        assertTrue(other.market().checkFillable(List.of(signed)).join().get(0).fillable());

        Fill fill = other.market().fillSwap(signed).join();

        assertEquals(OrderKind.SWAP, fill.kind());
        assertEquals(seller.account(), fill.maker());
        assertEquals(other.account(), fill.taker());
        assertEquals(a.tokenId(), fill.tokenId());
        assertEquals(CAPACITY, fill.units());
        assertEquals(BigInteger.ZERO, fill.payment());
        assertEquals(BigInteger.ZERO, fill.fee());
        assertEquals(other.account(), seller.tokenization().ownerOf(a.tokenId()).join());
        assertEquals(seller.account(), seller.tokenization().ownerOf(b.tokenId()).join());
        assertNotEquals(seller.tokenization().token(a.tokenId()).join().productId(),
                seller.tokenization().token(b.tokenId()).join().productId());
        assertEquals(List.of(FillProblem.NOT_OWNER, FillProblem.STALE_TOKEN_NONCE),
                other.market().checkFillable(List.of(signed)).join().get(0).problems());
        assertInstanceOf(NotTokenOwnerException.class, cause(other.market().fillSwap(signed)));
    }

    /** SECURITY-CHECKLIST item 16: a wanted token carved after the swap was signed is refused (units are signed). */
    @Test
    void item16_swapRefusesACarvedWantToken() {
        MintedProduct a = mintProduct();
        MintedProduct b = mintProduct();
        HashMix other = chain.client(BUYER_B);
        seller.tokenization().transfer(b.tokenId(), other.account()).join();
        seller.market().approveMarket().join();
        other.market().approveMarket().join();
        SignedOrder signed = seller.market().sign(SwapOrder.builder().maker(seller.account()).giveTokenId(a.tokenId())
                .giveTokenNonce(0).giveUnits(CAPACITY).wantTokenId(b.tokenId()).wantUnits(CAPACITY)
                .expiry(now() + 3_600).build());
        other.tokenization().carve(b.tokenId(), CAPACITY.subtract(BigInteger.ONE), other.account()).join();

        assertEquals(List.of(FillProblem.UNITS_CHANGED), other.market().checkFillable(List.of(signed)).join().get(0).problems());
        UnitsChangedException e = assertInstanceOf(UnitsChangedException.class, cause(other.market().fillSwap(signed)));
        assertEquals(b.tokenId().value(), e.tokenId());
        assertEquals(CAPACITY, e.expected());
        assertEquals(BigInteger.ONE, e.actual());
        assertEquals(seller.account(), seller.tokenization().ownerOf(a.tokenId()).join(), "nothing moved");
    }

    /** Out-of-range units, payments and fees fail as InvalidRequestException before anything is sent. */
    @Test
    void badInputFailsBeforeAnythingIsSent() {
        TokenId token = mint();
        SignedOrder signed = seller.market().sign(listing(seller, token).units(CAPACITY).minFill(BigInteger.ONE)
                .nativeCurrency().pricePerUnit(BigInteger.TWO.pow(200)).build());
        long nonce = sentCount(seller);
        BigInteger tooBig = BigInteger.TWO.pow(256);

        assertInstanceOf(InvalidRequestException.class, cause(seller.market().fillListing(signed, tooBig)));
        assertInstanceOf(InvalidRequestException.class, cause(seller.market().fillListing(signed, big(-1))));
        assertInstanceOf(InvalidRequestException.class, cause(seller.market().fillListing(signed, BigInteger.TWO.pow(60))),
                "2^200 per unit x 2^60 units overflows uint256");
        assertThrows(IllegalArgumentException.class, () -> new ListingFill(signed, tooBig), "a batch item is checked when built");
        assertInstanceOf(InvalidRequestException.class,
                cause(seller.market().fillListings(List.of(new ListingFill(signed, BigInteger.TWO.pow(60))))));
        assertInstanceOf(InvalidRequestException.class, cause(seller.market().setFee(seller.account(), -1)));
        assertInstanceOf(InvalidRequestException.class, cause(seller.market().setFee(seller.account(), 70_000)));
        assertInstanceOf(InvalidRequestException.class,
                cause(seller.tokenization().carve(token, big(-1), seller.account())));
        assertEquals(nonce, sentCount(seller), "nothing was sent");
    }

    // ------------------------------------------------------------------ partial and batch fills

    /**
     * SECURITY-CHECKLIST items 14 and 18: one listing, three buyers. Each buyer pays exactly
     * price * units (plus gas), the seller gets payment - floor(payment * 50 / 10000), the fee
     * accrues; a fill above the remainder is refused and the listing never sells more than its units.
     */
    @Test
    void item14_18_threeBuyersPartiallyFillOneListing() {
        MintedProduct product = mintProduct();
        TokenId token = product.tokenId();
        seller.market().approveMarket().join();
        BigInteger price = big(7_777); // wei per unit: fees with remainders
        BigInteger listed = big(900_000);
        SignedOrder signed = seller.market().sign(listing(seller, token).units(listed).minFill(BigInteger.ONE)
                .nativeCurrency().pricePerUnit(price).build());

        BigInteger sold = BigInteger.ZERO;
        BigInteger fees = BigInteger.ZERO;
        BigInteger feesBefore = seller.market().accruedFees(EvmAddress.ZERO).join();
        int[] buyers = {BUYER_A, BUYER_B, BUYER_C};
        long[] amounts = {1_001, 250_000, 300_003};
        for (int i = 0; i < 3; i++) {
            HashMix buyer = chain.client(buyers[i]);
            BigInteger units = big(amounts[i]);
            BigInteger payment = price.multiply(units);
            BigInteger buyerBefore = nativeBalance(buyer.account());
            BigInteger sellerBefore = nativeBalance(seller.account());

            Fill fill = buyer.market().fillListing(signed, units).join();

            assertEquals(payment, fill.payment(), "the buyer pays exactly price * units");
            assertEquals(payment.multiply(FEE_BPS).divide(BPS), fill.fee(), "floor(payment * 50 / 10000)");
            assertEquals(buyerBefore.subtract(payment).subtract(gas(fill.receipt())), nativeBalance(buyer.account()));
            assertEquals(sellerBefore.add(payment).subtract(fill.fee()), nativeBalance(seller.account()));
            assertEquals(units, seller.tokenization().token(fill.tokenId()).join().units());
            assertEquals(buyer.account(), seller.tokenization().ownerOf(fill.tokenId()).join());
            sold = sold.add(units);
            fees = fees.add(fill.fee());
            assertEquals(sold, seller.market().status(signed).join().filledUnits());
        }
        assertEquals(feesBefore.add(fees), seller.market().accruedFees(EvmAddress.ZERO).join());
        BigInteger remaining = listed.subtract(sold);
        assertEquals(remaining, seller.market().status(signed).join().remainingUnits());
        assertEquals(remaining, seller.market().checkFillable(List.of(signed)).join().get(0).fillableUnits());

        HashMix last = chain.client(BUYER_A);
        OverfillException over = assertInstanceOf(OverfillException.class,
                cause(last.market().fillListing(signed, remaining.add(BigInteger.ONE))));
        assertEquals(remaining, over.remaining());
        assertEquals(remaining.add(BigInteger.ONE), over.units());

        last.market().fillListing(signed, remaining).join();
        assertEquals(listed, seller.market().status(signed).join().filledUnits());
        assertEquals(CAPACITY.subtract(listed), seller.tokenization().tradeState(token).join().units());
        assertEquals(CAPACITY, liveUnits(product.productId()), "item 14: live slices still sum to the capacity");
        assertInstanceOf(OverfillException.class, cause(last.market().fillListing(signed, BigInteger.ONE)));
    }

    /** Several listings (native whole, native part, ERC-20 part) in one transaction; the native coin sent is exact, excess is refunded exactly. */
    @Test
    void batchFillPaysExactlyAndRefundsExcessExactly() {
        MintedProduct product = mintProduct();
        List<TokenId> parts = seller.tokenization().split(product.tokenId(),
                List.of(big(200_000), big(300_000), big(500_000))).join();
        seller.market().approveMarket().join();
        SignedOrder wholeNative = seller.market().sign(listing(seller, parts.get(0)).units(big(200_000))
                .nativeCurrency().pricePerUnit(big(1_000)).build());
        SignedOrder partNative = seller.market().sign(listing(seller, parts.get(1)).units(big(300_000)).minFill(big(1))
                .nativeCurrency().pricePerUnit(big(3_333)).build());
        SignedOrder partErc20 = seller.market().sign(listing(seller, parts.get(2)).units(big(500_000)).minFill(big(1))
                .currency(erc20).pricePerUnit(big(4)).build());
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(10_000_000)).join();
        buyer.erc20().approve(erc20, buyer.market().address(), big(10_000_000)).join();
        EvmAddress market = buyer.market().address();
        BigInteger buyerBefore = nativeBalance(buyer.account());
        BigInteger sellerBefore = nativeBalance(seller.account());
        BigInteger marketBefore = nativeBalance(market);
        BigInteger erc20Before = tokenBalance(buyer.account());

        List<Fill> fills = buyer.market().fillListings(List.of(new ListingFill(wholeNative, big(200_000)),
                new ListingFill(partNative, big(100_000)), new ListingFill(partErc20, big(50_000)))).join();

        assertEquals(3, fills.size());
        assertEquals(fills.get(0).receipt(), fills.get(2).receipt(), "one transaction");
        assertEquals(parts.get(0), fills.get(0).tokenId());
        BigInteger nativeSum = big(200_000_000).add(big(333_300_000));
        BigInteger nativeFees = fee(big(200_000_000)).add(fee(big(333_300_000)));
        assertEquals(nativeSum, fills.get(0).payment().add(fills.get(1).payment()));
        assertEquals(buyerBefore.subtract(nativeSum).subtract(gas(fills.get(0).receipt())), nativeBalance(buyer.account()));
        assertEquals(sellerBefore.add(nativeSum).subtract(nativeFees), nativeBalance(seller.account()));
        assertEquals(marketBefore.add(nativeFees), nativeBalance(market), "the market keeps the fees and nothing else");
        assertEquals(erc20Before.subtract(big(200_000)), tokenBalance(buyer.account()));

        // the same batch shape sent by hand with 1 ether too much: the excess comes back to the wei
        SignedOrder more = seller.market().sign(listing(seller, parts.get(1)).units(big(100_000)).minFill(big(1))
                .nativeCurrency().pricePerUnit(big(5_555)).salt(big(42)).build());
        HashMixMarket wrapper = HashMixMarket.load(market.hex(), null, new ReadonlyTransactionManager(null, market.hex()),
                new DefaultGasProvider());
        BigInteger due = big(5_555L * 10_000);
        BigInteger oneEther = BigInteger.TEN.pow(18);
        List<HashMixMarket.ListingFill> batch = List.of(new HashMixMarket.ListingFill(
                MarketClient.toStruct((Listing) more.order()), more.signature(), big(10_000)));
        String data = wrapper.fillListings(batch, due.add(oneEther)).encodeFunctionCall();
        BigInteger buyerMid = nativeBalance(buyer.account());
        BigInteger marketMid = nativeBalance(market);
        TxReceipt r = buyer.transactions().send(TxRequest.call(market, data, "fillListings+excess").withValue(due.add(oneEther))).join();
        assertEquals(buyerMid.subtract(due).subtract(gas(r)), nativeBalance(buyer.account()));
        assertEquals(marketMid.add(fee(due)), nativeBalance(market));

        // and too little is refused with the typed error
        InsufficientValueException short_ = assertInstanceOf(InsufficientValueException.class,
                cause(buyer.transactions().send(TxRequest.call(market, data, "fillListings-short").withValue(due.subtract(BigInteger.ONE)))));
        assertEquals(due, short_.required());
        assertEquals(due.subtract(BigInteger.ONE), short_.available());
    }

    // ------------------------------------------------------------------ checkFillable

    /**
     * SECURITY-CHECKLIST item 16: checkFillable flags each problem it can see (expiry, cancel,
     * counter bump, a token that left the seller even if it came back, a bumped nonce), in one
     * JSON-RPC batch.
     */
    @Test
    void item16_checkFillableFlagsEachProblemInOneBatch() {
        MintedProduct product = mintProduct();
        List<BigInteger> sizes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sizes.add(big(100_000));
        }
        List<TokenId> t = seller.tokenization().split(product.tokenId(), sizes).join();
        seller.market().approveMarket().join();
        HashMix buyerA = chain.client(BUYER_A);
        HashMix buyerB = chain.client(BUYER_B);
        HashMix buyerC = chain.client(BUYER_C);
        HashMix broke = chain.client(10);
        HashMix unapproved = chain.client(11);
        dev.mint(erc20, buyerA.account(), big(1_000_000)).join();
        dev.mint(erc20, buyerC.account(), big(1_000_000)).join();
        buyerC.erc20().approve(erc20, buyerC.market().address(), big(1_000_000)).join();
        broke.erc20().approve(erc20, broke.market().address(), big(1_000_000)).join();
        long now = now();

        SignedOrder good = seller.market().sign(listing(seller, t.get(0)).units(big(60_000)).minFill(big(1))
                .nativeCurrency().pricePerUnit(big(10)).build());
        SignedOrder expired = seller.market().sign(listing(seller, t.get(1)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).expiry(now - 1).build());
        SignedOrder cancelled = seller.market().sign(listing(seller, t.get(2)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).build());
        SignedOrder filled = seller.market().sign(listing(seller, t.get(3)).units(big(50_000)).minFill(big(1))
                .nativeCurrency().pricePerUnit(big(10)).build());
        SignedOrder gone = seller.market().sign(listing(seller, t.get(4)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).build());
        SignedOrder movedAway = seller.market().sign(listing(seller, t.get(5)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).build());
        SignedOrder bumped = seller.market().sign(listing(seller, t.get(6)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).build());
        seller.tokenization().transfer(t.get(7), unapproved.account()).join();
        SignedOrder notApproved = unapproved.market().sign(listing(unapproved, t.get(7)).units(big(1)).nativeCurrency()
                .pricePerUnit(big(10)).build());
        SignedOrder staleCounter = buyerC.market().sign(offer(buyerC, t.get(8)).units(big(10)).pricePerUnit(big(1)).build());
        SignedOrder noBalance = broke.market().sign(offer(broke, t.get(8)).units(big(10)).pricePerUnit(big(1)).build());
        SignedOrder noAllowance = buyerA.market().sign(offer(buyerA, t.get(8)).units(big(10)).pricePerUnit(big(1)).build());
        Listing forChainOne = listing(seller, t.get(9)).units(big(1)).nativeCurrency().pricePerUnit(big(10)).build();
        SignedOrder otherChain = OrderSigner.sign(Eip712Domain.hashMix(1, seller.market().address()), forChainOne,
                chain.account(ISSUER));
        // partly affordable: balance 1,000,000 but allowance only 600 at price 5 -> 120 units
        dev.mint(erc20, buyerB.account(), big(1_000_000)).join();
        buyerB.erc20().approve(erc20, buyerB.market().address(), big(600)).join();
        SignedOrder affordable = buyerB.market().sign(offer(buyerB, t.get(9)).units(big(400_000)).minFill(BigInteger.ZERO)
                .pricePerUnit(big(5)).salt(big(7)).build());

        seller.market().cancel(List.of(cancelled)).join();
        buyerB.market().fillListing(filled, big(50_000)).join();
        seller.tokenization().split(t.get(4), List.of(big(40_000), big(60_000))).join();
        seller.tokenization().transfer(t.get(5), buyerB.account()).join();
        seller.tokenization().bumpTokenNonce(t.get(6)).join();
        assertEquals(BigInteger.ONE, buyerC.market().incrementCounter().join());

        List<SignedOrder> orders = List.of(good, expired, cancelled, filled, gone, movedAway, bumped, notApproved,
                staleCounter, noBalance, noAllowance, otherChain, affordable);
        AtomicInteger httpRequests = new AtomicInteger();
        HashMix observer = chain.client(0, b -> b.okHttpClient(new OkHttpClient.Builder()
                .addInterceptor(c -> {
                    httpRequests.incrementAndGet();
                    return c.proceed(c.request());
                }).build()));
        int before = httpRequests.get();
        List<Fillability> result = observer.market().checkFillable(orders).join();
        assertEquals(1, httpRequests.get() - before, "every read in one JSON-RPC batch");

        assertEquals(orders.size(), result.size());
        assertTrue(result.get(0).fillable());
        assertEquals(big(60_000), result.get(0).fillableUnits());
        assertEquals(List.of(), result.get(0).problems());
        assertEquals(List.of(FillProblem.EXPIRED), result.get(1).problems());
        assertEquals(List.of(FillProblem.CANCELLED), result.get(2).problems());
        assertEquals(List.of(FillProblem.FILLED), result.get(3).problems());
        assertEquals(List.of(FillProblem.TOKEN_GONE), result.get(4).problems());
        assertEquals(List.of(FillProblem.NOT_OWNER, FillProblem.STALE_TOKEN_NONCE), result.get(5).problems());
        assertEquals(List.of(FillProblem.STALE_TOKEN_NONCE), result.get(6).problems());
        assertEquals(List.of(FillProblem.NOT_APPROVED), result.get(7).problems());
        assertEquals(List.of(FillProblem.COUNTER_STALE), result.get(8).problems());
        assertEquals(List.of(FillProblem.INSUFFICIENT_BALANCE), result.get(9).problems());
        assertEquals(List.of(FillProblem.INSUFFICIENT_ALLOWANCE), result.get(10).problems());
        assertEquals(List.of(FillProblem.BAD_SIGNATURE), result.get(11).problems());
        assertTrue(result.get(12).fillable());
        assertEquals(big(120), result.get(12).fillableUnits());
        for (int i = 1; i < 12; i++) {
            assertFalse(result.get(i).fillable(), "order " + i);
            assertEquals(BigInteger.ZERO, result.get(i).fillableUnits(), "order " + i);
        }

        // item 16: the token comes back to the seller: the listing stays dead (nonce moved twice)
        buyerB.tokenization().transfer(t.get(5), seller.account()).join();
        assertEquals(List.of(FillProblem.STALE_TOKEN_NONCE), observer.market().checkFillable(List.of(movedAway)).join().get(0).problems());
        StaleTokenNonceException stale = assertInstanceOf(StaleTokenNonceException.class,
                cause(buyerA.market().fillListing(movedAway, BigInteger.ONE)));
        assertEquals(t.get(5), stale.tokenId());
        assertEquals(0, stale.expected());
        assertEquals(2, stale.actual());
        assertEquals(List.of(), observer.market().checkFillable(List.of()).join());
    }

    /** A frozen product's tokens are not tradable: flagged by checkFillable and refused by the market. */
    @Test
    void frozenProductIsNotTradable() {
        MerkleTree first = MerkleTree.of(TokenizationFixture.asics("FRZ-A-", 5));
        seller.tokenization().mintProduct(fx.sign(fx.attestation(first, CAPACITY, COLLATERAL), 1, 2, 3)).join();
        HardwareId twice = first.hardwareIds().get(1);
        List<HardwareId> ids = new ArrayList<>(TokenizationFixture.asics("FRZ-B-", 3));
        ids.add(twice);
        MerkleTree second = MerkleTree.of(ids);
        MintedProduct later = seller.tokenization().mintProduct(fx.sign(fx.attestation(second, CAPACITY, COLLATERAL), 3, 4, 5)).join();
        seller.market().approveMarket().join();
        SignedOrder signed = seller.market().sign(listing(seller, later.tokenId()).units(CAPACITY).nativeCurrency()
                .pricePerUnit(big(1)).build());
        ProductId firstId = new ProductId(later.productId().value().subtract(BigInteger.ONE));
        chain.client(12).tokenization().challengeDuplicateHardware(twice, firstId, first.proof(twice).proof(),
                later.productId(), second.proof(twice).proof()).join();

        assertEquals(List.of(FillProblem.NOT_TRADABLE), seller.market().checkFillable(List.of(signed)).join().get(0).problems());
        NotTradableException e = assertInstanceOf(NotTradableException.class,
                cause(chain.client(BUYER_A).market().fillListing(signed, CAPACITY)));
        assertEquals(later.tokenId(), e.tokenId());
    }

    // ------------------------------------------------------------------ failures

    /**
     * SECURITY-CHECKLIST items 2, 3 and 16: a bumped nonce, a cancel, an expiry, a counter bump, an
     * order signed for another chain and a high-s signature each fail with their typed exception;
     * the last two are refused offline by the validator too.
     */
    @Test
    void item2_3_16_failedFillsArriveAsTypedExceptions() {
        TokenId token = mint();
        seller.market().approveMarket().join();
        HashMix buyer = chain.client(BUYER_A);
        Listing base = listing(seller, token).units(big(1_000)).minFill(big(1)).nativeCurrency().pricePerUnit(big(10)).build();

        // item 16: token nonce bump
        SignedOrder beforeBump = seller.market().sign(base);
        seller.tokenization().bumpTokenNonce(token).join();
        StaleTokenNonceException stale = assertInstanceOf(StaleTokenNonceException.class,
                cause(buyer.market().fillListing(beforeBump, big(10))));
        assertEquals(token, stale.tokenId());
        assertEquals(0, stale.expected());
        assertEquals(1, stale.actual());

        // item 16: cancel
        SignedOrder toCancel = seller.market().sign(base.toBuilder().tokenNonce(1).salt(big(1)).build());
        buyer.market().fillListing(toCancel, big(10)).join();
        seller.market().cancel(List.of(toCancel)).join();
        OrderIsCancelledException cancelled = assertInstanceOf(OrderIsCancelledException.class,
                cause(buyer.market().fillListing(toCancel, big(10))));
        assertEquals(seller.market().orderHash(toCancel.order()), cancelled.orderHash());
        assertTrue(buyer.market().status(toCancel).join().cancelled());
        assertInstanceOf(InvalidRequestException.class, cause(buyer.market().cancel(List.of(toCancel))),
                "only the maker may cancel; refused before sending");

        // item 16: expiry
        long expiry = now() + 60;
        SignedOrder shortLived = seller.market().sign(base.toBuilder().tokenNonce(1).salt(big(2)).expiry(expiry).build());
        chain.control().increaseTime(Duration.ofSeconds(120)).join();
        assertTrue(buyer.market().status(shortLived).join().expired());
        OrderExpiredException exp = assertInstanceOf(OrderExpiredException.class, cause(buyer.market().fillListing(shortLived, big(10))));
        assertEquals(expiry, exp.expiry());

        // item 16: counter bump kills every order of the maker
        SignedOrder oldCounter = seller.market().sign(base.toBuilder().tokenNonce(1).salt(big(3)).expiry(now() + 3_600).build());
        assertEquals(BigInteger.ONE, seller.market().incrementCounter().join());
        assertTrue(buyer.market().status(oldCounter).join().counterStale());
        StaleCounterException counter = assertInstanceOf(StaleCounterException.class, cause(buyer.market().fillListing(oldCounter, big(10))));
        assertEquals(BigInteger.ZERO, counter.orderCounter());
        assertEquals(BigInteger.ONE, counter.currentCounter());

        Listing current = base.toBuilder().tokenNonce(1).counter(1).salt(big(4)).expiry(now() + 3_600).build();
        // item 3: signed for another chain id: refused offline and on chain
        SignedOrder otherChain = OrderSigner.sign(Eip712Domain.hashMix(1, seller.market().address()), current, chain.account(ISSUER));
        OrderValidationException offline = assertThrows(OrderValidationException.class,
                () -> buyer.market().validator(chainClock()).validate(otherChain));
        assertEquals(OrderValidationException.Reason.WRONG_CHAIN, offline.reason());
        assertInstanceOf(InvalidOrderSignatureException.class, cause(buyer.market().fillListing(otherChain, big(10))));
        // item 3: signed for another market deployment on this chain
        SignedOrder otherMarket = OrderSigner.sign(Eip712Domain.hashMix(chain.deployment().chainId(), erc20), current,
                chain.account(ISSUER));
        assertEquals(OrderValidationException.Reason.WRONG_CONTRACT, assertThrows(OrderValidationException.class,
                () -> buyer.market().validator(chainClock()).validate(otherMarket)).reason());
        assertInstanceOf(InvalidOrderSignatureException.class, cause(buyer.market().fillListing(otherMarket, big(10))));

        // item 2: the high-s twin of a valid signature is refused offline and on chain
        SignedOrder valid = seller.market().sign(current);
        byte[] sig = valid.signature();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        byte[] highS = Sign.CURVE_PARAMS.getN().subtract(s).toByteArray();
        byte[] twin = sig.clone();
        java.util.Arrays.fill(twin, 32, 64, (byte) 0);
        System.arraycopy(highS, Math.max(0, highS.length - 32), twin, 64 - Math.min(32, highS.length), Math.min(32, highS.length));
        twin[64] = (byte) (sig[64] == 27 ? 28 : 27);
        SignedOrder malleated = new SignedOrder(valid.domain(), current, twin);
        assertEquals(OrderValidationException.Reason.BAD_SIGNATURE, assertThrows(OrderValidationException.class,
                () -> buyer.market().validator(chainClock()).validate(malleated)).reason());
        assertInstanceOf(InvalidOrderSignatureException.class, cause(buyer.market().fillListing(malleated, big(10))));
        assertEquals(List.of(FillProblem.BAD_SIGNATURE), buyer.market().checkFillable(List.of(malleated)).join().get(0).problems());
        // the original still fills
        assertEquals(big(10), buyer.market().fillListing(valid, big(10)).join().units());

        // zero units: the token's ZeroUnits() mapping is reused
        assertInstanceOf(ZeroUnitsException.class, cause(buyer.market().fillListing(valid, BigInteger.ZERO)));
        // an offer in the native coin: refused offline and on chain
        SignedOrder nativeOffer = buyer.market().sign(offer(buyer, token).currency(EvmAddress.ZERO).units(big(1))
                .pricePerUnit(big(1)).build());
        assertEquals(OrderValidationException.Reason.NATIVE_NOT_ALLOWED, assertThrows(OrderValidationException.class,
                () -> buyer.market().validator(chainClock()).validate(nativeOffer)).reason());
        assertInstanceOf(NativeNotAllowedException.class, cause(seller.market().fillOffer(nativeOffer, big(1))));
        assertEquals(List.of(FillProblem.INSUFFICIENT_ALLOWANCE), seller.market().checkFillable(List.of(nativeOffer)).join().get(0).problems());
    }

    /** SECURITY-CHECKLIST items 17 and 31: the fee is capped and only the owner sets it; fees are withdrawn to the recipient. */
    @Test
    void item17_31_feesAreCappedOwnedAndWithdrawn() {
        HashMix admin = fx.admin();
        assertEquals(new MarketFee(admin.account(), 50), admin.market().fee().join());
        FeeTooHighException high = assertInstanceOf(FeeTooHighException.class, cause(admin.market().setFee(admin.account(), 1_001)));
        assertEquals(1_001, high.feeBps());
        assertInstanceOf(ZeroAddressException.class, cause(admin.market().setFee(EvmAddress.ZERO, 10)));
        assertInstanceOf(UnauthorizedAccountException.class, cause(seller.market().setFee(seller.account(), 0)));

        TokenId token = mint();
        seller.market().approveMarket().join();
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(1_000_000)).join();
        SignedOrder l = seller.market().sign(listing(seller, token).units(big(100_000)).minFill(big(1)).currency(erc20)
                .pricePerUnit(big(3)).build());
        Fill fill = buyer.market().fillListing(l, big(100_000)).join();
        assertEquals(big(1_500), fill.fee());
        BigInteger accrued = buyer.market().accruedFees(erc20).join();
        BigInteger ownerBefore = tokenBalance(admin.account());
        buyer.market().withdrawFees(erc20).join(); // anyone may trigger it; the recipient gets it
        assertEquals(ownerBefore.add(accrued), tokenBalance(admin.account()));
        assertEquals(BigInteger.ZERO, buyer.market().accruedFees(erc20).join());
    }

    // ------------------------------------------------------------------ hashes, events, signing

    /** SECURITY-CHECKLIST item 6: the contract hashes every kind exactly as the SDK signs it. */
    @Test
    void item6_onChainHashesEqualTheSignedDigests() {
        TokenId a = TokenId.of(11);
        TokenId b = TokenId.of(12);
        long expiry = now() + 3_600;
        var orders = List.of(
                Listing.builder().seller(seller.account()).tokenId(a).tokenNonce(4_000_000_000L).units(big(5)).minFill(big(2))
                        .currency(erc20).pricePerUnit(big(7)).counter(3).salt(big(9)).expiry(-1L).build(),
                Offer.builder().buyer(seller.account()).tokenId(a).units(big(5)).minFill(big(1)).currency(erc20)
                        .pricePerUnit(big(7)).expiry(expiry).build(),
                CriteriaOffer.builder().buyer(seller.account()).assetClass(TokenizationFixture.BTC).issuer(chain.address(3))
                        .units(big(5)).minFill(big(1)).minRemainingTerm(86_400).currency(erc20).pricePerUnit(big(7))
                        .expiry(expiry).build(),
                SwapOrder.builder().maker(seller.account()).giveTokenId(a).giveTokenNonce(2).giveUnits(big(9))
                        .wantTokenId(b).wantUnits(big(4)).expiry(expiry).build());
        for (var o : orders) {
            SignedOrder signed = seller.market().sign(o);
            assertEquals(signed.digest(), seller.market().hashOnChain(o).join(), o.kind().jsonName());
            assertEquals(signed.digest(), seller.market().orderHash(o));
            assertEquals(seller.account(), signed.signer());
        }
        assertEquals(Eip712Domain.hashMix(chain.deployment().chainId(), seller.market().address()), seller.market().domain());
    }

    /** A follower reads fills, cancels and counter bumps back from the logs, in chain order. */
    @Test
    void eventsFollowFillsCancelsAndCounters() {
        TokenId token = mint();
        seller.market().approveMarket().join();
        HashMix buyer = chain.client(BUYER_A);
        long from = buyer.market().blockNumber().join() + 1;
        SignedOrder l = seller.market().sign(listing(seller, token).units(big(1_000)).minFill(big(1)).nativeCurrency()
                .pricePerUnit(big(5)).build());
        Fill fill = buyer.market().fillListing(l, big(400)).join();
        TxReceipt cancel = seller.market().cancel(List.of(l)).join();
        seller.market().incrementCounter().join();
        long to = buyer.market().blockNumber().join();

        List<MarketEvent> events = buyer.market().events(from, to).join();

        assertEquals(3, events.size(), events.toString());
        MarketEvent.Filled f = assertInstanceOf(MarketEvent.Filled.class, events.get(0));
        assertEquals(fill.orderHash(), f.orderHash());
        assertEquals(OrderKind.LISTING, f.kind());
        assertEquals(seller.account(), f.maker());
        assertEquals(buyer.account(), f.taker());
        assertEquals(fill.tokenId(), f.tokenId());
        assertEquals(big(400), f.units());
        assertEquals(EvmAddress.ZERO, f.currency());
        assertEquals(big(2_000), f.payment());
        assertEquals(big(10), f.fee());
        assertEquals(fill.receipt().transactionHash(), f.transactionHash());
        assertEquals(fill.receipt().blockNumber(), f.blockNumber());
        MarketEvent.Cancelled c = assertInstanceOf(MarketEvent.Cancelled.class, events.get(1));
        assertEquals(fill.orderHash(), c.orderHash());
        assertEquals(seller.account(), c.maker());
        assertEquals(cancel.transactionHash(), c.transactionHash());
        MarketEvent.CounterIncremented k = assertInstanceOf(MarketEvent.CounterIncremented.class, events.get(2));
        assertEquals(seller.account(), k.maker());
        assertEquals(BigInteger.ONE, k.counter());
        assertTrue(f.blockNumber() < c.blockNumber() && c.blockNumber() < k.blockNumber());
        assertEquals(List.of(), buyer.market().events(to + 1, to + 1).join());
        assertEquals(List.of(), buyer.market().events(to + 1, to).join(), "a follower's empty range");
    }

    /** Signing needs this SDK's key and the order's maker to be this account. */
    @Test
    void signingNeedsTheMakersKey() {
        Listing l = Listing.builder().seller(seller.account()).tokenId(TokenId.of(1)).tokenNonce(0).units(big(1))
                .nativeCurrency().pricePerUnit(big(1)).expiry(now() + 60).build();
        assertThrows(InvalidRequestException.class, () -> chain.readOnlyClient().market().sign(l));
        assertThrows(InvalidRequestException.class, () -> chain.client(BUYER_A).market().sign(l));
        SignedOrder signed = seller.market().sign(l);
        assertEquals(signed, OrderSigner.sign(seller.market().domain(), l, chain.account(ISSUER)),
                "deterministic, and the same bytes as the offline signer");
        assertInstanceOf(InvalidRequestException.class, cause(chain.client(BUYER_A).market().fillOffer(signed, big(1))),
                "a listing is not an offer");
    }

    /**
     * {@code status} gives the live remainder of every order kind after partial fills: a listing
     * covering its whole token (whose fills the market does not record), a listing smaller than its
     * token, an offer, a criteria offer, and a swap before and after it happens.
     */
    @Test
    void statusGivesTheLiveRemainderOfEveryKindAfterPartialFills() {
        seller.market().approveMarket().join();
        HashMix buyer = chain.client(BUYER_A);
        dev.mint(erc20, buyer.account(), big(50_000_000)).join();
        buyer.erc20().approve(erc20, buyer.market().address(), big(50_000_000)).join();

        // a listing of the whole token: two partial fills carve it; nothing is recorded, the token bounds it
        TokenId whole = mint();
        SignedOrder wholeListing = seller.market().sign(listing(seller, whole).units(CAPACITY).minFill(big(1)).currency(erc20)
                .pricePerUnit(big(1)).build());
        buyer.market().fillListing(wholeListing, big(300_000)).join();
        buyer.market().fillListing(wholeListing, big(100_000)).join();
        OrderStatus s1 = buyer.market().status(wholeListing).join();
        assertEquals(BigInteger.ZERO, s1.filledUnits(), "the market records no fill of a listing covering its token");
        assertEquals(big(600_000), s1.remainingUnits());
        assertEquals(s1.remainingUnits(), buyer.market().checkFillable(List.of(wholeListing)).join().get(0).fillableUnits());

        // a listing of part of a token: its fills are recorded
        TokenId part = mint();
        SignedOrder partListing = seller.market().sign(listing(seller, part).units(big(400_000)).minFill(big(1)).currency(erc20)
                .pricePerUnit(big(1)).build());
        buyer.market().fillListing(partListing, big(150_000)).join();
        OrderStatus s2 = buyer.market().status(partListing).join();
        assertEquals(big(150_000), s2.filledUnits());
        assertEquals(big(250_000), s2.remainingUnits());

        // an offer and a criteria offer, partly filled by the seller
        TokenId offered = mint();
        SignedOrder offer = buyer.market().sign(offer(buyer, offered).units(big(500_000)).minFill(big(1)).pricePerUnit(big(1)).build());
        seller.market().fillOffer(offer, big(200_000)).join();
        OrderStatus s3 = buyer.market().status(offer).join();
        assertEquals(big(200_000), s3.filledUnits());
        assertEquals(big(300_000), s3.remainingUnits());
        SignedOrder criteria = buyer.market().sign(CriteriaOffer.builder().buyer(buyer.account()).assetClass(TokenizationFixture.BTC)
                .issuer(EvmAddress.ZERO).units(big(500_000)).minFill(big(1)).currency(erc20).pricePerUnit(big(1))
                .expiry(now() + 86_400).build());
        seller.market().fillCriteriaOffer(criteria, mint(), big(120_000)).join();
        OrderStatus s4 = buyer.market().status(criteria).join();
        assertEquals(big(120_000), s4.filledUnits());
        assertEquals(big(380_000), s4.remainingUnits());

        // a swap: live until it happens, then dead (the give token changed hands)
        MintedProduct give = mintProduct();
        MintedProduct want = mintProduct();
        HashMix other = chain.client(BUYER_B);
        seller.tokenization().transfer(want.tokenId(), other.account()).join();
        other.market().approveMarket().join();
        SignedOrder swap = seller.market().sign(SwapOrder.builder().maker(seller.account()).giveTokenId(give.tokenId())
                .giveTokenNonce(seller.tokenization().tradeState(give.tokenId()).join().nonce()).giveUnits(CAPACITY)
                .wantTokenId(want.tokenId()).wantUnits(CAPACITY).expiry(now() + 3_600).build());
        assertEquals(BigInteger.ONE, other.market().status(swap).join().remainingUnits());
        other.market().fillSwap(swap).join();
        OrderStatus s5 = other.market().status(swap).join();
        assertEquals(BigInteger.ZERO, s5.remainingUnits());
        assertFalse(s5.live());
        assertTrue(s5.problems().contains(FillProblem.STALE_TOKEN_NONCE));

        // a listing whose token left the seller is dead, not "all remaining"
        seller.tokenization().transfer(whole, chain.address(BUYER_C)).join();
        OrderStatus sold = buyer.market().status(wholeListing).join();
        assertEquals(BigInteger.ZERO, sold.remainingUnits());
        assertEquals(List.of(FillProblem.NOT_OWNER, FillProblem.STALE_TOKEN_NONCE), sold.problems());
    }
}
