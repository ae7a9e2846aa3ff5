package io.hashmix.proofs.lending;

import java.math.BigInteger;
import java.math.RoundingMode;

import io.hashmix.proofs.eip712.AbiWords;

/**
 * The loan arithmetic of {@code HashPowerLending}, offline, to the base unit: the contract's {@code LoanMath}
 * library and the constants of {@code LendingBase} (shared vectors in {@code test-vectors/lending-math.json}).
 *
 * <p>Interest is simple, per second, on the outstanding principal: {@code principal * aprBps * seconds} accrues
 * exactly as "scaled interest" (interest x {@link #YEAR_BPS}); what is owed is that rounded up to a base unit.
 * Rounding happens only when interest is paid in full, so it costs the borrower at most one base unit per
 * payment however often interest accrues; the debt never exceeds the cap left ({@code maxRepayment} minus what
 * was paid). Values are {@link BigInteger}s in the currency's base units; every result fits a {@code uint256}
 * for the inputs the contract accepts.
 */
public final class LoanMath {

    /** Seconds per year x basis points: scaled interest / YEAR_BPS = interest in base units. */
    public static final BigInteger YEAR_BPS = BigInteger.valueOf(365L * 86_400 * 10_000);
    /** Highest APR in basis points ({@code MAX_APR_BPS}, 10,000%). */
    public static final long MAX_APR_BPS = 1_000_000;
    /** Time after maturity before a loan can be foreclosed, in seconds (7 days). */
    public static final long GRACE_PERIOD = 7L * 86_400;
    /** Length of a foreclosure auction, in seconds (3 days). */
    public static final long AUCTION_DURATION = 3L * 86_400;
    /** Least time a lender keeps a loan before being refinanced out, in seconds (1 day). */
    public static final long MIN_REFINANCE_INTERVAL = 86_400;
    /** An auction starts at least at this share of the debt (200%). */
    public static final long AUCTION_START_BPS = 20_000;
    /** A start price raised by the valuation is capped at this share of the debt (1,000%). */
    public static final long AUCTION_START_CAP_BPS = 100_000;
    /** An auction's price falls to this share of the debt (20%). */
    public static final long AUCTION_FLOOR_BPS = 2_000;
    /** The foreclosure starter's bounty, as a share of the debt (1%), from proceeds above the debt. */
    public static final long FORECLOSURE_BOUNTY_BPS = 100;

    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private LoanMath() {
    }

    /**
     * Scaled interest of {@code principal} at {@code aprBps} over {@code seconds} (exact).
     *
     * @param principal outstanding principal
     * @param aprBps annual rate in basis points
     * @param seconds elapsed seconds (unsigned)
     * @return principal x aprBps x seconds
     */
    public static BigInteger accrued(BigInteger principal, long aprBps, long seconds) {
        return nonNegative(principal, "principal").multiply(BigInteger.valueOf(aprBps)).multiply(unsigned(seconds));
    }

    /**
     * Interest of {@code principal} at {@code aprBps} over {@code seconds}, rounded up to a base unit.
     *
     * @param principal principal
     * @param aprBps annual rate in basis points
     * @param seconds elapsed seconds (unsigned)
     * @return the interest
     */
    public static BigInteger interestFor(BigInteger principal, long aprBps, long seconds) {
        return ceilDiv(accrued(principal, aprBps, seconds), YEAR_BPS);
    }

    /**
     * What is owed: principal plus interest (rounded up), at most the cap left.
     *
     * @param principal outstanding principal
     * @param interestScaled unpaid scaled interest
     * @param capLeft what the borrower may still be asked for
     * @return the debt
     */
    public static BigInteger debt(BigInteger principal, BigInteger interestScaled, BigInteger capLeft) {
        BigInteger owed = principal.add(ceilDiv(interestScaled, YEAR_BPS));
        return owed.min(capLeft);
    }

    /**
     * Applies a payment of {@code amount} (at most the debt) to interest, then principal; paying the interest in
     * full clears its scaled remainder; a cap left of zero settles the loan.
     *
     * @param interestScaled unpaid scaled interest (accrued to now)
     * @param principal outstanding principal
     * @param capLeft the cap left
     * @param amount the payment
     * @return the state after the payment and how it split
     * @throws IllegalArgumentException if the amount exceeds the debt
     */
    public static Payment applyPayment(BigInteger interestScaled, BigInteger principal, BigInteger capLeft, BigInteger amount) {
        if (amount.signum() < 0 || amount.compareTo(debt(principal, interestScaled, capLeft)) > 0) {
            throw new IllegalArgumentException("a payment must be within 0 .. the debt, got " + amount);
        }
        BigInteger interest = ceilDiv(interestScaled, YEAR_BPS);
        BigInteger toInterest;
        BigInteger newScaled;
        if (amount.compareTo(interest) >= 0) {
            toInterest = interest;
            newScaled = BigInteger.ZERO;
        } else {
            toInterest = amount;
            newScaled = interestScaled.subtract(amount.multiply(YEAR_BPS));
        }
        BigInteger toPrincipal = amount.subtract(toInterest);
        BigInteger newPrincipal = principal.subtract(toPrincipal);
        BigInteger newCap = capLeft.subtract(amount);
        if (newCap.signum() == 0) {
            newPrincipal = BigInteger.ZERO;
            newScaled = BigInteger.ZERO;
        }
        return new Payment(newScaled, newPrincipal, newCap, toInterest, toPrincipal);
    }

