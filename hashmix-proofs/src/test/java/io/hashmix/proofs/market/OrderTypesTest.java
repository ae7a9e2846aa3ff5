package io.hashmix.proofs.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderValidationException.Reason;
import io.hashmix.proofs.vectors.MarketVectors;
import io.hashmix.proofs.vectors.TestKeys;
import io.hashmix.proofs.vectors.Web3jTypedData;

/** The four order structs: pinned type strings, encodings cross-checked with web3j, field rules, builders. */
class OrderTypesTest {

    private static final Listing LISTING = (Listing) MarketVectors.listings().getFirst().order();
    private static final Offer OFFER = (Offer) MarketVectors.offers().getFirst().order();
    private static final CriteriaOffer CRITERIA = (CriteriaOffer) MarketVectors.criteriaOffers().getFirst().order();
    private static final SwapOrder SWAP = (SwapOrder) MarketVectors.swaps().getFirst().order();
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    /** Known answers: keccak-256 of the SPEC section C type strings, computed by an independent implementation. */
    @Test
    void typeStringsAndHashesArePinned() {
        assertPinned(Listing.TYPE_STRING, Listing.TYPE_HASH, "Listing(address seller,uint256 tokenId,uint32 tokenNonce,"
                + "uint256 units,uint256 minFill,address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)",
                "0x62c5f627d5c8772c86c20d7d546d49bfef1d0b15bc7aa72eb8b7d0dc42ec3e29");
        assertPinned(Offer.TYPE_STRING, Offer.TYPE_HASH, "Offer(address buyer,uint256 tokenId,uint256 units,uint256 minFill,"
                + "address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)",
                "0xd9735609ac8b9ede617a83df201d7e26f9f98b123e34b8c4e769ef5e0d8d8b6e");
        assertPinned(CriteriaOffer.TYPE_STRING, CriteriaOffer.TYPE_HASH, "CriteriaOffer(address buyer,bytes32 assetClass,"
                + "address issuer,uint256 units,uint256 minFill,uint64 minRemainingTerm,address currency,uint256 pricePerUnit,"
                + "uint256 counter,uint256 salt,uint64 expiry)",
                "0x75b93f93f7841df1f5881bd40b99662baafc8d370da6bf75829d9dc903262f01");
        assertPinned(SwapOrder.TYPE_STRING, SwapOrder.TYPE_HASH, "SwapOrder(address maker,uint256 giveTokenId,"
                + "uint32 giveTokenNonce,uint256 giveUnits,uint256 wantTokenId,uint256 wantUnits,uint256 counter,"
                + "uint256 salt,uint64 expiry)",
                "0x6e8dc7b4738b7ae771bf0a2dbf5b9503606c5e01c8336579fcad66825c9a44d2");
        assertEquals(SwapOrder.TYPE_STRING, OrderKind.SWAP.typeString());
        assertEquals(SwapOrder.TYPE_HASH, OrderKind.SWAP.typeHash());
    }

    private static void assertPinned(String typeString, Bytes32 typeHash, String expected, String expectedHash) {
        assertEquals(expected, typeString);
        assertEquals(expectedHash, typeHash.toHex());
        assertEquals(expectedHash, org.web3j.utils.Numeric.toHexString(Hash.sha3(expected.getBytes())));
    }

