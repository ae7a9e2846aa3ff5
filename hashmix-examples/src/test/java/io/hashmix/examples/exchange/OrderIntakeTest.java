package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.DOMAIN;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.key;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.core.market.FillProblem;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/** Order intake: what is accepted, and the typed reason of every refusal. */
class OrderIntakeTest {

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private FakeMarket chain;
    private Database db;
    private OrderBook book;
    private OrderIntake intake;

    @BeforeEach
    void setUp() {
        chain = new FakeMarket(clock, address(9));
        chain.token(TokenId.of(1), BTC);
        db = Database.open(Database.memoryUrl("intake-" + UUID.randomUUID()));
        book = new OrderBook(db);
        intake = new OrderIntake(book, chain, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Listing.Builder listingTerms() {
        return Listing.builder().seller(address(1)).tokenId(TokenId.of(1)).tokenNonce(0).units(100).minFill(10).currency(USDC)
                .pricePerUnit(BigInteger.valueOf(25)).expiry(NOW + DAY);
    }

    private IntakeResult.Rejected rejected(String json) {
        return assertInstanceOf(IntakeResult.Rejected.class, intake.submit(json));
    }

    @Test
    void acceptsAValidListingWithItsTokensAssetClassOnce() {
        SignedOrder l = listing(1, 1, 100, 10, 25, USDC, NOW + DAY);

        IntakeResult.Accepted first = assertInstanceOf(IntakeResult.Accepted.class, intake.submit(OrderJson.toJson(l)));
        IntakeResult.Accepted again = assertInstanceOf(IntakeResult.Accepted.class, intake.submit(OrderJson.toJson(l)));

        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(l.digest(), first.order().hash());
        assertEquals(BTC, first.order().assetClass());
        assertEquals(OrderState.LIVE, first.order().state());
        assertEquals(1, book.orders().size());
    }

    @Test
    void acceptsCriteriaOffersUnderTheirOwnAssetClass() {
        CriteriaOffer c = CriteriaOffer.builder().buyer(address(2)).assetClass(FakeMarket.FIL).units(50).currency(USDC)
                .pricePerUnit(BigInteger.TEN).expiry(NOW + DAY).build();
        IntakeResult.Accepted a = assertInstanceOf(IntakeResult.Accepted.class,
                intake.submit(OrderJson.toJson(OrderSigner.sign(DOMAIN, c, key(2)))));
        assertEquals(FakeMarket.FIL, a.order().assetClass());
        assertEquals(null, a.order().tokenId());
    }

    @Test
    void malformedInputIsRejectedAsMalformed() {
        String good = OrderJson.toJson(listing(1, 1, 100, 10, 25, USDC, NOW + DAY));
        for (String bad : new String[] {null, "", "   ", "not json", "[]", "{}", good.replace("\"listing\"", "\"auction\""),
                good.replace("\"units\"", "\"unitz\""), "{\"kind\":\"listing\"}", "x".repeat(OrderIntake.MAX_JSON_CHARS + 1)}) {
            assertEquals(RejectReason.MALFORMED, rejected(bad).reason(), String.valueOf(bad));
        }
        assertTrue(book.orders().isEmpty());
    }

    @Test
    void aSignatureThatIsNotECDSAIsABadSignature() {
        SignedOrder l = listing(1, 1, 100, 10, 25, USDC, NOW + DAY);
        byte[] sig = l.signature();
        sig[64] = 29; // v must be 27 or 28
        assertEquals(RejectReason.BAD_SIGNATURE, rejected(OrderJson.toJson(new SignedOrder(DOMAIN, l.order(), sig))).reason());
        assertEquals(RejectReason.BAD_SIGNATURE, rejected(OrderJson.toJson(new SignedOrder(DOMAIN, l.order(), new byte[65]))).reason());
    }

    @Test
    void aSignatureByAnotherKeyIsTheWrongSigner() {
        Listing terms = listingTerms().build();
        byte[] byOther = AttestationSigner.signDigest(Eip712.digest(DOMAIN, terms), key(2).getEcKeyPair());
        assertEquals(RejectReason.WRONG_SIGNER, rejected(OrderJson.toJson(new SignedOrder(DOMAIN, terms, byOther))).reason());
    }

    @Test
    void anExpiredOrderIsRejectedAsExpired() {
        Listing terms = listingTerms().expiry(NOW - 1).build();
        assertEquals(RejectReason.EXPIRED, rejected(OrderJson.toJson(OrderSigner.sign(DOMAIN, terms, key(1)))).reason());
    }

    @Test
    void anOrderForAnotherChainOrMarketIsRejected() {
        Listing terms = listingTerms().build();
        Eip712Domain mainnet = Eip712Domain.hashMix(1, FakeMarket.MARKET);
        Eip712Domain otherMarket = Eip712Domain.hashMix(FakeMarket.CHAIN_ID, EvmAddress.of("0x00000000000000000000000000000000000000bb"));
        assertEquals(RejectReason.WRONG_CHAIN, rejected(OrderJson.toJson(OrderSigner.sign(mainnet, terms, key(1)))).reason());
        assertEquals(RejectReason.WRONG_MARKET, rejected(OrderJson.toJson(OrderSigner.sign(otherMarket, terms, key(1)))).reason());
    }

    @Test
    void termsTheMarketAlwaysRefusesAreBadTerms() {
        Offer nativeOffer = Offer.builder().buyer(address(2)).tokenId(TokenId.of(1)).units(10).nativeCurrency()
                .pricePerUnit(BigInteger.ONE).expiry(NOW + DAY).build();
        assertEquals(RejectReason.BAD_TERMS, rejected(OrderJson.toJson(OrderSigner.sign(DOMAIN, nativeOffer, key(2)))).reason());
        String zeroUnits = OrderJson.toJson(listing(1, 1, 100, 10, 25, USDC, NOW + DAY)).replaceFirst("\"units\"\\s*:\\s*\"100\"", "\"units\": \"0\"");
        assertEquals(RejectReason.BAD_TERMS, rejected(zeroUnits).reason(), zeroUnits);
    }

    @Test
    void swapOrdersAreNotTakenIntoTheBook() {
        SwapOrder swap = SwapOrder.builder().maker(address(1)).giveTokenId(TokenId.of(1)).giveTokenNonce(0).giveUnits(10)
                .wantTokenId(TokenId.of(2)).wantUnits(20)
                .expiry(NOW + DAY).build();
        assertEquals(RejectReason.UNSUPPORTED_KIND, rejected(OrderJson.toJson(OrderSigner.sign(DOMAIN, swap, key(1)))).reason());
    }

    @Test
    void anOrderTheChainRefusesIsNotFillableWithTheChainsProblems() {
        SignedOrder l = listing(1, 1, 100, 10, 25, USDC, NOW + DAY);
        chain.cancel(l);
        IntakeResult.Rejected r = rejected(OrderJson.toJson(l));
        assertEquals(RejectReason.NOT_FILLABLE, r.reason());
        assertEquals(List.of(FillProblem.CANCELLED), r.problems());

        chain.incrementCounter(address(2));
        IntakeResult.Rejected stale = rejected(OrderJson.toJson(listing(2, 1, 100, 10, 25, USDC, NOW + DAY)));
        assertEquals(List.of(FillProblem.COUNTER_STALE), stale.problems());
        assertTrue(book.orders().isEmpty());
    }

    @Test
    void aChainThatDoesNotAnswerIsReportedAsSuch() {
        chain.down(true);
        assertEquals(RejectReason.CHAIN_UNAVAILABLE, rejected(OrderJson.toJson(listing(1, 1, 100, 10, 25, USDC, NOW + DAY))).reason());
    }

    @Test
    void anOrderForATokenThatDoesNotExistIsNotFillable() {
        IntakeResult.Rejected r = rejected(OrderJson.toJson(listing(1, 77, 100, 10, 25, USDC, NOW + DAY)));
        assertEquals(RejectReason.NOT_FILLABLE, r.reason());
        assertEquals(List.of(FillProblem.TOKEN_GONE), r.problems());
    }
}