    /**
     * A descending auction's price {@code elapsed} seconds into it: linear from {@code startPrice} to
     * {@code floorPrice} over {@link #AUCTION_DURATION}, rounded up (against the bidder).
     *
     * @param startPrice price at the start
     * @param floorPrice price at the end (at most the start price)
     * @param elapsed seconds since the start (below the duration)
     * @return the price
     */
    public static BigInteger auctionPrice(BigInteger startPrice, BigInteger floorPrice, long elapsed) {
        if (elapsed < 0 || elapsed >= AUCTION_DURATION) {
            throw new IllegalArgumentException("elapsed must be within 0 .. " + (AUCTION_DURATION - 1) + ", got " + elapsed);
        }
        BigInteger fall = startPrice.subtract(floorPrice).multiply(BigInteger.valueOf(elapsed))
                .divide(BigInteger.valueOf(AUCTION_DURATION));
        return startPrice.subtract(fall);
    }

    /**
     * The auction's start price for a debt: twice the debt, raised to the token's value in the currency when the
     * valuation answers, capped at ten times the debt.
     *
     * @param debt the debt when the auction starts
     * @param valueInCurrency the valuation's value divided by the payout token's price, or null if the valuation
     *        did not answer
     * @return the start price
     */
    public static BigInteger startPrice(BigInteger debt, BigInteger valueInCurrency) {
        BigInteger price = bps(debt, AUCTION_START_BPS);
        if (valueInCurrency != null && valueInCurrency.compareTo(price) > 0) {
            price = valueInCurrency.min(bps(debt, AUCTION_START_CAP_BPS));
        }
        return price;
    }

    /**
     * The auction's floor price for a debt (20%, rounded down).
     *
     * @param debt the debt when the auction starts
     * @return the floor price
     */
    public static BigInteger floorPrice(BigInteger debt) {
        return bps(debt, AUCTION_FLOOR_BPS);
    }

    /**
     * The bounty a sale at {@code price} pays the foreclosure's starter: what is left above the debt, at most 1%
     * of the debt.
     *
     * @param debt the debt before the sale
     * @param price the sale price
     * @return the bounty
     */
    public static BigInteger bounty(BigInteger debt, BigInteger price) {
        BigInteger rest = price.subtract(price.min(debt));
        return rest.min(bps(debt, FORECLOSURE_BOUNTY_BPS));
    }

    /**
     * The most a collection offer lends against a token: {@code floor(floor(value * maxLtvBps / 10_000) / price)}.
     *
     * @param value the token's valuation (numeraire, 18 decimals)
     * @param maxLtvBps the loan-to-value in basis points
     * @param payoutTokenPrice the numeraire price of one base unit of the currency, scaled by 1e18 (positive)
     * @return the most principal, in base units
     */
    public static BigInteger maxPrincipal(BigInteger value, long maxLtvBps, BigInteger payoutTokenPrice) {
        if (payoutTokenPrice.signum() <= 0) {
            throw new IllegalArgumentException("a payout token price of 0 is unusable");
        }
        return value.multiply(BigInteger.valueOf(maxLtvBps)).divide(BPS).divide(payoutTokenPrice);
    }

    /**
     * A collection-offer loan's max repayment: principal plus the interest of the duration and the grace period.
     *
     * @param principal the principal
     * @param aprBps the offer's APR
     * @param duration the offer's duration in seconds
     * @return the cap
     */
    public static BigInteger collectionMaxRepayment(BigInteger principal, long aprBps, long duration) {
        return principal.add(interestFor(principal, aprBps, duration + GRACE_PERIOD));
    }

    private static BigInteger bps(BigInteger amount, long bps) {
        return amount.multiply(BigInteger.valueOf(bps)).divide(BPS);
    }

    static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        return new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b), 0, RoundingMode.CEILING).toBigIntegerExact();
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static BigInteger nonNegative(BigInteger v, String what) {
        if (v == null || v.signum() < 0 || v.compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new IllegalArgumentException(what + " must be a uint256, got " + v);
        }
        return v;
    }

    /**
     * A payment applied to a loan.
     *
     * @param interestScaled scaled interest left
     * @param principal principal left
     * @param capLeft cap left
     * @param toInterest part of the payment that paid interest
     * @param toPrincipal part that paid principal
     */
    public record Payment(BigInteger interestScaled, BigInteger principal, BigInteger capLeft, BigInteger toInterest,
            BigInteger toPrincipal) {

        /**
         * The debt left.
         *
         * @return principal plus interest, at most the cap
         */
        public BigInteger debtLeft() {
            return debt(principal, interestScaled, capLeft);
        }
    }
}
