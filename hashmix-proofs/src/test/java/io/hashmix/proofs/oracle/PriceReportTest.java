package io.hashmix.proofs.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.oracle.PriceReportException.Reason;
import io.hashmix.proofs.vectors.SwapVectors;
import io.hashmix.proofs.vectors.TestKeys;

class PriceReportTest {

    private static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    private static final BigInteger HP = BigInteger.valueOf(50_000_000_000L);
    private static final BigInteger PP = new BigInteger("1000000000000000");
    private static final long T = SwapVectors.OBSERVED_AT;
    private static final Set<EvmAddress> COMMITTEE = TestKeys.all().stream()
            .map(k -> io.hashmix.proofs.crypto.CryptoBackends.best().addressOf(k)).collect(Collectors.toSet());

    private static PriceReport report(int... keys) {
        PriceReport.Builder b = PriceReport.builder(SwapVectors.DOMAIN, BTC, T, T + 3_600, 5);
        for (int k : keys) {
            b.observe(TestKeys.key(k), HP.add(BigInteger.valueOf(k)), PP);
        }
        return b.build();
    }

    private static Reason reason(Runnable r) {
        return assertThrows(PriceReportException.class, r::run).reason();
    }

    @Test
    void typeStringIsPinned() {
        assertEquals("PriceObservation(bytes32 assetClass,uint256 hashprice,uint256 payoutPrice,uint64 observedAt,"
                + "uint64 deadline,uint64 committeeEpoch)", PriceObservation.TYPE_STRING);
        assertEquals(Bytes32.keccakUtf8(PriceObservation.TYPE_STRING), PriceObservation.TYPE_HASH);
    }

    @Test
    void lowerMedian() {
        assertEquals(BigInteger.TWO, PriceRules.median(List.of(BigInteger.valueOf(3), BigInteger.ONE, BigInteger.TWO)));
        assertEquals(BigInteger.TWO, PriceRules.median(List.of(BigInteger.valueOf(4), BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(3))));
        assertEquals(BigInteger.TEN, PriceRules.median(List.of(BigInteger.TEN)));
        assertThrows(IllegalArgumentException.class, () -> PriceRules.median(List.of()));
    }

    @Test
    void manipulatedMinorityCannotMoveTheMedian() {
        BigInteger bad = HP.multiply(BigInteger.valueOf(1000));
        assertEquals(HP, PriceRules.median(List.of(bad, HP, bad, HP.subtract(BigInteger.ONE), HP.add(BigInteger.ONE)))
                .subtract(BigInteger.ONE));
    }

    @Test
    void moveBoundAndHeartbeat() {
        BigInteger p = BigInteger.valueOf(10_000);
        assertFalse(PriceRules.movedTooFar(p, BigInteger.valueOf(12_000), 2_000));
        assertTrue(PriceRules.movedTooFar(p, BigInteger.valueOf(12_001), 2_000));
        assertFalse(PriceRules.movedTooFar(p, BigInteger.valueOf(8_000), 2_000));
        assertTrue(PriceRules.movedTooFar(p, BigInteger.valueOf(7_999), 2_000));
        assertTrue(PriceRules.isFresh(100, 50, 150));
        assertFalse(PriceRules.isFresh(100, 50, 151));
        assertFalse(PriceRules.isFresh(0, 50, 10));
    }

    @Test
    void tripPrediction() {
        PriceReport r = report(1, 2, 3); // median HP + 2
        assertFalse(PriceRules.trips(r, BigInteger.ZERO, BigInteger.ZERO, 1), "a first report never trips");
        assertFalse(PriceRules.trips(r, HP, PP, 1));
        assertTrue(PriceRules.trips(r, HP.divide(BigInteger.TWO), PP, 2_000));
        assertTrue(PriceRules.trips(r, HP, PP.multiply(BigInteger.TWO), 2_000));
    }

    @Test
    void aValidReportPassesTheOfflineChecks() {
        PriceReport r = report(3, 1, 2);
        PriceRules.check(r, SwapVectors.DOMAIN, T + 10, T - 1, 5, 3, COMMITTEE);
        assertEquals(HP.add(BigInteger.TWO), r.medianHashprice());
        assertEquals(PP, r.medianPayoutPrice());
    }

