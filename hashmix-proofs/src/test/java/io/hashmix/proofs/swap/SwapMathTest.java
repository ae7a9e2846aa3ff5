package io.hashmix.proofs.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SwapMathTest {

    private static final BigInteger ONE = Valuation.ONE;

    @Test
    void valueIsUnitsTimesRemainingTimesHashpriceTimesRatio() {
        // 1,000 TH/s (6 decimals) x 363 days x 0.05 USD
        BigInteger v = Valuation.value(BigInteger.valueOf(1_000_000_000L), 363L * 86_400, BigInteger.valueOf(50_000_000_000L),
                ONE);
        assertEquals(new BigInteger("18150").multiply(ONE), v);
        assertEquals(BigInteger.ZERO, Valuation.value(BigInteger.TEN, 0, BigInteger.ONE, ONE));
        assertEquals(0, Valuation.remaining(10, 20, 20));
        assertEquals(10, Valuation.remaining(10, 20, 5));
        assertEquals(5, Valuation.remaining(10, 20, 15));
    }

    @Test
    void deliveryRatioOverTheLastFourEpochs() {
        BigInteger cap = BigInteger.valueOf(1000);
        assertEquals(ONE, Valuation.deliveryRatio(List.of(), cap));
        List<Valuation.SettledEpoch> epochs = List.of(
                new Valuation.SettledEpoch(false, BigInteger.ZERO),
                new Valuation.SettledEpoch(true, cap),
                new Valuation.SettledEpoch(true, BigInteger.valueOf(500)),
                new Valuation.SettledEpoch(false, cap), // missed: counts 0 whatever was reported
                new Valuation.SettledEpoch(true, cap));
        assertEquals(ONE.multiply(BigInteger.valueOf(2500)).divide(BigInteger.valueOf(4000)),
                Valuation.deliveryRatio(epochs, cap));
    }

    @Test
    void feeRoundsUp() {
        assertEquals(BigInteger.ONE, SwapMath.fee(BigInteger.ONE, 1));
        assertEquals(BigInteger.valueOf(3), SwapMath.fee(BigInteger.valueOf(1000), 30));
        assertEquals(BigInteger.valueOf(4), SwapMath.fee(BigInteger.valueOf(1001), 30));
    }

    /** Randomized: the units out are never worth more than the value in less the fee, and one more would be. */
    @Test
    void quotesNeverFavourTheTrader() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            BigInteger valueIn = new BigInteger(80, random).add(BigInteger.ONE);
            long remaining = 1 + random.nextInt(400 * 86_400);
            BigInteger hp = new BigInteger(40, random).add(BigInteger.ONE);
            BigInteger ratio = new BigInteger(59, random).add(BigInteger.ONE).min(ONE);
            SwapMath.Quote q = SwapMath.quote(valueIn, 30, remaining, hp, ratio);
            assertTrue(q.fee().signum() > 0);
            BigInteger budget = valueIn.subtract(q.fee()).multiply(ONE).multiply(Valuation.DAY);
            BigInteger perUnit = BigInteger.valueOf(remaining).multiply(hp).multiply(ratio);
            assertTrue(q.unitsOut().multiply(perUnit).compareTo(budget) <= 0);
            assertTrue(q.unitsOut().add(BigInteger.ONE).multiply(perUnit).compareTo(budget) > 0);
            assertTrue(Valuation.value(q.unitsOut(), remaining, hp, ratio).compareTo(valueIn.subtract(q.fee())) <= 0);
        }
    }

    @Test
    void shareMath() {
        assertEquals(BigInteger.valueOf(1_000_000), SwapMath.sharesForDeposit(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO));
        assertEquals(BigInteger.valueOf(3), SwapMath.sharesForDeposit(BigInteger.TEN, BigInteger.valueOf(0),
                BigInteger.valueOf(3_000_000)));
        assertEquals(BigInteger.valueOf(4), SwapMath.sharesForWithdrawal(BigInteger.TEN, BigInteger.valueOf(0),
                BigInteger.valueOf(3_000_000)));
        assertEquals(BigInteger.valueOf(499), SwapMath.proRataUnits(BigInteger.valueOf(1000), BigInteger.valueOf(1_000_000),
                BigInteger.valueOf(1_000_000)).subtract(BigInteger.ONE));
    }
}
