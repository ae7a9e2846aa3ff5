package io.hashmix.proofs.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.HashMixException;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.lending.LoanOrderValidationException.Reason;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.LendingVectors;
import io.hashmix.proofs.vectors.MarketVectors;
import io.hashmix.proofs.vectors.TestKeys;

/** Loan orders: builders, the lending rules their records enforce, JSON round trips and strict parsing, signing
 * and offline validation. */
class LoanOrderTest {

    private static final Clock BEFORE = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC);

    private static LoanOffer.Builder offer() {
        return LoanOffer.builder().lender(TestKeys.address(1)).tokenId(TokenId.of(7)).tokenNonce(3).units(1000)
                .currency(MarketVectors.WBTC).principal(BigInteger.valueOf(10_000_000)).aprBps(1_000).duration(86_400)
                .expiry(Fixtures.JAN_2025 + 86_400);
    }

    @Test
    void builderDefaultsTheCapToPrincipalPlusTheWholeInterest() {
        LoanOffer o = offer().build();
        assertEquals(BigInteger.valueOf(10_000_000).add(LoanMath.interestFor(BigInteger.valueOf(10_000_000), 1_000, 86_400)),
                o.maxRepayment());
        assertEquals(BigInteger.ZERO, o.counter());
        assertNotEquals(o.salt(), offer().build().salt(), "random salts");
        assertEquals(o, o.toBuilder().build());
        BorrowRequest r = BorrowRequest.builder().borrower(TestKeys.address(2)).tokenId(TokenId.of(1)).units(1)
                .currency(MarketVectors.WBTC).principal(BigInteger.TEN).duration(java.time.Duration.ofDays(1))
                .expiry(Instant.ofEpochSecond(Fixtures.JAN_2026)).build();
        assertEquals(BigInteger.TEN, r.maxRepayment(), "a zero rate costs nothing");
        assertEquals(r, r.toBuilder().build());
        assertEquals(TestKeys.address(2), r.maker());
        CollectionOffer c = LendingVectors.collectionOffers().getFirst().order() instanceof CollectionOffer co ? co : null;
        assertEquals(c, c.toBuilder().build());
        assertTrue(c.anyIssuer());
        assertEquals(LoanOrderKind.COLLECTION_OFFER, c.kind());
    }

    @Test
    void minCreditScoreDefaultsToNoneAndIsSigned() {
        LoanOffer none = offer().salt(BigInteger.ONE).build();
        assertEquals(0, none.minCreditScore());
        LoanOffer floor = none.toBuilder().minCreditScore(650).build();
        assertEquals(650, floor.minCreditScore());
        assertEquals(floor, floor.toBuilder().build());
        assertNotEquals(none.structHash(), floor.structHash(), "the minimum is part of the signed struct");
        assertEquals(1_000, offer().minCreditScore(1_000).build().minCreditScore(), "the highest score is allowed");
        CollectionOffer c = (CollectionOffer) LendingVectors.collectionOffers().getFirst().order();
        assertEquals(0, c.minCreditScore());
        CollectionOffer cFloor = c.toBuilder().minCreditScore(300).build();
        assertEquals(300, cFloor.minCreditScore());
        assertEquals(cFloor, cFloor.toBuilder().build());
        assertNotEquals(c.structHash(), cFloor.structHash());
        assertTrue(LoanOffer.TYPE_STRING.contains("uint64 duration,uint16 minCreditScore,uint256 counter"));
        assertTrue(CollectionOffer.TYPE_STRING.contains("uint64 duration,uint16 minCreditScore,uint256 counter"));
        assertFalse(BorrowRequest.TYPE_STRING.contains("minCreditScore"), "a borrower asks no score of itself");
    }

    @Test
    void minCreditScoreAboveTheHighestScoreIsRefused() {
        rejects(Reason.MIN_CREDIT_SCORE_TOO_HIGH, "minCreditScore", b -> b.minCreditScore(1_001));
        rejects(Reason.MIN_CREDIT_SCORE_TOO_HIGH, "minCreditScore", b -> b.minCreditScore(65_535));
        assertThrows(IllegalArgumentException.class, () -> offer().minCreditScore(-1).build());
        assertThrows(IllegalArgumentException.class, () -> offer().minCreditScore(65_536).build());
        CollectionOffer.Builder c = ((CollectionOffer) LendingVectors.collectionOffers().getFirst().order()).toBuilder();
        LoanOrderValidationException e = assertThrows(LoanOrderValidationException.class,
                () -> c.minCreditScore(1_001).build());
        assertEquals(Reason.MIN_CREDIT_SCORE_TOO_HIGH, e.reason());
        assertEquals("minCreditScore", e.field().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> c.minCreditScore(-1).build());
    }

    @Test
    void jsonRequiresMinCreditScoreOnOffers() {
        String offer = LoanOrderJson.toJson(LendingVectors.loanOffers().getFirst().signed());
        assertTrue(offer.contains("\"minCreditScore\": \"0\""), offer);
        // an offer written before the field existed is another EIP-712 type: refused, never defaulted
        assertPath("$.order.minCreditScore", offer.replace("\"minCreditScore\": \"0\",", ""));
        assertPath("$.order.minCreditScore", offer.replace("\"minCreditScore\": \"0\"", "\"minCreditScore\": \"1001\""));
        assertPath("$.order.minCreditScore", offer.replace("\"minCreditScore\": \"0\"", "\"minCreditScore\": \"65536\""));
        assertPath("$.order.minCreditScore", offer.replace("\"minCreditScore\": \"0\"", "\"minCreditScore\": -1"));
        assertPath("$.order.minCreditScore", offer.replace("\"minCreditScore\": \"0\"", "\"minCreditScore\": null"));
        LoanOffer o = (LoanOffer) LoanOrderJson.fromJson(offer.replace("\"minCreditScore\": \"0\"",
                "\"minCreditScore\": 700")).order();
        assertEquals(700, o.minCreditScore(), "a JSON integer is accepted on input, as for the other small uints");
        String collection = LoanOrderJson.toJson(LendingVectors.collectionOffers().getFirst().signed());
        assertPath("$.order.minCreditScore", collection.replace("\"minCreditScore\": \"0\",", ""));
        String request = LoanOrderJson.toJson(LendingVectors.borrowRequests().getFirst().signed());
        assertFalse(request.contains("minCreditScore"));
        assertPath("$.order.minCreditScore", request.replace("\"counter\":", "\"minCreditScore\": \"0\", \"counter\":"));
    }

    private static void rejects(Reason reason, String field, Consumer<LoanOffer.Builder> change) {
        LoanOffer.Builder b = offer();
        change.accept(b);
        LoanOrderValidationException e = assertThrows(LoanOrderValidationException.class, b::build);
        assertEquals(reason, e.reason());
        assertEquals(field, e.field().orElse(null));
    }

    @Test
    void recordsRefuseWhatTheContractRefuses() {
        rejects(Reason.ZERO_PRINCIPAL, "principal", b -> b.principal(BigInteger.ZERO));
        rejects(Reason.ZERO_DURATION, "duration", b -> b.duration(0));
        rejects(Reason.ZERO_UNITS, "units", b -> b.units(0));
        rejects(Reason.ZERO_EXPIRY, "expiry", b -> b.expiry(0));
        rejects(Reason.MAX_REPAYMENT_BELOW_PRINCIPAL, "maxRepayment", b -> b.maxRepayment(BigInteger.ONE));
        rejects(Reason.APR_TOO_HIGH, "aprBps", b -> b.aprBps(LoanMath.MAX_APR_BPS + 1));
        rejects(Reason.NATIVE_NOT_ALLOWED, "currency", b -> b.currency(EvmAddress.ZERO));
        assertThrows(IllegalArgumentException.class, () -> offer().lender(EvmAddress.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> offer().tokenNonce(-1).build());
        assertThrows(IllegalArgumentException.class, () -> offer().tokenId(null).build());
        assertThrows(IllegalArgumentException.class, () -> offer().expiry(Instant.ofEpochSecond(-5)));
        LoanOrderValidationException e = assertThrows(LoanOrderValidationException.class, () -> CollectionOffer.builder()
                .lender(TestKeys.address(1)).assetClass(io.hashmix.proofs.asset.AssetClassId.ofSymbol("BTC-SHA256"))
                .maxLtvBps(5_000).totalPrincipal(BigInteger.ZERO).currency(MarketVectors.WBTC).duration(1).expiry(1).build());
        assertEquals(Reason.ZERO_PRINCIPAL, e.reason());
        assertEquals("totalPrincipal", e.field().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(LoanOrderKind.class)
    void roundTripsEveryKindExactly(LoanOrderKind kind) {
        for (LendingVectors.Case c : LendingVectors.cases(kind)) {
            SignedLoanOrder s = c.signed();
            String json = LoanOrderJson.toJson(s);
            SignedLoanOrder back = LoanOrderJson.fromJson(json);
            assertEquals(s, back, c.name());
            assertEquals(s.hashCode(), back.hashCode());
            assertEquals(s.digest(), back.digest());
            assertEquals(json, LoanOrderJson.toJson(back), "stable output");
            assertEquals(List.copyOf(JsonFields.memberNames(kind.typeString())), names(LoanOrderJson.orderToNode(c.order())));
            assertEquals(kind, LoanOrderKind.fromJsonName(kind.jsonName()));
            assertEquals(kind, LoanOrderKind.fromCode(kind.code()));
            assertTrue(s.toString().contains(s.signatureHex()));
        }
    }

    private static List<String> names(ObjectNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void malformedJsonFailsNamingItsPath() {
        String json = LoanOrderJson.toJson(LendingVectors.loanOffers().getFirst().signed());
        assertPath("$.order.principal", json.replace("\"principal\": \"10000000\"", "\"principal\": \"0\""));
        assertPath("$.order.unknown", json.replace("\"lender\":", "\"unknown\" : 1, \"lender\":"));
        assertPath("$.kind", json.replace("\"loanOffer\"", "\"mortgage\""));
        assertPath("$.order.tokenNonce", json.replace("\"tokenNonce\": \"3\"", "\"tokenNonce\": \"4294967296\""));
        assertPath("$.signature", json.replaceFirst("\"signature\": \"0x[0-9a-f]+\"", "\"signature\": \"0x\""));
        assertThrows(IllegalArgumentException.class, () -> LoanOrderJson.orderFromNode(null, JsonFields.newObject(), "$"));
        assertThrows(IllegalArgumentException.class, () -> LoanOrderJson.toNode(null));
        assertThrows(IllegalArgumentException.class, () -> LoanOrderJson.orderToNode(null));
        assertThrows(IllegalArgumentException.class, () -> LoanOrderKind.fromCode(3));
    }

    private static void assertPath(String path, String json) {
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> LoanOrderJson.fromJson(json));
        assertTrue(e.getMessage().contains(path), e.getMessage() + " should name " + path);
    }

    @Test
    void signerRefusesAnotherMakersKey() {
        LoanOffer o = offer().build();
        assertThrows(IllegalArgumentException.class, () -> LoanOrderSigner.sign(LendingVectors.DOMAIN, o, TestKeys.key(2)));
        assertThrows(IllegalArgumentException.class, () -> LoanOrderSigner.sign(LendingVectors.DOMAIN, o,
                (org.web3j.crypto.Credentials) null));
        SignedLoanOrder s = LoanOrderSigner.sign(LendingVectors.DOMAIN, o,
                org.web3j.crypto.Credentials.create(TestKeys.key(1)));
        assertEquals(TestKeys.address(1), s.signer());
        assertThrows(IllegalArgumentException.class, () -> new SignedLoanOrder(LendingVectors.DOMAIN, o, new byte[0]));
        byte[] sig = s.signature();
        sig[0] ^= 1;
        assertFalse(java.util.Arrays.equals(sig, s.signature()), "defensive copies");
    }

    @Test
    void validatorChecksDomainExpiryAndSignature() {
        LoanOrderValidator v = LoanOrderValidator.forLending(Fixtures.CHAIN_ID, LendingVectors.LENDING, BEFORE);
        SignedLoanOrder good = LoanOrderSigner.sign(LendingVectors.DOMAIN, offer().build(), TestKeys.key(1));
        assertEquals(good, v.validate(good));
        assertEquals(good, v.validateJson(LoanOrderJson.toJson(good)));
        assertEquals(LendingVectors.DOMAIN, v.expectedDomain());
        assertReason(Reason.WRONG_CHAIN, v, LoanOrderSigner.sign(Eip712Domain.hashMix(1, LendingVectors.LENDING),
                offer().build(), TestKeys.key(1)));
        assertReason(Reason.WRONG_CONTRACT, v, LoanOrderSigner.sign(Eip712Domain.hashMix(Fixtures.CHAIN_ID,
                MarketVectors.MARKET), offer().build(), TestKeys.key(1)));
        assertReason(Reason.EXPIRED, new LoanOrderValidator(LendingVectors.DOMAIN,
                Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2026), ZoneOffset.UTC)), good);
        byte[] bad = new byte[65];
        bad[64] = 27;
        assertReason(Reason.BAD_SIGNATURE, v, new SignedLoanOrder(LendingVectors.DOMAIN, good.order(), bad));
        SignedLoanOrder other = LoanOrderSigner.sign(LendingVectors.DOMAIN, offer().lender(TestKeys.address(2)).build(),
                TestKeys.key(2));
        assertReason(Reason.WRONG_SIGNER, v, new SignedLoanOrder(LendingVectors.DOMAIN, good.order(), other.signature()));
        LoanOrderValidationException e = assertThrows(LoanOrderValidationException.class, () -> v.validateJson("{"));
        assertEquals(Reason.MALFORMED, e.reason());
        e = assertThrows(LoanOrderValidationException.class, () -> v.validateJson(LoanOrderJson.toJson(good)
                .replace("\"duration\": \"86400\"", "\"duration\": \"0\"")));
        assertEquals(Reason.ZERO_DURATION, e.reason());
        assertEquals(Reason.MALFORMED, assertThrows(LoanOrderValidationException.class, () -> v.validate(null)).reason());
        assertInstanceOf(HashMixException.class, e); // one root for every SDK error
    }

    private static void assertReason(Reason reason, LoanOrderValidator v, SignedLoanOrder s) {
        assertEquals(reason, assertThrows(LoanOrderValidationException.class, () -> v.validate(s)).reason());
    }
}