    @Test
    void offlineChecksRefuseWhatTheOracleRefuses() {
        PriceReport r = report(1, 2, 3);
        assertEquals(Reason.EXPIRED, reason(() -> PriceRules.check(r, SwapVectors.DOMAIN, T + 3_601, 0, 5, 3, COMMITTEE)));
        assertEquals(Reason.IN_FUTURE, reason(() -> PriceRules.check(r, SwapVectors.DOMAIN, T - 1, 0, 5, 3, COMMITTEE)));
        assertEquals(Reason.NOT_NEWER, reason(() -> PriceRules.check(r, SwapVectors.DOMAIN, T, T, 5, 3, COMMITTEE)));
        assertEquals(Reason.WRONG_COMMITTEE_EPOCH,
                reason(() -> PriceRules.check(r, SwapVectors.DOMAIN, T, 0, 6, 3, COMMITTEE)));
        assertEquals(Reason.TOO_FEW_OBSERVATIONS,
                reason(() -> PriceRules.check(report(1, 2), SwapVectors.DOMAIN, T, 0, 5, 3, COMMITTEE)));
        assertEquals(Reason.NOT_AN_OBSERVER, reason(() -> PriceRules.check(r, SwapVectors.DOMAIN, T, 0, 5, 3,
                Set.of(r.observations().get(0).observer()))));
        // duplicated observer
        List<PriceReport.Observation> dup = new ArrayList<>(r.observations());
        dup.set(1, dup.get(0));
        PriceReport duplicated = new PriceReport(BTC, T, T + 3_600, 5, dup);
        assertEquals(Reason.OBSERVERS_NOT_SORTED,
                reason(() -> PriceRules.check(duplicated, SwapVectors.DOMAIN, T, 0, 5, 3, COMMITTEE)));
        // a tampered price
        List<PriceReport.Observation> tampered = new ArrayList<>(r.observations());
        PriceReport.Observation o = tampered.get(2);
        tampered.set(2, new PriceReport.Observation(o.observer(), o.hashprice().add(BigInteger.ONE), o.payoutPrice(),
                o.signature()));
        assertEquals(Reason.BAD_SIGNATURE, reason(() -> PriceRules.check(new PriceReport(BTC, T, T + 3_600, 5, tampered),
                SwapVectors.DOMAIN, T, 0, 5, 3, COMMITTEE)));
        // another domain (another oracle)
        assertEquals(Reason.BAD_SIGNATURE, reason(() -> PriceRules.check(r,
                io.hashmix.proofs.eip712.Eip712Domain.hashMix(1, SwapVectors.ORACLE), T, 0, 5, 3, COMMITTEE)));
    }

    @Test
    void tooManyObservations() {
        List<PriceReport.Observation> many = new ArrayList<>();
        PriceReport.Observation o = report(1).observations().get(0);
        for (int i = 0; i < 33; i++) {
            many.add(o);
        }
        assertEquals(Reason.TOO_MANY_OBSERVATIONS, reason(() -> PriceRules.check(new PriceReport(BTC, T, T + 1, 5, many),
                SwapVectors.DOMAIN, T, 0, 5, 3, COMMITTEE)));
    }

    @Test
    void pricesMustFit128BitsAndBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PriceObservation(BTC, BigInteger.ZERO, PP, T, T, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new PriceObservation(BTC, HP, PriceObservation.MAX_PRICE.add(BigInteger.ONE), T, T, 0));
        assertThrows(IllegalArgumentException.class, () -> new PriceObservation(null, HP, PP, T, T, 0));
    }

    @Test
    void jsonRoundTripAndStrictParsing() {
        PriceReport r = report(1, 2, 3);
        String json = PriceReportJson.toJson(r);
        assertEquals(r, PriceReportJson.fromJson(json));
        assertThrows(ProofJsonException.class, () -> PriceReportJson.fromJson(json.replace("\"deadline\"", "\"dl\"")));
        assertThrows(ProofJsonException.class, () -> PriceReportJson.fromJson(json.replaceFirst("\"hashprice\"\\s*:\\s*\"",
                "\"hashprice\":\"-")));
        assertThrows(ProofJsonException.class, () -> PriceReportJson.fromJson("{}"));
    }
}
