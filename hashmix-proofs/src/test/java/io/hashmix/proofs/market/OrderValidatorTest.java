package io.hashmix.proofs.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hashmix.HashMixException;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.SignatureRules;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.OrderValidationException.Reason;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.MarketVectors;
import io.hashmix.proofs.vectors.TestKeys;

/** One test per rejection reason, plus the orders that pass. */
class OrderValidatorTest {

    private static final Clock JAN_2025 = clockAt(Fixtures.JAN_2025);
    private static final OrderValidator VALIDATOR = new OrderValidator(MarketVectors.DOMAIN, JAN_2025);
    private static final MarketVectors.Case LISTING = MarketVectors.listings().getFirst();
    private static final MarketVectors.Case OFFER = MarketVectors.offers().getFirst();
    private static final MarketVectors.Case CRITERIA = MarketVectors.criteriaOffers().getFirst();

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static OrderValidationException rejects(Reason reason, Executable call) {
        OrderValidationException e = assertThrows(OrderValidationException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason.name()), e.getMessage());
        return e;
    }

    private static SignedOrder signedWith(SignedOrder s, byte[] signature) {
        return new SignedOrder(s.domain(), s.order(), signature);
    }

    @ParameterizedTest
    @EnumSource(OrderKind.class)
    void acceptsWellFormedOrdersOfEveryKind(OrderKind kind) {
        for (MarketVectors.Case c : MarketVectors.cases(kind)) {
            if (!c.name().equals("max-values")) {
                SignedOrder s = c.signed();
                assertSame(s, VALIDATOR.validate(s), c.name());
                assertEquals(s, VALIDATOR.validateJson(OrderJson.toJson(s)));
            }
        }
    }

    @Test
    void nativeListingsPass() {
        SignedOrder s = MarketVectors.listings().get(1).signed();
        assertTrue(((Listing) s.order()).isNative());
        VALIDATOR.validate(s);
    }

    @Test
    void badSignature() {
        SignedOrder s = LISTING.signed();
        byte[] highS = s.signature();
        BigInteger sValue = new BigInteger(1, Arrays.copyOfRange(highS, 32, 64));
        byte[] flipped = SignatureRules.CURVE_N.subtract(sValue).toByteArray();
        int len = Math.min(32, flipped.length);
        Arrays.fill(highS, 32, 64, (byte) 0);
        System.arraycopy(flipped, flipped.length - len, highS, 64 - len, len);
        highS[64] = (byte) (highS[64] == 27 ? 28 : 27);
        OrderValidationException e = rejects(Reason.BAD_SIGNATURE, () -> VALIDATOR.validate(signedWith(s, highS)));
        assertTrue(e.getMessage().contains("high s"), e.getMessage());
        byte[] badV = s.signature();
        badV[64] = 1;
        rejects(Reason.BAD_SIGNATURE, () -> VALIDATOR.validate(signedWith(s, badV)));
        rejects(Reason.BAD_SIGNATURE, () -> VALIDATOR.validate(signedWith(s, Arrays.copyOf(s.signature(), 64))));
        rejects(Reason.BAD_SIGNATURE, () -> VALIDATOR.validate(signedWith(s, new byte[] {1, 2, 3})));
        byte[] zeroR = s.signature();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        rejects(Reason.BAD_SIGNATURE, () -> VALIDATOR.validate(signedWith(s, zeroR)));
    }

    @Test
    void wrongSigner() {
        SignedOrder s = LISTING.signed();
        byte[] byOther = AttestationSigner.signDigest(s.digest(), TestKeys.key(5));
        OrderValidationException e = rejects(Reason.WRONG_SIGNER, () -> VALIDATOR.validate(signedWith(s, byOther)));
        assertTrue(e.getMessage().contains(TestKeys.address(5).toChecksumHex()), e.getMessage());
        // a signature over another order by the right key recovers to some unrelated address
        byte[] otherOrder = OFFER.signed().signature();
        rejects(Reason.WRONG_SIGNER, () -> VALIDATOR.validate(signedWith(s, otherOrder)));
    }

    @Test
    void expired() {
        SignedOrder s = LISTING.signed();
        new OrderValidator(MarketVectors.DOMAIN, clockAt(s.order().expiry())).validate(s);
        OrderValidationException e = rejects(Reason.EXPIRED,
                () -> new OrderValidator(MarketVectors.DOMAIN, clockAt(s.order().expiry() + 1)).validate(s));
        assertEquals("expiry", e.field().orElseThrow());
    }

    @Test
    void wrongChainContractOrDomain() {
        SignedOrder s = LISTING.signed();
        rejects(Reason.WRONG_CHAIN, () -> new OrderValidator(Eip712Domain.hashMix(1, MarketVectors.MARKET), JAN_2025).validate(s));
        rejects(Reason.WRONG_CONTRACT, () -> OrderValidator.forMarket(Fixtures.CHAIN_ID, Fixtures.TOKEN_CONTRACT, JAN_2025).validate(s));
        rejects(Reason.WRONG_DOMAIN, () -> new OrderValidator(new Eip712Domain("HashMix", "2", Fixtures.CHAIN_ID,
                MarketVectors.MARKET), JAN_2025).validate(s));
        // re-signed under the other chain, it passes there and fails here
        Eip712Domain mainnet = Eip712Domain.hashMix(1, MarketVectors.MARKET);
        SignedOrder onMainnet = OrderSigner.sign(mainnet, s.order(), TestKeys.key(LISTING.key()));
        new OrderValidator(mainnet, JAN_2025).validate(onMainnet);
        rejects(Reason.WRONG_CHAIN, () -> VALIDATOR.validate(onMainnet));
        assertEquals(MarketVectors.DOMAIN, VALIDATOR.expectedDomain());
    }

    @Test
    void nativeNotAllowedInOffers() {
        Order nativeOffer = ((Offer) OFFER.order()).toBuilder().nativeCurrency().build();
        SignedOrder s = OrderSigner.sign(MarketVectors.DOMAIN, nativeOffer, TestKeys.key(OFFER.key()));
        OrderValidationException e = rejects(Reason.NATIVE_NOT_ALLOWED, () -> VALIDATOR.validate(s));
        assertEquals("currency", e.field().orElseThrow());
        Order nativeCriteria = ((CriteriaOffer) CRITERIA.order()).toBuilder().nativeCurrency().build();
        rejects(Reason.NATIVE_NOT_ALLOWED, () -> OrderValidator.checkTerms(nativeCriteria));
    }

    @Test
    void priceOverflow() {
        Listing base = (Listing) LISTING.order();
        BigInteger units = BigInteger.valueOf(1000);
        BigInteger fits = AbiWords.UINT256_MAX.divide(units);
        OrderValidator.checkTerms(base.toBuilder().pricePerUnit(fits).build());
        Listing over = base.toBuilder().pricePerUnit(fits.add(BigInteger.ONE)).build();
        rejects(Reason.PRICE_OVERFLOW, () -> OrderValidator.checkTerms(over));
        SignedOrder s = OrderSigner.sign(MarketVectors.DOMAIN, over, TestKeys.key(LISTING.key()));
        rejects(Reason.PRICE_OVERFLOW, () -> VALIDATOR.validate(s));
        OrderValidator.checkTerms(MarketVectors.swaps().getLast().order()); // swaps have no price
    }

    @Test
    void fieldRulesSurfaceFromJson() {
        String json = OrderJson.toJson(LISTING.signed());
        OrderValidationException e = rejects(Reason.ZERO_UNITS, () -> VALIDATOR.validateJson(
                json.replace("\"units\": \"1000\"", "\"units\": \"0\"").replace("\"minFill\": \"100\"", "\"minFill\": \"0\"")));
        assertEquals("units", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("$.order.units"), e.getMessage());
        rejects(Reason.MIN_FILL_ABOVE_UNITS, () -> VALIDATOR.validateJson(json.replace("\"minFill\": \"100\"", "\"minFill\": \"1001\"")));
        rejects(Reason.ZERO_PRICE, () -> VALIDATOR.validateJson(json.replace("\"pricePerUnit\": \"25000\"", "\"pricePerUnit\": \"0\"")));
        rejects(Reason.ZERO_EXPIRY, () -> VALIDATOR.validateJson(json.replace("\"expiry\": \"1738281600\"", "\"expiry\": \"0\"")));
        String swap = OrderJson.toJson(MarketVectors.swaps().getFirst().signed());
        rejects(Reason.SAME_TOKEN, () -> VALIDATOR.validateJson(swap.replace("\"wantTokenId\": \"12\"", "\"wantTokenId\": \"7\"")));
        OrderValidationException give = rejects(Reason.ZERO_UNITS,
                () -> VALIDATOR.validateJson(swap.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"0\"")));
        assertEquals("giveUnits", give.field().orElseThrow());
        assertTrue(give.getMessage().contains("$.order.giveUnits"), give.getMessage());
        OrderValidationException want = rejects(Reason.ZERO_UNITS,
                () -> VALIDATOR.validateJson(swap.replace("\"wantUnits\": \"250\"", "\"wantUnits\": \"0\"")));
        assertEquals("wantUnits", want.field().orElseThrow());
        assertTrue(want.getMessage().contains("$.order.wantUnits"), want.getMessage());
        // a malformed units field is not a market rule
        OrderValidationException bad = rejects(Reason.MALFORMED,
                () -> VALIDATOR.validateJson(swap.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": 1000")));
        assertInstanceOf(ProofJsonException.class, bad.getCause());
        assertEquals("$.order.giveUnits", ((ProofJsonException) bad.getCause()).path());
        // both sides' units are signed: shrinking either after signing is caught as an edit (the JSON
        // carries the signed digest) and, without the digest, breaks the signature
        OrderValidationException edited = rejects(Reason.ORDER_CHANGED,
                () -> VALIDATOR.validateJson(swap.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"900\"")));
        assertTrue(edited.getMessage().contains("changed after the maker signed it"), edited.getMessage());
        String withoutDigest = swap.replaceAll(",\\s*\"digest\"\\s*:\\s*\"0x[0-9a-f]{64}\"", "");
        assertTrue(!withoutDigest.contains("digest"), withoutDigest);
        rejects(Reason.WRONG_SIGNER, () -> VALIDATOR.validateJson(withoutDigest.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"900\"")));
        // ORDER_CHANGED needs the maker's signature over the recorded digest: edit the order and forge the
        // recorded digest, and it is a wrong signer again
        SignedOrder original = MarketVectors.swaps().getFirst().signed();
        String forged = swap.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"900\"")
                .replace(original.signedDigest().toHex(), "0x" + "ab".repeat(32));
        rejects(Reason.WRONG_SIGNER, () -> VALIDATOR.validateJson(forged));
        // a corrupted recorded digest alone does not spoil an order validly signed as it stands
        assertEquals(original.order(), VALIDATOR.validateJson(OrderJson.toJson(original).replace(
                original.signedDigest().toHex(), "0x" + "ab".repeat(32))).order());
        rejects(Reason.ORDER_CHANGED, () -> VALIDATOR.validateJson(swap.replace("\"wantUnits\": \"250\"", "\"wantUnits\": \"249\"")));
        // a field changed after signing: the JSON parses, and the edit is named as such
        rejects(Reason.ORDER_CHANGED, () -> VALIDATOR.validateJson(json.replace("\"minFill\": \"100\"", "\"minFill\": \"99\"")));
    }

    @Test
    void malformed() {
        OrderValidationException e = rejects(Reason.MALFORMED, () -> VALIDATOR.validateJson("{"));
        assertInstanceOf(ProofJsonException.class, e.getCause());
        rejects(Reason.MALFORMED, () -> VALIDATOR.validateJson(null));
        rejects(Reason.MALFORMED, () -> VALIDATOR.validate(null));
        rejects(Reason.MALFORMED, () -> OrderValidator.checkTerms(null));
    }

    @Test
    void constructorRejectsNulls() {
        assertThrows(IllegalArgumentException.class, () -> new OrderValidator(null, JAN_2025));
        assertThrows(IllegalArgumentException.class, () -> new OrderValidator(MarketVectors.DOMAIN, null));
        assertThrows(IllegalArgumentException.class, () -> new OrderValidator(MarketVectors.DOMAIN, JAN_2025, null));
        new OrderValidator(MarketVectors.DOMAIN, JAN_2025, CryptoBackends.pureJava()).validate(LISTING.signed());
    }

    @Test
    void validationExceptionCarriesReasonAndField() {
        OrderValidationException e = new OrderValidationException(Reason.EXPIRED, null, "x");
        assertTrue(e.field().isEmpty());
        assertInstanceOf(HashMixException.class, e); // one root for every SDK error
        assertEquals(Reason.EXPIRED, e.reason());
    }
}
