package io.hashmix.proofs.credit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The credit formula, version {@value #VERSION}: the same integer arithmetic as the contracts'
 * {@code CreditMath} library, so both give the same numbers bit for bit. Every division rounds down
 * unless it says otherwise. docs/credit.md is the specification.
 */
public final class CreditMath {

    /** Version of the formula. */
    public static final int VERSION = 1;
    /** Highest score. */
    public static final long MAX_SCORE = 1000;
    /** Score of an account without records. */
    public static final long NEWCOMER_SCORE = 300;
    /** Fixed-point one (1e18). */
    public static final BigInteger ONE = BigInteger.TEN.pow(18);
    /** Penalty points are stored scaled by this (1e9). */
    public static final BigInteger PENALTY_UNIT = BigInteger.TEN.pow(9);
    /** Basis-point denominator. */
    public static final long BPS = 10_000;
    /** Seconds per day. */
    public static final long DAY = 86_400;

    private static final BigInteger UINT128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private CreditMath() {
    }

    /**
     * The inputs of a score, decayed to the same moment.
     *
     * @param promised   promised unit-seconds
     * @param delivered  delivered unit-seconds (at most {@code promised})
     * @param experience settled seconds
     * @param penalty    penalty points x {@link #PENALTY_UNIT}
     * @param loans      the borrower counts
     * @param params     the parameters in force
     */
    public record Inputs(BigInteger promised, BigInteger delivered, BigInteger experience, BigInteger penalty,
                         LoanCounts loans, CreditParams params) {
        /** Checks the parts. */
        public Inputs {
            nonNegative(promised, "promised");
            nonNegative(delivered, "delivered");
            nonNegative(experience, "experience");
            nonNegative(penalty, "penalty");
            Objects.requireNonNull(loans, "loans");
            Objects.requireNonNull(params, "params");
            if (delivered.compareTo(promised) > 0) {
                throw new IllegalArgumentException("delivered " + delivered + " exceeds promised " + promised);
            }
        }
    }

    /**
     * Exponential decay, exact at whole half-lives and linear in between: {@code v_k = v >> k} with
     * {@code k = elapsed / halfLife}, minus {@code floor(v_k * (elapsed % halfLife) / (2 * halfLife))}.
     *
     * @param v        the value (non-negative)
     * @param elapsed  seconds elapsed (non-negative)
     * @param halfLife the half-life in seconds (positive)
     * @return the decayed value
     */
    public static BigInteger decay(BigInteger v, long elapsed, long halfLife) {
        nonNegative(v, "v");
        if (elapsed < 0 || halfLife <= 0) {
            throw new IllegalArgumentException("elapsed must be >= 0 and halfLife > 0");
        }
        if (v.signum() == 0 || elapsed == 0) {
            return v;
        }
        long k = elapsed / halfLife;
        if (k > 255) {
            return BigInteger.ZERO;
        }
        BigInteger vk = v.shiftRight((int) k);
        return vk.subtract(vk.multiply(BigInteger.valueOf(elapsed % halfLife)).divide(BigInteger.valueOf(2 * halfLife)));
    }

    /**
     * The score and its parts ({@code CreditMath.score} of the contracts).
     *
     * @param x the inputs
     * @return the breakdown
     */
    public static CreditBreakdown score(Inputs x) {
        CreditParams p = x.params();
        BigInteger reliability = x.promised().signum() == 0 ? BigInteger.ZERO : x.delivered().multiply(ONE).divide(x.promised());
        BigInteger perf = reliability.multiply(reliability).divide(ONE);
        BigInteger confidence = x.experience().signum() == 0 ? BigInteger.ZERO
                : x.experience().multiply(ONE).divide(x.experience().add(BigInteger.valueOf(p.confidenceHalf())));
        long performancePoints = confidence.multiply(perf).divide(ONE)
                .multiply(BigInteger.valueOf(MAX_SCORE - NEWCOMER_SCORE)).divide(ONE).longValueExact();
        BigInteger penaltyPoints = ceilDiv(x.penalty(), PENALTY_UNIT);
        long loanBonus = Math.min(Math.multiplyExact(x.loans().repaid(), (long) p.loanBonusPerRepaid()), p.loanBonusCap());
        BigInteger loanPenalty = BigInteger.valueOf(x.loans().repaidLate()).multiply(BigInteger.valueOf(p.latePenalty()))
                .add(BigInteger.valueOf(x.loans().defaulted()).multiply(BigInteger.valueOf(p.loanDefaultPenalty())));
        long base = NEWCOMER_SCORE + performancePoints;
        return new CreditBreakdown(clamp(base + loanBonus, penaltyPoints.add(loanPenalty)), clamp(base, penaltyPoints),
                reliability, confidence, performancePoints, loanBonus, penaltyPoints, loanPenalty);
    }

    /**
     * The collateral multiplier of a score in basis points: {@code newcomerBps} at or below 300,
     * {@code bestBps} at 1,000, linear in between, rounded up.
     *
     * @param collateralScore the score
     * @param bestBps         multiplier of a perfect score
     * @param newcomerBps     multiplier of a newcomer (at least {@code bestBps})
     * @return the multiplier
     */
    public static long multiplierBps(long collateralScore, long bestBps, long newcomerBps) {
        if (bestBps > newcomerBps || bestBps < 0) {
            throw new IllegalArgumentException("need 0 <= bestBps <= newcomerBps");
        }
        if (collateralScore <= NEWCOMER_SCORE) {
            return newcomerBps;
        }
        if (collateralScore >= MAX_SCORE) {
            return bestBps;
        }
        return newcomerBps - (newcomerBps - bestBps) * (collateralScore - NEWCOMER_SCORE) / (MAX_SCORE - NEWCOMER_SCORE);
    }

    /**
     * The collateral a product needs: {@code ceil(baseRate * (covered * multiplier + (promised -
     * covered) * newcomerBps) / (DAY * BPS * ONE))} with {@code promised = capacity * term} and
     * {@code covered = min(promised, classCredit)}.
     *
     * @param baseRate    the asset class's base rate (payout base units per unit-day, x 1e18)
     * @param capacity    the product's capacity
     * @param term        its term in seconds
     * @param classCredit the issuer's delivered unit-seconds in the class
     * @param multiplier  the issuer's multiplier
     * @param newcomerBps the newcomer multiplier
     * @return the required collateral
     */
    public static BigInteger requiredCollateral(BigInteger baseRate, BigInteger capacity, long term, BigInteger classCredit,
                                                long multiplier, long newcomerBps) {
        nonNegative(baseRate, "baseRate");
        nonNegative(capacity, "capacity");
        nonNegative(classCredit, "classCredit");
        if (baseRate.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger promised = capacity.multiply(BigInteger.valueOf(term));
        BigInteger covered = promised.min(classCredit);
        BigInteger weighted = covered.multiply(BigInteger.valueOf(multiplier))
                .add(promised.subtract(covered).multiply(BigInteger.valueOf(newcomerBps)));
        return ceilDiv(baseRate.multiply(weighted), BigInteger.valueOf(DAY * BPS).multiply(ONE));
    }

    /** {@code min(a + b, 2^128 - 1)}: the registry's saturating add of stored totals. */
    static BigInteger add128(BigInteger a, BigInteger b) {
        return a.add(b).min(UINT128_MAX);
    }

    /** {@code min(a + b, 2^64 - 1)}. */
    static BigInteger add64(BigInteger a, BigInteger b) {
        return a.add(b).min(UINT64_MAX);
    }

    private static long clamp(long plus, BigInteger minus) {
        BigInteger s = BigInteger.valueOf(plus).subtract(minus);
        if (s.signum() <= 0) {
            return 0;
        }
        return Math.min(s.longValueExact(), MAX_SCORE);
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    private static void nonNegative(BigInteger v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
    }
}
