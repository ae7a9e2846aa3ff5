// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {PointsProgram} from "../src/incentives/PointsProgram.sol";
import {TokenStakingProgram} from "../src/incentives/TokenStakingProgram.sol";
import {IRewardSource} from "../src/interfaces/IRewardSource.sol";

/// @dev A points program whose points anyone can hand out (the accounting under test is the base's).
contract PointsHarness is PointsProgram {
    constructor(IRewardSource source_) PointsProgram(source_) {}

    function earn(address account, uint256 points) external {
        _pull();
        _earn(account, points);
    }
}

/// @dev A controller with two programs (a staking program and a points program, weights 1 and 1),
/// emitting from now.
abstract contract IncentiveMathBase is Test {
    EmissionController internal controller;
    TokenStakingProgram internal staking;
    PointsHarness internal points;
    TestPayoutToken internal shares;

    uint256 internal constant RATE = 1e18;
    uint64 internal constant HALVING = 30 days;
    uint256 internal start;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        HashMixAccessManager manager = new HashMixAccessManager(address(this));
        start = block.timestamp + 1;
        controller = new EmissionController(address(manager), 1e27, uint64(start), RATE, HALVING);
        shares = new TestPayoutToken("share", "S", 18, address(this));
        staking = new TokenStakingProgram(controller, shares);
        points = new PointsHarness(controller);
        controller.addProgram(address(staking));
        controller.addProgram(address(points));
        controller.setInitialWeight(address(staking), 1);
        controller.setInitialWeight(address(points), 1);
    }

    function _stake(address who, uint256 amount) internal {
        shares.mint(who, amount);
        vm.startPrank(who);
        shares.approve(address(staking), amount);
        staking.stake(amount);
        vm.stopPrank();
    }
}

