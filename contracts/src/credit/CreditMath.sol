// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title CreditMath
 * @notice The credit formula, version 1, in integers only, so that the Java `CreditReport`
 * (hashmix-proofs, `io.hashmix.proofs.credit.CreditMath`) computes the same numbers bit for bit
 * (shared vectors `test-vectors/credit-score.json`). Every division rounds down unless it says
 * otherwise; where rounding matters it goes against the account (penalties up, collateral up).
 * @dev docs/credit.md is the specification. Fixed point: {ONE} = 1e18.
 */
library CreditMath {
    /// @notice Version of the formula below (bumped when any rule changes).
    uint256 internal constant VERSION = 1;
    /// @notice Highest score.
    uint256 internal constant MAX_SCORE = 1000;
    /// @notice Score of an account without records (and of one whose records have decayed away).
    uint256 internal constant NEWCOMER_SCORE = 300;
    /// @notice Fixed-point one.
    uint256 internal constant ONE = 1e18;
    /// @notice Penalty points are stored scaled by this, so that their decay keeps fractions.
    uint256 internal constant PENALTY_UNIT = 1e9;
    /// @notice Basis-point denominator of collateral multipliers.
    uint256 internal constant BPS = 10_000;
    /// @notice Seconds per day (collateral base rates are per unit-day).
    uint256 internal constant DAY = 1 days;

    /// @notice Inputs of a score, all decayed to the same moment, plus the live borrower counts and
    /// the score parameters that apply to them.
    // solhint-disable-next-line gas-struct-packing
    struct Inputs {
        uint256 promised; // promised unit-seconds
        uint256 delivered; // delivered (and deposited) unit-seconds, <= promised
        uint256 experience; // settled seconds
        uint256 penalty; // penalty points x PENALTY_UNIT
        uint256 repaid; // loans repaid on time
        uint256 repaidLate; // loans repaid late
        uint256 loanDefaults; // loans foreclosed
        uint256 confidenceHalf; // seconds of experience for half confidence
        uint256 loanBonusPerRepaid; // points per loan repaid on time
        uint256 loanBonusCap; // most points from repaid loans
        uint256 latePenalty; // points per loan repaid late
        uint256 loanDefaultPenalty; // points per loan foreclosed
    }

    /// @notice A score and its parts.
    /// @param score The score, 0..{MAX_SCORE}.
    /// @param collateralScore The score without the borrower part (what collateral terms use: the
    /// issuer's and attestor's own record, so nothing done as a borrower moves collateral).
    /// @param reliability Delivered / promised unit-seconds, x {ONE} (0 without fulfillment records).
    /// @param confidence Experience / (experience + confidenceHalf), x {ONE}.
    /// @param performancePoints Points from fulfillment: (MAX - NEWCOMER) x confidence x reliability^2.
    /// @param loanBonus Points from loans repaid on time (capped).
    /// @param penaltyPoints Decayed penalty points (missed, unreported, defaults, frozen products,
    /// slashes), rounded up.
    /// @param loanPenaltyPoints Points lost to late and defaulted loans.
    struct Breakdown {
        uint256 score;
        uint256 collateralScore;
        uint256 reliability;
        uint256 confidence;
        uint256 performancePoints;
        uint256 loanBonus;
        uint256 penaltyPoints;
        uint256 loanPenaltyPoints;
    }

    /**
     * @notice Exponential decay with half-life `halfLife`, exact at whole half-lives and linear in
     * between: with `k = elapsed / halfLife` and `r = elapsed % halfLife`, `v_k = v >> k` and the
     * result is `v_k - floor(v_k * r / (2 * halfLife))`.
     * @param v The value.
     * @param elapsed Seconds elapsed.
     * @param halfLife The half-life in seconds (> 0).
     * @return The decayed value.
     */
    function decay(uint256 v, uint256 elapsed, uint256 halfLife) internal pure returns (uint256) {
        if (v == 0 || elapsed == 0) return v;
        uint256 k = elapsed / halfLife;
        if (k > 255) return 0;
        uint256 vk = v >> k;
        return vk - Math.mulDiv(vk, elapsed % halfLife, 2 * halfLife);
    }

    /**
     * @notice The score and its parts.
     * @dev `reliability = floor(delivered * ONE / promised)`; `perf = floor(reliability^2 / ONE)`;
     * `confidence = floor(experience * ONE / (experience + confidenceHalf))`;
     * `performancePoints = floor(floor(confidence * perf / ONE) * 700 / ONE)`;
     * `penaltyPoints = ceil(penalty / PENALTY_UNIT)`; `loanBonus = min(repaid * perLoan, cap)`;
     * `loanPenaltyPoints = repaidLate * latePenalty + loanDefaults * loanDefaultPenalty`;
     * `score = clamp(300 + performancePoints + loanBonus - penaltyPoints - loanPenaltyPoints, 0, 1000)`
     * and `collateralScore = clamp(300 + performancePoints - penaltyPoints, 0, 1000)` (no borrower part).
     * @param x The inputs.
     * @return b The breakdown.
     */
    function score(Inputs memory x) internal pure returns (Breakdown memory b) {
        if (x.promised != 0) b.reliability = Math.mulDiv(x.delivered, ONE, x.promised);
        uint256 perf = Math.mulDiv(b.reliability, b.reliability, ONE);
        if (x.experience != 0) b.confidence = Math.mulDiv(x.experience, ONE, x.experience + x.confidenceHalf);
        b.performancePoints = Math.mulDiv(Math.mulDiv(b.confidence, perf, ONE), MAX_SCORE - NEWCOMER_SCORE, ONE);
        b.penaltyPoints = Math.ceilDiv(x.penalty, PENALTY_UNIT);
        b.loanBonus = Math.min(x.repaid * x.loanBonusPerRepaid, x.loanBonusCap);
        b.loanPenaltyPoints = x.repaidLate * x.latePenalty + x.loanDefaults * x.loanDefaultPenalty;
        uint256 base = NEWCOMER_SCORE + b.performancePoints;
        b.collateralScore = _clamp(base, b.penaltyPoints);
        b.score = _clamp(base + b.loanBonus, b.penaltyPoints + b.loanPenaltyPoints);
    }

    /**
     * @notice The collateral multiplier of a score, in basis points: `newcomerBps` at or below
     * {NEWCOMER_SCORE} (a fresh account gets the newcomer terms, so a record can never be worth
     * less than a new account), `bestBps` at {MAX_SCORE}, linear in between, rounded up.
     * @param collateralScore The score.
     * @param bestBps The multiplier of a perfect score.
     * @param newcomerBps The multiplier of a newcomer (>= bestBps).
     * @return The multiplier.
     */
    function multiplierBps(uint256 collateralScore, uint256 bestBps, uint256 newcomerBps)
        internal
        pure
        returns (uint256)
    {
        if (collateralScore <= NEWCOMER_SCORE) return newcomerBps;
        if (collateralScore >= MAX_SCORE) return bestBps;
        return newcomerBps
            - ((newcomerBps - bestBps) * (collateralScore - NEWCOMER_SCORE)) / (MAX_SCORE - NEWCOMER_SCORE);
    }

    /**
     * @notice The collateral a product needs: its promised unit-seconds `capacity x term`, of which
     * the part `covered = min(promised, classCredit)` (what the issuer has already delivered in the
     * asset class, decayed) is charged at `multiplier` and the rest at `newcomerBps`, priced at
     * `baseRate` (payout token base units per unit-day, x {ONE}):
     * `ceil(baseRate * (covered * multiplier + (promised - covered) * newcomerBps) / (DAY * BPS * ONE))`.
     * @param baseRate Base rate of the asset class (x {ONE}).
     * @param capacity The product's capacity.
     * @param term The product's term in seconds.
     * @param classCredit The issuer's delivered unit-seconds in the class.
     * @param multiplier The issuer's multiplier ({multiplierBps}).
     * @param newcomerBps The newcomer multiplier.
     * @return The required collateral.
     */
    function requiredCollateral(
        uint256 baseRate,
        uint256 capacity,
        uint256 term,
        uint256 classCredit,
        uint256 multiplier,
        uint256 newcomerBps
    ) internal pure returns (uint256) {
        if (baseRate == 0) return 0;
        uint256 promised = capacity * term;
        uint256 covered = Math.min(promised, classCredit);
        uint256 weighted = covered * multiplier + (promised - covered) * newcomerBps;
        return Math.mulDiv(baseRate, weighted, DAY * BPS * ONE, Math.Rounding.Ceil);
    }

    function _clamp(uint256 plus, uint256 minus) private pure returns (uint256) {
        if (plus <= minus) return 0;
        uint256 s = plus - minus;
        return s > MAX_SCORE ? MAX_SCORE : s;
    }
}
