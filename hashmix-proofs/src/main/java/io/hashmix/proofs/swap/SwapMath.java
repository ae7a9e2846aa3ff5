package io.hashmix.proofs.swap;

import java.math.BigInteger;

/**
 * {@code HashPowerSwapPool}'s math: the fee (rounded up), the units out (rounded down: never in the trader's
 * favour) and the share math with {@value #DECIMALS_OFFSET}-decimal virtual shares (rounded down on deposits, up
 * on withdrawals of chosen units, pro rata by {@code supply + 10^offset}).
 */
public final class SwapMath {

    /** Decimals offset of the pool shares. */
    public static final int DECIMALS_OFFSET = 6;
    /** {@code 10^DECIMALS_OFFSET}. */
    public static final BigInteger VIRTUAL_SHARES = BigInteger.TEN.pow(DECIMALS_OFFSET);
    /** Basis-point denominator. */
    public static final BigInteger BPS = BigInteger.valueOf(10_000);

    /**
     * A quote: what a swap executes.
     *
     * @param valueIn  value of the units in
     * @param fee      fee kept by the pool
     * @param unitsOut units paid
     */
    public record Quote(BigInteger valueIn, BigInteger fee, BigInteger unitsOut) {
    }

    private SwapMath() {
    }

    /**
     * {@code ceil(valueIn * feeBps / 10,000)}.
     *
     * @param valueIn the value in
     * @param feeBps  the fee rate
     * @return the fee
     */
    public static BigInteger fee(BigInteger valueIn, int feeBps) {
        BigInteger[] qr = valueIn.multiply(BigInteger.valueOf(feeBps)).divideAndRemainder(BPS);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /**
     * The quote of a swap whose units in are worth {@code valueIn}, paid in units of a product with the given
     * remaining term, hashprice and delivery ratio.
     *
     * @param valueIn      the value in (the valuation of the units in)
     * @param feeBps       the pool's fee
     * @param remainingOut seconds left of the product paid out
     * @param hashpriceOut its class's hashprice
     * @param ratioOut     its delivery ratio
     * @return the quote
     */
    public static Quote quote(BigInteger valueIn, int feeBps, long remainingOut, BigInteger hashpriceOut,
            BigInteger ratioOut) {
        BigInteger fee = fee(valueIn, feeBps);
        return new Quote(valueIn, fee, Valuation.unitsForValue(valueIn.subtract(fee), remainingOut, hashpriceOut, ratioOut));
    }

    /**
     * Shares a deposit of {@code value} mints: {@code value * (supply + 10^6) / (nav + 1)}, rounded down.
     *
     * @param value  the deposit's value
     * @param supply shares outstanding
     * @param nav    the pool's value before the deposit
     * @return shares
     */
    public static BigInteger sharesForDeposit(BigInteger value, BigInteger supply, BigInteger nav) {
        return value.multiply(supply.add(VIRTUAL_SHARES)).divide(nav.add(BigInteger.ONE));
    }

    /**
     * Shares a withdrawal of chosen units worth {@code value} burns: the same ratio, rounded up.
     *
     * @param value  the pool's value decrease
     * @param supply shares outstanding
     * @param nav    the pool's value before
     * @return shares
     */
    public static BigInteger sharesForWithdrawal(BigInteger value, BigInteger supply, BigInteger nav) {
        BigInteger[] qr = value.multiply(supply.add(VIRTUAL_SHARES)).divideAndRemainder(nav.add(BigInteger.ONE));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /**
     * Units of one held token a pro-rata withdrawal of {@code shares} pays: {@code units * shares / (supply + 10^6)}.
     *
     * @param units  the token's units
     * @param shares shares withdrawn
     * @param supply shares outstanding
     * @return units paid
     */
    public static BigInteger proRataUnits(BigInteger units, BigInteger shares, BigInteger supply) {
        return units.multiply(shares).divide(supply.add(VIRTUAL_SHARES));
    }
}