    @Test
    void recordsReportTheirTypeAndKind() {
        List<Order> orders = List.of(LISTING, OFFER, CRITERIA, SWAP);
        List<OrderKind> kinds = List.of(OrderKind.LISTING, OrderKind.OFFER, OrderKind.CRITERIA_OFFER, OrderKind.SWAP);
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            assertEquals(kinds.get(i), o.kind());
            assertEquals(i, o.kind().code());
            assertEquals(Bytes32.keccakUtf8(o.typeString()), o.typeHash());
        }
        assertEquals(LISTING.seller(), LISTING.maker());
        assertEquals(OFFER.buyer(), OFFER.maker());
        assertEquals(CRITERIA.buyer(), CRITERIA.maker());
    }

    @ParameterizedTest
    @EnumSource(OrderKind.class)
    void structHashesAgreeWithWeb3j(OrderKind kind) throws Exception {
        for (MarketVectors.Case c : MarketVectors.cases(kind)) {
            Order o = c.order();
            assertEquals(Web3jTypedData.digest(MarketVectors.DOMAIN, o.typeString(), OrderJson.orderToNode(o)),
                    c.signed().digest(), c.name());
        }
    }

    @Test
    void orderKindCodesAndNames() {
        for (OrderKind k : OrderKind.values()) {
            assertEquals(k, OrderKind.fromCode(k.code()));
            assertEquals(k, OrderKind.fromJsonName(k.jsonName()));
        }
        assertThrows(IllegalArgumentException.class, () -> OrderKind.fromCode(4));
        assertThrows(IllegalArgumentException.class, () -> OrderKind.fromCode(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderKind.fromJsonName("Listing"));
        assertTrue(e.getMessage().contains("criteriaOffer"), e.getMessage());
    }

    @Test
    void everyListingFieldChangesTheStructHash() {
        assertAllDistinct(LISTING.structHash(), List.of(
                LISTING.toBuilder().seller(TestKeys.address(2)).build(),
                LISTING.toBuilder().tokenId(TokenId.of(8)).build(),
                LISTING.toBuilder().tokenNonce(4).build(),
                LISTING.toBuilder().units(1001).build(),
                LISTING.toBuilder().minFill(101).build(),
                LISTING.toBuilder().nativeCurrency().build(),
                LISTING.toBuilder().pricePerUnit(BigInteger.valueOf(25_001)).build(),
                LISTING.toBuilder().counter(1).build(),
                LISTING.toBuilder().salt(BigInteger.ONE).build(),
                LISTING.toBuilder().expiry(LISTING.expiry() + 1).build()));
    }

    @Test
    void everyOfferFieldChangesTheStructHash() {
        assertAllDistinct(OFFER.structHash(), List.of(
                OFFER.toBuilder().buyer(TestKeys.address(1)).build(),
                OFFER.toBuilder().tokenId(TokenId.of(8)).build(),
                OFFER.toBuilder().units(401).build(),
                OFFER.toBuilder().minFill(51).build(),
                OFFER.toBuilder().currency(MarketVectors.WBTC).build(),
                OFFER.toBuilder().pricePerUnit(BigInteger.TEN).build(),
                OFFER.toBuilder().counter(1).build(),
                OFFER.toBuilder().salt(BigInteger.ONE).build(),
                OFFER.toBuilder().expiry(OFFER.expiry() + 1).build()));
    }

    @Test
    void everyCriteriaOfferFieldChangesTheStructHash() {
        assertAllDistinct(CRITERIA.structHash(), List.of(
                CRITERIA.toBuilder().buyer(TestKeys.address(2)).build(),
                CRITERIA.toBuilder().assetClass(AssetClassId.ofSymbol("FIL-STORAGE")).build(),
                CRITERIA.toBuilder().issuer(TestKeys.address(3)).build(),
                CRITERIA.toBuilder().units(5001).build(),
                CRITERIA.toBuilder().minFill(501).build(),
                CRITERIA.toBuilder().minRemainingTerm(CRITERIA.minRemainingTerm() + 1).build(),
                CRITERIA.toBuilder().currency(MarketVectors.USDC).build(),
                CRITERIA.toBuilder().pricePerUnit(BigInteger.TEN).build(),
                CRITERIA.toBuilder().counter(1).build(),
                CRITERIA.toBuilder().salt(BigInteger.ONE).build(),
                CRITERIA.toBuilder().expiry(CRITERIA.expiry() + 1).build()));
    }

    @Test
    void everySwapFieldChangesTheStructHash() {
        assertAllDistinct(SWAP.structHash(), List.of(
                SWAP.toBuilder().maker(TestKeys.address(2)).build(),
                SWAP.toBuilder().giveTokenId(TokenId.of(8)).build(),
                SWAP.toBuilder().giveTokenNonce(4).build(),
                SWAP.toBuilder().giveUnits(SWAP.giveUnits().subtract(BigInteger.ONE)).build(),
                SWAP.toBuilder().wantTokenId(TokenId.of(13)).build(),
                SWAP.toBuilder().wantUnits(SWAP.wantUnits().add(BigInteger.ONE)).build(),
                // the units are distinct words: swapping the two values changes the hash too
                SWAP.toBuilder().giveUnits(SWAP.wantUnits()).wantUnits(SWAP.giveUnits()).build(),
                SWAP.toBuilder().counter(1).build(),
                SWAP.toBuilder().salt(BigInteger.ONE).build(),
                SWAP.toBuilder().expiry(SWAP.expiry() + 1).build()));
    }

    /** The struct hash is {@code keccak256} of exactly ten 32-byte words, in type-string order. */
    @Test
    void swapStructHashEncodesTenWordsInTypeOrder() {
        SwapOrder max = (SwapOrder) MarketVectors.swaps().getLast().order();
        for (SwapOrder s : List.of(SWAP, max)) {
            byte[] encoded = new byte[10 * 32];
            int i = 0;
            List<BigInteger> words = List.of(new BigInteger(1, SwapOrder.TYPE_HASH.value()),
                    new BigInteger(s.maker().hex().substring(2), 16), s.giveTokenId().value(),
                    BigInteger.valueOf(s.giveTokenNonce()), s.giveUnits(), s.wantTokenId().value(), s.wantUnits(),
                    s.counter(), s.salt(), new BigInteger(Long.toUnsignedString(s.expiry())));
            for (BigInteger word : words) {
                byte[] w = org.web3j.utils.Numeric.toBytesPadded(word, 32);
                System.arraycopy(w, 0, encoded, 32 * i++, 32);
            }
            assertEquals(org.web3j.utils.Numeric.toHexString(Hash.sha3(encoded)), s.structHash().toHex());
        }
    }

    @Test
    void swapBuilderTakesUnitsAsLongOrBigInteger() {
        SwapOrder a = SWAP.toBuilder().giveUnits(5).wantUnits(6).build();
        SwapOrder b = SWAP.toBuilder().giveUnits(BigInteger.valueOf(5)).wantUnits(BigInteger.valueOf(6)).build();
        assertEquals(a, b);
        assertEquals(BigInteger.valueOf(5), a.giveUnits());
        assertEquals(BigInteger.valueOf(6), a.wantUnits());
        SwapOrder max = (SwapOrder) MarketVectors.swaps().getLast().order();
        assertEquals(AbiWords.UINT256_MAX, max.giveUnits());
        assertEquals(AbiWords.UINT256_MAX, max.wantUnits());
        assertEquals(max, max.toBuilder().build());
        // equal tokens with other units are a different order
        assertNotEquals(SWAP, SWAP.toBuilder().giveUnits(SWAP.giveUnits().add(BigInteger.ONE)).build());
    }

    private static void assertAllDistinct(Bytes32 base, List<? extends Order> variants) {
        Set<Bytes32> seen = new HashSet<>();
        seen.add(base);
        for (Order v : variants) {
            assertTrue(seen.add(v.structHash()), "struct hash must change: " + v);
        }
    }

    @Test
    void toBuilderCopiesEveryField() {
        assertEquals(LISTING, LISTING.toBuilder().build());
        assertEquals(OFFER, OFFER.toBuilder().build());
        assertEquals(CRITERIA, CRITERIA.toBuilder().build());
        assertEquals(SWAP, SWAP.toBuilder().build());
    }

    @Test
    void buildersDefaultToRandomSaltZeroCounterAllOrNothingAnyIssuer() {
        Supplier<Listing> make = () -> Listing.builder().seller(TestKeys.address(1)).tokenId(TokenId.of(1)).tokenNonce(0)
                .units(10).currency(MarketVectors.WBTC).pricePerUnit(BigInteger.TEN).expiry(Instant.ofEpochSecond(2_000_000_000L))
                .build();
        Listing a = make.get();
        Listing b = make.get();
        assertNotEquals(a.salt(), b.salt(), "salts are random");
        assertTrue(a.salt().bitLength() <= 256 && a.salt().signum() >= 0);
        assertEquals(BigInteger.ZERO, a.counter());
        assertEquals(a.units(), a.minFill(), "minFill defaults to units: all or nothing");
        assertEquals(2_000_000_000L, a.expiry());
        CriteriaOffer c = CriteriaOffer.builder().buyer(TestKeys.address(1)).assetClass(AssetClassId.ofSymbol("BTC-SHA256"))
                .units(5).currency(MarketVectors.WBTC).pricePerUnit(BigInteger.ONE).expiry(1).build();
        assertTrue(c.anyIssuer());
        assertEquals(0, c.minRemainingTerm());
        assertNotEquals(Order.randomSalt(), Order.randomSalt());
    }

    @Test
    void buildersRequireTheirFields() {
        assertField("tokenNonce", () -> Listing.builder().seller(TestKeys.address(1)).tokenId(TokenId.of(1)).units(1)
                .currency(MarketVectors.WBTC).pricePerUnit(BigInteger.ONE).expiry(1).build());
        assertField("seller", () -> LISTING.toBuilder().seller(null).build());
        assertField("tokenId", () -> OFFER.toBuilder().tokenId(null).build());
        assertField("units", () -> OFFER.toBuilder().units(null).build());
        assertField("currency", () -> OFFER.toBuilder().currency(null).build());
        assertField("pricePerUnit", () -> CRITERIA.toBuilder().pricePerUnit(null).build());
        assertField("assetClass", () -> CRITERIA.toBuilder().assetClass(null).build());
        assertField("issuer", () -> CRITERIA.toBuilder().issuer(null).build());
        assertField("giveTokenNonce", () -> SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(1))
                .giveUnits(1).wantTokenId(TokenId.of(2)).wantUnits(1).expiry(1).build());
        assertField("giveUnits", () -> SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(1))
                .giveTokenNonce(0).wantTokenId(TokenId.of(2)).wantUnits(1).expiry(1).build());
        assertField("wantUnits", () -> SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(1))
                .giveTokenNonce(0).giveUnits(1).wantTokenId(TokenId.of(2)).expiry(1).build());
        assertField("giveUnits", () -> SWAP.toBuilder().giveUnits(null).build());
        assertField("wantUnits", () -> SWAP.toBuilder().wantUnits(null).build());
        assertField("giveUnits", () -> new SwapOrder(SWAP.maker(), SWAP.giveTokenId(), SWAP.giveTokenNonce(), null,
                SWAP.wantTokenId(), SWAP.wantUnits(), SWAP.counter(), SWAP.salt(), SWAP.expiry()));
        assertField("wantUnits", () -> new SwapOrder(SWAP.maker(), SWAP.giveTokenId(), SWAP.giveTokenNonce(), SWAP.giveUnits(),
                SWAP.wantTokenId(), null, SWAP.counter(), SWAP.salt(), SWAP.expiry()));
        assertField("wantTokenId", () -> SWAP.toBuilder().wantTokenId(null).build());
        assertField("buyer", () -> OFFER.toBuilder().buyer(EvmAddress.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> LISTING.toBuilder().expiry((Instant) null));
        assertThrows(IllegalArgumentException.class, () -> LISTING.toBuilder().expiry(Instant.ofEpochSecond(-5)));
    }

    @Test
    void rangesAreChecked() {
        assertField("tokenNonce", () -> LISTING.toBuilder().tokenNonce(AbiWords.UINT32_MAX + 1).build());
        assertField("tokenNonce", () -> LISTING.toBuilder().tokenNonce(-1).build());
        assertField("giveTokenNonce", () -> SWAP.toBuilder().giveTokenNonce(1L << 32).build());
        assertField("giveUnits", () -> SWAP.toBuilder().giveUnits(TWO_256).build());
        assertField("giveUnits", () -> SWAP.toBuilder().giveUnits(-1).build());
        assertField("wantUnits", () -> SWAP.toBuilder().wantUnits(TWO_256).build());
        assertField("wantUnits", () -> SWAP.toBuilder().wantUnits(-1).build());
        assertField("units", () -> LISTING.toBuilder().units(TWO_256).build());
        assertField("minFill", () -> LISTING.toBuilder().minFill(-1).build());
        assertField("pricePerUnit", () -> OFFER.toBuilder().pricePerUnit(TWO_256).build());
        assertField("counter", () -> OFFER.toBuilder().counter(-1).build());
        assertField("salt", () -> CRITERIA.toBuilder().salt(TWO_256).build());
        // the extremes themselves are fine
        LISTING.toBuilder().tokenNonce(AbiWords.UINT32_MAX).units(AbiWords.UINT256_MAX).counter(AbiWords.UINT256_MAX)
                .salt(AbiWords.UINT256_MAX).expiry(-1L).build();
        SWAP.toBuilder().giveUnits(AbiWords.UINT256_MAX).wantUnits(AbiWords.UINT256_MAX).build();
        SWAP.toBuilder().giveUnits(1).wantUnits(1).build();
    }

    @Test
    void marketRulesAreTypedFailures() {
        assertRule(Reason.ZERO_UNITS, "units", () -> LISTING.toBuilder().units(0).minFill(0).build());
        assertRule(Reason.ZERO_UNITS, "units", () -> OFFER.toBuilder().units(0).minFill(0).build());
        assertRule(Reason.MIN_FILL_ABOVE_UNITS, "minFill", () -> CRITERIA.toBuilder().minFill(CRITERIA.units().add(BigInteger.ONE)).build());
        assertRule(Reason.ZERO_PRICE, "pricePerUnit", () -> LISTING.toBuilder().pricePerUnit(BigInteger.ZERO).build());
        assertRule(Reason.ZERO_EXPIRY, "expiry", () -> OFFER.toBuilder().expiry(0).build());
        assertRule(Reason.ZERO_EXPIRY, "expiry", () -> SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(1))
                .giveTokenNonce(0).giveUnits(1).wantTokenId(TokenId.of(2)).wantUnits(1).build());
        assertRule(Reason.ZERO_UNITS, "giveUnits", () -> SWAP.toBuilder().giveUnits(0).build());
        assertRule(Reason.ZERO_UNITS, "wantUnits", () -> SWAP.toBuilder().wantUnits(BigInteger.ZERO).build());
        assertRule(Reason.ZERO_UNITS, "giveUnits", () -> SWAP.toBuilder().giveUnits(0).wantUnits(0).build());
        assertRule(Reason.ZERO_UNITS, "wantUnits", () -> new SwapOrder(SWAP.maker(), SWAP.giveTokenId(), SWAP.giveTokenNonce(),
                SWAP.giveUnits(), SWAP.wantTokenId(), BigInteger.ZERO, SWAP.counter(), SWAP.salt(), SWAP.expiry()));
        assertRule(Reason.SAME_TOKEN, "wantTokenId", () -> SWAP.toBuilder().wantTokenId(SWAP.giveTokenId()).build());
        // minFill == units and minFill == 0 are both allowed
        LISTING.toBuilder().minFill(LISTING.units()).build();
        LISTING.toBuilder().minFill(0).build();
    }

    @Test
    void paymentIsPriceTimesUnitsExactly() {
        assertEquals(BigInteger.valueOf(25_000L * 100), LISTING.payment(BigInteger.valueOf(100)));
        assertEquals(BigInteger.valueOf(25_000L * 1000), LISTING.payment(LISTING.units()));
        assertThrows(IllegalArgumentException.class, () -> LISTING.payment(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LISTING.payment(LISTING.units().add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> LISTING.payment(null));
        Listing max = (Listing) MarketVectors.listings().getLast().order();
        assertEquals(AbiWords.UINT256_MAX, max.payment(BigInteger.ONE));
        assertThrows(ArithmeticException.class, () -> max.payment(BigInteger.TWO));
        assertFalse(LISTING.isNative());
        assertTrue(LISTING.toBuilder().nativeCurrency().build().isNative());
    }

    @Test
    void expiryIsInclusive() {
        assertFalse(LISTING.isExpiredAt(LISTING.expiry()));
        assertTrue(LISTING.isExpiredAt(LISTING.expiry() + 1));
        Order never = MarketVectors.swaps().getLast().order();
        assertFalse(never.isExpiredAt(Long.MAX_VALUE), "uint64 max never expires");
    }

    private static void assertField(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), field + ": " + e.getMessage());
    }

    private static void assertRule(Reason reason, String field, Executable call) {
        OrderValidationException e = assertThrows(OrderValidationException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(field, e.field().orElseThrow());
        assertTrue(e.getMessage().startsWith(reason.name()) && e.getMessage().contains(field), e.getMessage());
    }
}
