// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {CreditMath} from "../src/credit/CreditMath.sol";

/// @dev Exposes the library (internal functions) to the fuzzer.
contract CreditMathHarness {
    function decay(uint256 v, uint256 elapsed, uint256 halfLife) external pure returns (uint256) {
        return CreditMath.decay(v, elapsed, halfLife);
    }

    function score(CreditMath.Inputs memory x) external pure returns (CreditMath.Breakdown memory) {
        return CreditMath.score(x);
    }

    function multiplierBps(uint256 s, uint256 best, uint256 newcomer) external pure returns (uint256) {
        return CreditMath.multiplierBps(s, best, newcomer);
    }

    function required(uint256 rate, uint256 cap, uint256 term, uint256 credit, uint256 m, uint256 newcomer)
        external
        pure
        returns (uint256)
    {
        return CreditMath.requiredCollateral(rate, cap, term, credit, m, newcomer);
    }
}

/// @notice Fuzz suite of the credit formula (10,000 runs in the default profile): decay, score,
/// collateral multiplier and requirement stay in bounds, are monotone where they must be, and round
/// against the account.
contract CreditMathFuzzTest is Test {
    CreditMathHarness internal m;

    uint256 internal constant MIN_HALF_LIFE = 7 days;
    uint256 internal constant MAX_HALF_LIFE = 1460 days;

    function setUp() public {
        m = new CreditMathHarness();
    }

    // ------------------------------------------------------------------ decay

    function test_decay_exactAtWholeHalfLives() public view {
        assertEq(m.decay(1000, 0, 100), 1000);
        assertEq(m.decay(1000, 100, 100), 500);
        assertEq(m.decay(1000, 200, 100), 250);
        assertEq(m.decay(1000, 50, 100), 750);
        assertEq(m.decay(1000, 150, 100), 375);
        assertEq(m.decay(1, 50, 100), 1, "floor of the decrement");
        assertEq(m.decay(type(uint256).max, 256 * 100, 100), 0);
        assertEq(m.decay(type(uint256).max, 255 * 100, 100), 1);
        assertEq(m.decay(0, 12345, 100), 0);
    }

    function testFuzz_decay_boundedAndMonotone(uint128 v, uint128 w, uint64 e1, uint64 e2, uint256 halfLife)
        public
        view
    {
        halfLife = bound(halfLife, MIN_HALF_LIFE, MAX_HALF_LIFE);
        (uint256 lo, uint256 hi) = v <= w ? (uint256(v), uint256(w)) : (uint256(w), uint256(v));
        (uint256 ea, uint256 eb) = e1 <= e2 ? (uint256(e1), uint256(e2)) : (uint256(e2), uint256(e1));
        uint256 d = m.decay(hi, ea, halfLife);
        assertLe(d, hi, "never grows");
        assertLe(m.decay(lo, ea, halfLife), d, "monotone in the value");
        assertLe(m.decay(hi, eb, halfLife), d, "monotone in time");
        // between the two whole half-lives around it
        uint256 k = ea / halfLife;
        if (k < 255) {
            assertLe(d, hi >> k);
            assertGe(d, (hi >> k) / 2);
        }
    }

    // ------------------------------------------------------------------ score

    function _inputs(uint256 promised, uint256 delivered, uint256 experience, uint256 penalty)
        internal
        pure
        returns (CreditMath.Inputs memory x)
    {
        x.promised = promised;
        x.delivered = delivered;
        x.experience = experience;
        x.penalty = penalty;
        x.confidenceHalf = 90 days;
        x.loanBonusPerRepaid = 5;
        x.loanBonusCap = 50;
        x.latePenalty = 20;
        x.loanDefaultPenalty = 200;
    }

    function test_score_newcomerAndPerfect() public view {
        CreditMath.Breakdown memory b = m.score(_inputs(0, 0, 0, 0));
        assertEq(b.score, 300);
        assertEq(b.collateralScore, 300);
        // a perfect record of 90 settled days: confidence 1/2, reliability 1 -> 300 + 350
        b = m.score(_inputs(1e30, 1e30, 90 days, 0));
        assertEq(b.confidence, 0.5e18);
        assertEq(b.reliability, 1e18);
        assertEq(b.performancePoints, 350);
        assertEq(b.score, 650);
        // penalties round up: one base unit of penalty is a whole point
        b = m.score(_inputs(0, 0, 0, 1));
        assertEq(b.penaltyPoints, 1);
        assertEq(b.score, 299);
    }

    function testFuzz_score_inBoundsAndMonotone(
        uint128 promised,
        uint128 delivered,
        uint64 experience,
        uint128 penalty,
        uint32 repaid,
        uint32 late,
        uint32 defaulted,
        uint128 extra
    ) public view {
        delivered = uint128(bound(delivered, 0, promised));
        CreditMath.Inputs memory x = _inputs(promised, delivered, experience, penalty);
        x.repaid = repaid;
        x.repaidLate = late;
        x.loanDefaults = defaulted;
        CreditMath.Breakdown memory b = m.score(x);
        assertLe(b.score, 1000);
        CreditMath.Inputs memory own = _inputs(promised, delivered, experience, penalty);
        assertEq(b.collateralScore, m.score(own).score, "collateral follows the record without the borrower part");
        assertLe(b.reliability, 1e18);
        assertLt(b.confidence, 1e18);
        assertLe(b.performancePoints, 700);
        assertLe(b.loanBonus, 50);

        // delivering more never lowers the score
        CreditMath.Inputs memory more = _inputs(promised, delivered, experience, penalty);
        more.repaid = repaid;
        more.repaidLate = late;
        more.loanDefaults = defaulted;
        more.delivered = bound(uint256(delivered) + extra, delivered, promised);
        assertGe(m.score(more).score, b.score, "monotone in delivery");
        // more penalty never raises it
        more = _inputs(promised, delivered, experience, uint256(penalty) + extra);
        more.repaid = repaid;
        more.repaidLate = late;
        more.loanDefaults = defaulted;
        assertLe(m.score(more).score, b.score, "monotone in penalty");
    }

    // ------------------------------------------------------------------ collateral

    function test_multiplier_endsAndMiddle() public view {
        assertEq(m.multiplierBps(0, 10_000, 30_000), 30_000);
        assertEq(m.multiplierBps(300, 10_000, 30_000), 30_000);
        assertEq(m.multiplierBps(650, 10_000, 30_000), 20_000);
        assertEq(m.multiplierBps(1000, 10_000, 30_000), 10_000);
        assertEq(m.multiplierBps(301, 10_000, 30_000), 29_972, "30,000 - floor(20,000 / 700): rounded up");
    }

    function testFuzz_multiplier_boundedAndMonotone(uint256 s1, uint256 s2, uint256 best, uint256 newcomer)
        public
        view
    {
        best = bound(best, 10_000, 100_000);
        newcomer = bound(newcomer, best, 100_000);
        s1 = bound(s1, 0, 1000);
        s2 = bound(s2, s1, 1000);
        uint256 a = m.multiplierBps(s1, best, newcomer);
        uint256 b = m.multiplierBps(s2, best, newcomer);
        assertGe(a, best);
        assertLe(a, newcomer);
        assertGe(a, b, "a better score never needs more");
    }

    function test_required_example() public view {
        // 1,000 units for 10 days at 1 base unit per unit-day: promised 10,000 unit-days
        uint256 rate = 1e18;
        uint256 promised = 1000 * 10 days;
        assertEq(m.required(rate, 1000, 10 days, 0, 20_000, 30_000), 30_000, "newcomer 3x");
        assertEq(m.required(rate, 1000, 10 days, promised, 10_000, 30_000), 10_000, "fully covered at 1x");
        assertEq(m.required(rate, 1000, 10 days, promised / 2, 10_000, 30_000), 20_000, "half covered");
        assertEq(m.required(0, 1000, 10 days, 0, 10_000, 30_000), 0, "no rate, no requirement");
        assertEq(m.required(1, 1, 1, 0, 30_000, 30_000), 1, "rounded up");
    }

    function testFuzz_required_betweenBestAndNewcomerAndMonotoneInCredit(
        uint128 rate,
        uint64 capacity,
        uint256 term,
        uint256 credit1,
        uint256 credit2,
        uint256 s
    ) public view {
        term = bound(term, 1, 3650 days);
        s = bound(s, 0, 1000);
        uint256 promised = uint256(capacity) * term;
        credit1 = bound(credit1, 0, type(uint128).max);
        credit2 = bound(credit2, credit1, type(uint128).max);
        uint256 mult = m.multiplierBps(s, 10_000, 30_000);
        uint256 r1 = m.required(rate, capacity, term, credit1, mult, 30_000);
        uint256 r2 = m.required(rate, capacity, term, credit2, mult, 30_000);
        assertLe(r2, r1, "more proven exposure never needs more");
        uint256 newcomer = m.required(rate, capacity, term, 0, mult, 30_000);
        uint256 best = m.required(rate, capacity, term, promised, 10_000, 30_000);
        assertLe(r1, newcomer, "never more than a newcomer");
        assertGe(r1, best, "never less than a perfect, fully covered record");
        if (rate != 0 && promised != 0) assertGt(r1, 0);
    }
}
