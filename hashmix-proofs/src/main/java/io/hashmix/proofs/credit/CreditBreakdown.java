package io.hashmix.proofs.credit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A score and its parts, as the registry's {@code creditOf} returns them ({@code CreditMath.Breakdown}).
 *
 * @param score             the score, 0..1000
 * @param collateralScore   the score without the borrower part (what collateral terms use)
 * @param reliability       delivered / promised unit-seconds, scaled by 1e18
 * @param confidence        experience / (experience + confidenceHalf), scaled by 1e18
 * @param performancePoints points from fulfillment
 * @param loanBonus         points from loans repaid on time (capped)
 * @param penaltyPoints     decayed penalty points, rounded up
 * @param loanPenaltyPoints points lost to late and defaulted loans
 */
public record CreditBreakdown(long score, long collateralScore, BigInteger reliability, BigInteger confidence,
                              long performancePoints, long loanBonus, BigInteger penaltyPoints, BigInteger loanPenaltyPoints) {

    /** Checks the parts. */
    public CreditBreakdown {
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(penaltyPoints, "penaltyPoints");
        Objects.requireNonNull(loanPenaltyPoints, "loanPenaltyPoints");
    }
}
