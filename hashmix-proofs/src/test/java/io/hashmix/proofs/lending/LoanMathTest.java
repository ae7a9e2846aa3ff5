package io.hashmix.proofs.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Properties of the loan arithmetic (checklist 22), beyond the shared vectors. */
class LoanMathTest {

    private static final BigInteger P = BigInteger.valueOf(10_000_000);

    @Test
    void interestIsMonotonicRoundsUpByLessThanOneUnitAndIgnoresAccrualFrequency() {
        Random r = new Random(22);
        for (int i = 0; i < 2_000; i++) {
            BigInteger p = BigInteger.valueOf(r.nextLong(1, Long.MAX_VALUE));
            long apr = r.nextLong(0, LoanMath.MAX_APR_BPS + 1);
            long a = r.nextLong(0, 1L << 32);
            long b = r.nextLong(0, 1L << 32);
            BigInteger exact = LoanMath.accrued(p, apr, a + b);
            assertEquals(exact, LoanMath.accrued(p, apr, a).add(LoanMath.accrued(p, apr, b)));
            BigInteger owed = LoanMath.interestFor(p, apr, a + b);
            BigInteger over = owed.multiply(LoanMath.YEAR_BPS).subtract(exact);
            assertTrue(over.signum() >= 0 && over.compareTo(LoanMath.YEAR_BPS) < 0);
            assertTrue(owed.compareTo(LoanMath.interestFor(p, apr, a)) >= 0);
        }
    }

    @Test
    void paymentsLowerTheDebtByExactlyTheirAmount() {
        Random r = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            BigInteger p = BigInteger.valueOf(r.nextLong(0, 1L << 40));
            BigInteger scaled = BigInteger.valueOf(r.nextLong(0, Long.MAX_VALUE)).multiply(BigInteger.valueOf(r.nextInt(1, 1000)));
            BigInteger cap = BigInteger.valueOf(r.nextLong(0, 1L << 50));
            BigInteger debt = LoanMath.debt(p, scaled, cap);
            BigInteger amount = debt.signum() == 0 ? BigInteger.ZERO : new BigInteger(debt.bitLength(), r).mod(debt.add(BigInteger.ONE));
            LoanMath.Payment pay = LoanMath.applyPayment(scaled, p, cap, amount);
            assertEquals(debt.subtract(amount), pay.debtLeft());
            assertEquals(amount, pay.toInterest().add(pay.toPrincipal()));
        }
        assertThrows(IllegalArgumentException.class, () -> LoanMath.applyPayment(BigInteger.ZERO, P, P, P.add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> LoanMath.applyPayment(BigInteger.ZERO, P, P, BigInteger.ONE.negate()));
    }

    @Test
    void auctionPricesFallLinearlyWithinTheirBounds() {
        BigInteger start = BigInteger.valueOf(100_000_000);
        BigInteger floor = BigInteger.valueOf(2_000_000);
        assertEquals(start, LoanMath.auctionPrice(start, floor, 0));
        BigInteger previous = start;
        for (long t = 0; t < LoanMath.AUCTION_DURATION; t += 3_607) {
            BigInteger p = LoanMath.auctionPrice(start, floor, t);
            assertTrue(p.compareTo(previous) <= 0 && p.compareTo(floor) >= 0);
            previous = p;
        }
        assertThrows(IllegalArgumentException.class, () -> LoanMath.auctionPrice(start, floor, LoanMath.AUCTION_DURATION));
        assertThrows(IllegalArgumentException.class, () -> LoanMath.auctionPrice(start, floor, -1));
        assertEquals(BigInteger.valueOf(20_016_668), LoanMath.startPrice(BigInteger.valueOf(10_008_334), null));
        assertEquals(BigInteger.valueOf(100_083_340),
                LoanMath.startPrice(BigInteger.valueOf(10_008_334), BigInteger.TEN.pow(12)), "capped at 10x");
        assertEquals(BigInteger.valueOf(100_083), LoanMath.bounty(BigInteger.valueOf(10_008_334), BigInteger.TEN.pow(9)));
        assertEquals(BigInteger.ZERO, LoanMath.bounty(BigInteger.TEN, BigInteger.TEN));
        assertThrows(IllegalArgumentException.class, () -> LoanMath.maxPrincipal(BigInteger.ONE, 1, BigInteger.ZERO));
    }

    @Test
    void aLoanRepaidFromRevenueProjectsItsPayoff() {
        long start = 1_000_000;
        LoanState s = LoanState.start(P, P.shiftLeft(1), 1_000, start);
        assertEquals(P, s.debtAt(start));
        LoanState.RepaymentSchedule schedule = s.project(List.of(new LoanState.Revenue(start + 86_400, BigInteger.valueOf(4_000_000)),
                new LoanState.Revenue(start + 2 * 86_400, BigInteger.valueOf(4_000_000)),
                new LoanState.Revenue(start + 3 * 86_400, BigInteger.valueOf(4_000_000)),
                new LoanState.Revenue(start + 4 * 86_400, BigInteger.valueOf(4_000_000))));
        assertTrue(schedule.repaid());
        assertEquals(2, schedule.payoffStep().orElseThrow());
        assertEquals(3, schedule.steps().size());
        LoanState.Step last = schedule.steps().get(2);
        assertEquals(BigInteger.ZERO, last.debtAfter());
        assertTrue(last.surplus().signum() > 0);
        assertThrows(IllegalArgumentException.class, () -> s.debtAt(start - 1));
        assertThrows(IllegalArgumentException.class, () -> new LoanState(P.negate(), BigInteger.ZERO, P, 1, 0));
        assertTrue(s.project(List.of(new LoanState.Revenue(start + 1, BigInteger.ONE))).payoffStep().isEmpty());
    }
}
