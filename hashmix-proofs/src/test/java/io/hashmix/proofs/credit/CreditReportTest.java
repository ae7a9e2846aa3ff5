package io.hashmix.proofs.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/** The offline credit formula and report (the shared vectors pin them to the contracts). */
class CreditReportTest {

    private static final long T0 = 1_700_000_000L;
    private static final long DAY = 86_400L;
    private static final EvmAddress FARM = EvmAddress.of("0x00000000000000000000000000000000000fa12a");
    private static final EvmAddress OTHER = EvmAddress.of("0x0000000000000000000000000000000000000123");
    private static final Bytes32 BTC = Bytes32.keccakUtf8("BTC-SHA256");

    private static CreditEvent.FulfillmentRecorded pass(long at, EvmAddress who, long delivered, long from, long to,
                                                        long missed, long unreported) {
        return new CreditEvent.FulfillmentRecorded(at, who, BigInteger.ONE, BTC, BigInteger.valueOf(1000), from, to,
                BigInteger.valueOf(delivered), 1, 0, missed, unreported, false);
    }

    @Test
    void aNewcomerHasThreeHundred() {
        CreditReport r = CreditReport.replay(FARM, List.of());
        CreditBreakdown b = r.breakdownAt(T0, LoanCounts.NONE);
        assertEquals(300, b.score());
        assertEquals(300, b.collateralScore());
        assertEquals(AccountRecord.EMPTY, r.record());
        assertEquals(CreditParams.DEFAULT, r.params());
        assertEquals(FARM, r.account());
    }

