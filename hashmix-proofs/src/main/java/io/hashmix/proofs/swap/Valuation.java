package io.hashmix.proofs.swap;

import java.math.BigInteger;
import java.util.List;

/**
 * {@code HashPowerValuation}'s math: {@code value = floor(floor(units * remaining * hashprice / 86,400) * ratio / 1e18)}
 * and its inverse; the delivery ratio over the last {@value #DELIVERY_WINDOW} settled epochs.
 */
public final class Valuation {

    /** Number of most recent settled epochs the delivery ratio looks at. */
    public static final int DELIVERY_WINDOW = 4;
    /** Seconds per day. */
    public static final BigInteger DAY = BigInteger.valueOf(86_400);
    /** 1e18: ratio and price scale. */
    public static final BigInteger ONE = BigInteger.TEN.pow(18);

    /**
     * One settled epoch as the ratio counts it.
     *
     * @param delivered      whether the epoch counts its delivered units ({@code Fulfilled} or {@code Short});
     *                       {@code Missed} and {@code Unreported} epochs count 0
     * @param deliveredUnits the reported delivered units
     */
    public record SettledEpoch(boolean delivered, BigInteger deliveredUnits) {
    }

    private Valuation() {
    }

    /**
     * Remaining term in seconds: {@code end - max(now, start)}, 0 once ended.
     *
     * @param start product start
     * @param end   product end
     * @param now   the chain's time
     * @return seconds left
     */
    public static long remaining(long start, long end, long now) {
        long from = Math.max(now, start);
        return end > from ? end - from : 0;
    }

    /**
     * The value of {@code units} (numeraire, 18 decimals), rounded down.
     *
     * @param units     capacity base units
     * @param remaining seconds of term left
     * @param hashprice numeraire per unit per day
     * @param ratio     delivery ratio (1e18 = all delivered)
     * @return the value
     */
    public static BigInteger value(BigInteger units, long remaining, BigInteger hashprice, BigInteger ratio) {
        if (remaining <= 0) {
            return BigInteger.ZERO;
        }
        BigInteger raw = units.multiply(BigInteger.valueOf(remaining)).multiply(hashprice).divide(DAY);
        return raw.multiply(ratio).divide(ONE);
    }

    /**
     * The most units whose exact value is at most {@code value}:
     * {@code floor(value * 1e18 * 86,400 / (remaining * hashprice * ratio))}; 0 when a unit is worth nothing.
     *
     * @param value     the value
     * @param remaining seconds left
     * @param hashprice numeraire per unit per day
     * @param ratio     delivery ratio
     * @return the units
     */
    public static BigInteger unitsForValue(BigInteger value, long remaining, BigInteger hashprice, BigInteger ratio) {
        if (remaining <= 0 || ratio.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger denominator = BigInteger.valueOf(remaining).multiply(hashprice).multiply(ratio);
        return value.multiply(ONE).multiply(DAY).divide(denominator);
    }

    /**
     * The delivery ratio (x 1e18) over the last {@value #DELIVERY_WINDOW} of {@code settled} epochs (oldest
     * first): delivered / (epochs x capacity), rounded down; 1e18 while none has settled.
     *
     * @param settled  every settled epoch of the product, in order
     * @param capacity the product's capacity
     * @return the ratio
     */
    public static BigInteger deliveryRatio(List<SettledEpoch> settled, BigInteger capacity) {
        int n = Math.min(settled.size(), DELIVERY_WINDOW);
        if (n == 0) {
            return ONE;
        }
        BigInteger delivered = BigInteger.ZERO;
        for (SettledEpoch e : settled.subList(settled.size() - n, settled.size())) {
            if (e.delivered()) {
                delivered = delivered.add(e.deliveredUnits());
            }
        }
        return delivered.multiply(ONE).divide(capacity.multiply(BigInteger.valueOf(n)));
    }
}