/// @notice Fuzz suite of the reward accumulators (10,000 runs in the default profile): stake x time
/// and points shares are paid pro rata, rounded down, and never more than the program pulled; the
/// schedule is monotone and bounded.
contract IncentivesFuzzTest is IncentiveMathBase {
    address internal a = makeAddr("a");
    address internal b = makeAddr("b");

    function testFuzz_schedule_monotoneAndBounded(uint256 t1, uint256 t2) public view {
        t1 = bound(t1, 0, start + 100 * HALVING);
        t2 = bound(t2, t1, start + 200 * HALVING);
        uint256 e1 = controller.emittedUntil(t1);
        uint256 e2 = controller.emittedUntil(t2);
        assertLe(e1, e2);
        assertLt(e2, 2 * RATE * HALVING);
        if (t2 > start) assertLe(e2, (t2 - start) * RATE);
    }

    /// Two stakers, the second joining later: each is paid its stake x time share, within rounding,
    /// and together never more than the program pulled.
    function testFuzz_stake_proRataAndNeverMoreThanPulled(uint96 sa, uint96 sb, uint32 join, uint32 total) public {
        sa = uint96(bound(sa, 1, type(uint96).max));
        sb = uint96(bound(sb, 1, type(uint96).max));
        total = uint32(bound(total, 2, 400 days));
        join = uint32(bound(join, 1, total - 1));
        vm.warp(start);
        _stake(a, sa);
        vm.warp(start + join);
        _stake(b, sb);
        vm.warp(start + total);
        vm.prank(a);
        uint256 pa = staking.claim();
        vm.prank(b);
        uint256 pb = staking.claim();
        uint256 pulled = controller.programOf(address(staking)).allocated;
        assertLe(pa + pb, pulled, "never more than pulled");
        uint256 firstPart = controller.emittedUntil(start + join) / 2; // the staking program's half
        uint256 secondPart = pulled - firstPart;
        uint256 expectedB = (secondPart * sb) / (uint256(sa) + sb);
        assertApproxEqAbs(pb, expectedB, 2 + pulled / 1e15, "b: its share after joining");
        assertApproxEqAbs(pa + pb, pulled, 4 + pulled / 1e15, "only rounding dust stays");
        vm.prank(a);
        assertEq(staking.claim(), 0, "never twice");
    }

    /// Points of one day are shared pro rata; a day's claims never exceed its reward.
    function testFuzz_points_dayShareProRata(uint64 pa, uint64 pb, uint32 at) public {
        pa = uint64(bound(pa, 1, type(uint64).max));
        pb = uint64(bound(pb, 1, type(uint64).max));
        uint256 dayStart = (start / 1 days + 2) * 1 days;
        vm.warp(dayStart + bound(at, 0, 1 days - 1));
        points.earn(a, pa);
        points.earn(b, pb);
        vm.warp(dayStart + 1 days + 10);
        vm.prank(a);
        uint256 ra = points.claim();
        vm.prank(b);
        uint256 rb = points.claim();
        (, uint256 dayReward) = points.dayOf(dayStart / 1 days);
        assertLe(ra + rb, dayReward);
        assertApproxEqAbs(ra + rb, dayReward, 2);
        assertApproxEqAbs(ra, (dayReward * pa) / (uint256(pa) + pb), 1);
        assertLe(ra + rb + points.undistributed(), controller.programOf(address(points)).allocated);
    }

    /// An account earning on two days (the second earn converts the first day in the same record) is
    /// paid each day's pro rata share, floored per day, as a plain model computes it; a rival earns on
    /// both days too, so neither day pays one account everything.
    function testFuzz_points_earlierDayConvertedOnTheNextEarn(uint64 pa1, uint64 pa2, uint64 pb, uint32 gap) public {
        pa1 = uint64(bound(pa1, 1, type(uint64).max));
        pa2 = uint64(bound(pa2, 1, type(uint64).max));
        pb = uint64(bound(pb, 1, type(uint64).max));
        uint256 day1 = start / 1 days + 2;
        uint256 day2 = day1 + bound(gap, 1, 20);
        _earnOn(day1, pa1, pb);
        _earnOn(day2, pa2, pb); // a's earn converts day 1 into `accrued`
        uint256 expected1 = _dayShare(day1, pa1);
        (uint256 d, uint256 p, uint256 accrued) = points.accountOf(a);
        assertEq(d, day2, "latest day");
        assertEq(p, pa2, "its points there");
        assertEq(accrued, expected1, "day 1 converted, floored");
        vm.warp((day2 + 1) * 1 days + 10);
        vm.prank(a);
        uint256 paid = points.claim(); // first: it attributes day 2's tail, which the expectation reads
        assertEq(paid, expected1 + _dayShare(day2, pa2), "both days, each floored");
        (, p, accrued) = points.accountOf(a);
        assertEq(p + accrued, 0, "nothing left");
    }

    function _earnOn(uint256 day, uint256 pa, uint256 pb) private {
        vm.warp(day * 1 days + 100);
        points.earn(b, pb);
        points.earn(a, pa);
    }

    function _dayShare(uint256 day, uint256 pts) private view returns (uint256) {
        (uint256 dayPoints, uint256 reward) = points.dayOf(day);
        return (reward * pts) / dayPoints;
    }

    /// One account's points on one day are bounded by the record's 104 bits: reaching the bound
    /// reverts with SafeCast's typed error and changes nothing; up to it, the points are kept whole.
    function testFuzz_points_oneDayBoundIs104Bits(uint256 first, uint256 second) public {
        uint256 max = type(uint104).max;
        first = bound(first, 1, max);
        second = bound(second, max - first + 1, type(uint128).max - first);
        vm.warp((start / 1 days + 2) * 1 days);
        points.earn(a, first);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 104, first + second)
        );
        points.earn(a, second);
        (, uint256 p,) = points.accountOf(a);
        assertEq(p, first, "unchanged");
        points.earn(a, max - first);
        (, p,) = points.accountOf(a);
        assertEq(p, max, "up to the bound");
    }
}