    @Test
    void decayIsExactAtHalfLivesAndLinearBetween() {
        assertEquals(BigInteger.valueOf(500), CreditMath.decay(BigInteger.valueOf(1000), 100, 100));
        assertEquals(BigInteger.valueOf(750), CreditMath.decay(BigInteger.valueOf(1000), 50, 100));
        assertEquals(BigInteger.valueOf(375), CreditMath.decay(BigInteger.valueOf(1000), 150, 100));
        assertEquals(BigInteger.ZERO, CreditMath.decay(BigInteger.TWO.pow(255), 256 * 100, 100));
        assertThrows(IllegalArgumentException.class, () -> CreditMath.decay(BigInteger.ONE, -1, 100));
        assertThrows(IllegalArgumentException.class, () -> CreditMath.decay(BigInteger.ONE, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> CreditMath.decay(BigInteger.valueOf(-1), 1, 10));
    }

    @Test
    void aCleanRecordRaisesTheScoreAndOthersRecordsAreSkipped() {
        CreditReport r = CreditReport.replay(FARM, List.of(
                pass(T0 + 90 * DAY, FARM, 1000 * 90 * DAY, T0, T0 + 90 * DAY, 0, 0),
                pass(T0 + 90 * DAY, OTHER, 0, T0, T0 + 90 * DAY, 5, 5),
                new CreditEvent.SlashRecorded(T0 + 90 * DAY, OTHER, BigInteger.ONE)));
        CreditBreakdown b = r.breakdownAt(T0 + 90 * DAY, LoanCounts.NONE);
        assertEquals(CreditMath.ONE.divide(BigInteger.TWO), b.confidence());
        assertEquals(CreditMath.ONE, b.reliability());
        assertEquals(650, b.score());
        assertEquals(BigInteger.valueOf(1000 * 90 * DAY), r.classCreditAt(BTC, T0 + 90 * DAY));
        assertEquals(BigInteger.valueOf(500 * 90 * DAY), r.classCreditAt(BTC, T0 + 270 * DAY));
        assertEquals(BigInteger.ZERO, r.classCreditAt(Bytes32.keccakUtf8("FIL-STORAGE"), T0 + 90 * DAY));
        // the borrower part counts for the score, never for collateral
        CreditBreakdown withLoans = r.breakdownAt(T0 + 90 * DAY, new LoanCounts(100, 1, 0));
        assertEquals(650 + 50 - 20, withLoans.score());
        assertEquals(650, withLoans.collateralScore());
    }

    @Test
    void penaltiesRoundUpAndFade() {
        CreditReport r = CreditReport.replay(FARM, List.of(
                pass(T0, FARM, 0, T0 - DAY, T0, 1, 1),
                new CreditEvent.FrozenRecorded(T0, FARM, BigInteger.TWO)));
        assertEquals(1, r.record().frozen());
        assertEquals(1, r.record().missed());
        assertEquals(3, r.record().epochsSettled(), "the helper makes one fulfilled epoch too");
        assertEquals(BigInteger.valueOf(600), r.breakdownAt(T0, LoanCounts.NONE).penaltyPoints());
        assertEquals(0, r.breakdownAt(T0, LoanCounts.NONE).score());
        assertEquals(BigInteger.valueOf(300), r.breakdownAt(T0 + 180 * DAY, LoanCounts.NONE).penaltyPoints());
        assertEquals(300, r.breakdownAt(T0 + 180 * DAY * 60, LoanCounts.NONE).score());
    }

    @Test
    void parameterChangesApplyFromTheirEvent() {
        CreditParams fast = new CreditParams(7 * DAY, DAY, 0, 0, 0, 0, 1000, 0, 0, 0, 0);
        CreditReport r = CreditReport.replay(FARM, List.of(
                new CreditEvent.ParamsApplied(T0, fast),
                new CreditEvent.SlashRecorded(T0 + 1, FARM, BigInteger.ONE)));
        assertEquals(fast, r.params());
        assertEquals(BigInteger.valueOf(1000), r.breakdownAt(T0 + 1, LoanCounts.NONE).penaltyPoints());
        assertEquals(BigInteger.valueOf(500), r.breakdownAt(T0 + 1 + 7 * DAY, LoanCounts.NONE).penaltyPoints());
    }

    @Test
    void requiredCollateralFollowsTheRecord() {
        BigInteger rate = CreditMath.ONE; // one base unit per unit-day
        CreditReport fresh = CreditReport.replay(FARM, List.of());
        assertEquals(BigInteger.valueOf(90_000), fresh.requiredCollateralAt(BTC, rate, BigInteger.valueOf(1000), 30 * DAY,
                10_000, 30_000, T0, LoanCounts.NONE));
        assertEquals(BigInteger.ZERO, fresh.requiredCollateralAt(BTC, BigInteger.ZERO, BigInteger.valueOf(1000), 30 * DAY,
                10_000, 30_000, T0, LoanCounts.NONE));
        CreditReport clean = CreditReport.replay(FARM, List.of(pass(T0, FARM, 1000 * 300 * DAY, T0 - 300 * DAY, T0, 0, 0)));
        BigInteger required = clean.requiredCollateralAt(BTC, rate, BigInteger.valueOf(1000), 30 * DAY, 10_000, 30_000, T0,
                LoanCounts.NONE);
        assertTrue(required.compareTo(BigInteger.valueOf(90_000)) < 0);
        assertTrue(required.compareTo(BigInteger.valueOf(30_000)) > 0);
        assertEquals(29_972, CreditMath.multiplierBps(301, 10_000, 30_000));
        assertThrows(IllegalArgumentException.class, () -> CreditMath.multiplierBps(500, 30_000, 10_000));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> pass(T0, FARM, 0, T0, T0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> pass(T0, FARM, 1000 * DAY + 1, T0 - DAY, T0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CreditReport.replay(FARM, List.of(
                new CreditEvent.SlashRecorded(T0 + 1, FARM, BigInteger.ONE),
                new CreditEvent.SlashRecorded(T0, FARM, BigInteger.ONE))));
        CreditReport r = CreditReport.replay(FARM, List.of(new CreditEvent.SlashRecorded(T0, FARM, BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> r.breakdownAt(T0 - 1, LoanCounts.NONE));
        assertThrows(IllegalArgumentException.class, () -> new LoanCounts(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditParams(6 * DAY, DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditParams(7 * DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditParams(7 * DAY, DAY, 1001, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditParams(7 * DAY, DAY, 0, 0, 0, 0, 0, 6, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreditMath.Inputs(BigInteger.ONE, BigInteger.TWO,
                BigInteger.ZERO, BigInteger.ZERO, LoanCounts.NONE, CreditParams.DEFAULT));
    }
}
