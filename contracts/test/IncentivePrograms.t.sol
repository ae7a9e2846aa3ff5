// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AmountNotReceived, LengthMismatch, TooManyItems, ZeroAddress, ZeroAmount} from "../src/common/Errors.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {TokenStakingProgram} from "../src/incentives/TokenStakingProgram.sol";
import {AttestorRewards} from "../src/incentives/AttestorRewards.sol";
import {HolderRewards} from "../src/incentives/HolderRewards.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {ToggleFeeToken} from "./mocks/FulfillmentMocks.sol";
import {ReentrantStakeToken} from "./mocks/IncentiveMocks.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @notice The incentive programs: liquidity providers and lenders by stake x time, issuers by
/// delivered unit-seconds scaled by credit, attestors per report signed and not slashed, holders by
/// units x time held; claims pull only, never pay twice (item 27), days and periods with no
/// participants pay nobody, funding mid-period and tiny rates over large totals (item 28).
contract IncentiveProgramsTest is IncentivesFixtures {
    uint256 internal constant DAY = 1 days;

    // ================================================================== liquidity providers (stake x time)

    function test_lp_paysByStakeTimeProRata() public {
        _lp(alice, 100e18);
        _lp(bob, 300e18);
        vm.warp(START);
        vm.prank(alice);
        lpProgram.stake(100e18);
        vm.warp(START + 1000);
        vm.prank(bob);
        lpProgram.stake(300e18);
        vm.warp(START + 2000);
        uint256 share = RATE / 10; // the LP program's 10 of 100
        assertApproxEqAbs(lpProgram.claimable(alice), 1000 * share + 250 * share, 2);
        assertApproxEqAbs(lpProgram.claimable(bob), 750 * share, 2);
        vm.prank(alice);
        uint256 a = lpProgram.claim();
        vm.prank(bob);
        uint256 b = lpProgram.claim();
        assertEq(hmx.balanceOf(alice), a);
        assertEq(hmx.balanceOf(bob), b);
        assertLe(a + b, 2000 * share, "never more than what accrued");
        assertApproxEqAbs(a + b, 2000 * share, 4);
        assertEq(lpProgram.totalStake(), 400e18);
        assertEq(lpProgram.stakeOf(bob), 300e18);
    }

    function test_item27_noDoubleClaim() public {
        _lp(alice, 100e18);
        vm.prank(alice);
        lpProgram.stake(100e18);
        vm.warp(START + 100);
        vm.startPrank(alice);
        uint256 first = lpProgram.claim();
        assertGt(first, 0);
        assertEq(lpProgram.claim(), 0, "a second claim in the same block pays nothing");
        vm.stopPrank();
        assertEq(hmx.balanceOf(alice), first);
        assertEq(lpProgram.claimable(alice), 0);
    }

    function test_item28_periodsWithNoParticipantsPayNobody() public {
        _lp(alice, 100e18);
        vm.warp(START + 500);
        vm.prank(alice);
        lpProgram.stake(100e18); // the first 500 seconds had no stake
        vm.warp(START + 1000);
        vm.prank(alice);
        uint256 paid = lpProgram.claim();
        assertApproxEqAbs(paid, 500 * RATE / 10, 1);
        assertEq(lpProgram.undistributed(), 500 * RATE / 10, "the quiet period is not collected by the first staker");
    }

    function test_item28_fundingMidPeriodGoesToStakersOverTheWeek() public {
        _lp(alice, 100e18);
        vm.warp(START);
        vm.prank(alice);
        lpProgram.stake(100e18);
        vm.warp(START + 1 days);
        _hmx(carol, 7000e18);
        vm.startPrank(carol);
        hmx.approve(address(controller), 7000e18);
        controller.fund(address(lpProgram), 7000e18);
        vm.stopPrank();
        // a staker arriving right after the funding does not take the lump: it streams
        _lp(bob, 100e18);
        vm.prank(bob);
        lpProgram.stake(100e18);
        vm.warp(START + 8 days);
        uint256 emission = (8 days * RATE) / 10;
        uint256 a = lpProgram.claimable(alice);
        uint256 b = lpProgram.claimable(bob);
        assertApproxEqAbs(a + b, emission + 7000e18, 4);
        assertApproxEqAbs(a - b, (1 days * RATE) / 10, 4, "alice's lead is only her first day alone");
    }

    function test_item28_tinyRatesOverLargeTotals() public {
        EmissionController slow = new EmissionController(address(manager), 1e27, uint64(START), 1, HALVING);
        TokenStakingProgram p = new TokenStakingProgram(slow, lpShares);
        vm.startPrank(owner);
        slow.addProgram(address(p));
        slow.setInitialWeight(address(p), 1);
        vm.stopPrank();
        _lp(alice, 1e30);
        _lp(bob, 1);
        vm.prank(alice);
        lpShares.approve(address(p), type(uint256).max);
        vm.prank(bob);
        lpShares.approve(address(p), type(uint256).max);
        vm.prank(alice);
        p.stake(1e30);
        vm.prank(bob);
        p.stake(1);
        for (uint256 i = 1; i <= 10; i++) {
            vm.warp(START + i * 1000);
            vm.prank(alice);
            p.withdraw(1); // touches the accumulator every 1,000 seconds: 1,000 wei over 1e30 stake
            vm.prank(alice);
            p.stake(1);
        }
        uint256 a = p.claimable(alice);
        assertGt(p.rewardPerStake(), 0, "the accumulator still moves");
        assertApproxEqAbs(a, 10_000, 20, "1 wei per second, all but dust to the large staker");
        assertEq(p.claimable(bob), 0, "1 wei of 1e30 earns nothing, never a negative or a rounding up");
        assertLe(a, slow.emittedUntil(block.timestamp));
    }

    function test_lp_withdrawExitAndErrors() public {
        _lp(alice, 100e18);
        vm.startPrank(alice);
        vm.expectRevert(ZeroAmount.selector);
        lpProgram.stake(0);
        lpProgram.stake(100e18);
        vm.expectRevert(abi.encodeWithSelector(TokenStakingProgram.InsufficientStake.selector, 100e18, 101e18));
        lpProgram.withdraw(101e18);
        vm.expectRevert(ZeroAmount.selector);
        lpProgram.withdraw(0);
        vm.warp(START + 10);
        lpProgram.withdraw(40e18);
        assertEq(lpShares.balanceOf(alice), 40e18);
        vm.warp(START + 20);
        uint256 reward = lpProgram.exit();
        vm.stopPrank();
        assertEq(lpShares.balanceOf(alice), 100e18);
        assertApproxEqAbs(reward, 20 * RATE / 10, 2);
        assertEq(lpProgram.stakeOf(alice), 0);
        assertEq(address(lpProgram.stakeToken()), address(lpShares));
        assertEq(address(lpProgram.source()), address(controller));
        vm.expectRevert(ZeroAddress.selector);
        new TokenStakingProgram(controller, IERC20(address(0)));
    }

    function test_lp_refusesFeeOnTransferStakeTokens() public {
        ToggleFeeToken fee = new ToggleFeeToken();
        TokenStakingProgram p = new TokenStakingProgram(controller, fee);
        vm.prank(owner);
        controller.addProgram(address(p));
        fee.mint(alice, 100e18);
        fee.setFee(true);
        vm.startPrank(alice);
        fee.approve(address(p), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 100e18, 99e18));
        p.stake(100e18);
        vm.stopPrank();
    }

    function test_item15_aReentrantStakeTokenCannotReenter() public {
        ReentrantStakeToken evil = new ReentrantStakeToken();
        TokenStakingProgram p = new TokenStakingProgram(controller, evil);
        vm.prank(owner);
        controller.addProgram(address(p));
        evil.mint(alice, 100e18);
        evil.setTarget(p);
        vm.startPrank(alice);
        evil.approve(address(p), type(uint256).max);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        p.stake(100e18);
        vm.stopPrank();
    }

    // ================================================================== lenders (hook stake x time)

    function test_lenders_earnByPrincipalTimeFromTheLendingHook() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        lenderProgram.setStake(stranger, 1e18);
        vm.warp(START);
        vm.prank(lending);
        lenderProgram.setStake(alice, 5_000e6);
        vm.warp(START + 300);
        vm.prank(lending);
        lenderProgram.setStake(alice, 0); // repaid
        vm.warp(START + 1000);
        vm.prank(alice);
        uint256 paid = lenderProgram.claim();
        assertApproxEqAbs(paid, 300 * RATE / 10, 1, "only while the principal was out");
    }

    // ================================================================== issuers (delivered unit-seconds x credit)

    function test_issuers_earnByDeliveredUnitSecondsScaledByCredit() public {
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0); // settles epoch 0: the router tells credit, then the programs
        uint256 today = block.timestamp / DAY;
        (uint256 day, uint256 points,) = issuerRewards.accountOf(issuer);
        assertEq(day, today);
        assertEq(points, UNITS * EPOCH * credit.scoreOf(issuer) / 1000);
        assertEq(issuerRewards.claimable(issuer), 0, "counted once the day is over");
        vm.warp((today + 1) * DAY + 10);
        uint256 expected = issuerRewards.claimable(issuer);
        vm.prank(issuer);
        uint256 paid = issuerRewards.claim();
        assertEq(paid, expected);
        (, uint256 dayReward) = issuerRewards.dayOf(today);
        assertEq(paid, dayReward, "the only issuer that day takes the day's reward");
        assertGt(issuerRewards.undistributed(), 0, "days before it had no points");
        assertEq(hmx.balanceOf(issuer), paid);
    }

    function test_issuers_twoIssuersShareADayByPoints() public {
        address farm2 = makeAddr("farm2");
        _fund(farm2, 1_000e8);
        vm.prank(farm2);
        wbtc.approve(address(fv), type(uint256).max);
        (uint256 p1,) = _defaultProduct();
        HashPowerToken.ProductAttestation memory a = _attestationFor(farm2, hw, attestationNonce++);
        a.capacity = 3 * UNITS;
        a.start = uint64(T0);
        a.end = uint64(T0 + TERM);
        (uint256 p2,) = _mint(a);
        vm.warp(_epochEnd(0, TERM));
        _report(p1, 0, UNITS, 100, 1);
        _deposit(p1, 0);
        _report(p2, 0, 3 * UNITS, 300, 1);
        vm.prank(farm2);
        fv.deposit(p2, 0);
        vm.warp(block.timestamp + 1 days);
        vm.prank(issuer);
        uint256 one = issuerRewards.claim();
        vm.prank(farm2);
        uint256 three = issuerRewards.claim();
        assertApproxEqAbs(three, 3 * one, 3, "same score, three times the delivery");
    }

    function test_issuers_aZeroScoreEarnsNothingAndOtherClassesAreIgnored() public {
        vm.prank(address(hardwareRegistry));
        credit.recordFrozen(issuer, 99); // -500: still 0 after a clean epoch
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        (,, uint256 accrued) = issuerRewards.accountOf(issuer);
        (, uint256 points,) = issuerRewards.accountOf(issuer);
        assertEq(points, 0);
        assertEq(accrued, 0);
        // a pass of another class
        IFulfillmentObserver.SettledPass memory pass;
        pass.issuer = alice;
        pass.assetClass = keccak256("FIL-STORAGE");
        pass.deliveredUnitSeconds = 1e9;
        vm.prank(address(router));
        issuerRewards.onSettled(pass);
        (, points,) = issuerRewards.accountOf(alice);
        assertEq(points, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        issuerRewards.onSettled(pass);
        vm.prank(address(router));
        issuerRewards.onReported(1, 0, btc, new address[](0)); // issuers earn nothing from reports
        assertEq(issuerRewards.assetClass(), btc);
        assertEq(address(issuerRewards.credit()), address(credit));
    }

    // ================================================================== attestors (reports signed, not slashed)

    function test_attestors_earnPerReportSigned() public {
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1); // signed by att[0..2]
        (, uint256 points,) = attestorRewards.accountOf(att[0]);
        assertEq(points, 1);
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, 100, 1);
        vm.warp(block.timestamp + 1 days);
        uint256[3] memory paid;
        for (uint256 i; i < 3; i++) {
            vm.prank(att[i]);
            paid[i] = attestorRewards.claim();
            assertGt(paid[i], 0);
        }
        assertEq(paid[0], paid[1]);
        assertEq(paid[1], paid[2]);
        vm.prank(att[3]);
        assertEq(attestorRewards.claim(), 0, "did not sign");
    }

    function test_attestors_slashedBeforeClaimingForfeit() public {
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        vm.warp(block.timestamp + 1 days);
        uint256 owed = attestorRewards.claimable(att[0]);
        assertGt(owed, 0);
        // a duplicate-hardware challenge slashes every attestor who signed both products
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, attestationNonce++);
        b.deadline = uint64(block.timestamp + 1 days);
        b.end = uint64(block.timestamp + 365 days);
        (uint256 dup,) = _mint(b);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], pid, MerkleHelper.proof(hw, 0), dup, new bytes32[](0));
        assertEq(credit.slashesOf(att[0]), 1);
        assertEq(attestorRewards.claimable(att[0]), 0);
        uint256 before = attestorRewards.undistributed();
        vm.expectEmit(address(attestorRewards));
        emit AttestorRewards.RewardForfeited(att[0], owed);
        vm.prank(att[0]);
        assertEq(attestorRewards.claim(), 0);
        assertGt(attestorRewards.undistributed(), before);
    }

    /// An attestor slashed before it first earns keeps that count as its mark, in the slot that also
    /// holds its points and reward: later days converted into its reward are paid in full, like an
    /// attestor never slashed; a slash after it earned forfeits them.
    function test_attestors_slashedBeforeEarningKeepsItsMarkAcrossConversions() public {
        (uint256 pid,) = _defaultProduct();
        vm.mockCall(address(credit), abi.encodeCall(credit.slashesOf, (att[0])), abi.encode(uint256(1)));
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1); // signed by att[0..2]: att[0] starts earning, mark 1
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, 100, 1); // converts the first day into the reward, beside the mark
        vm.warp(block.timestamp + 1 days);
        (,, uint256 accrued) = attestorRewards.accountOf(att[0]);
        assertGt(accrued, 0, "the first day was converted");
        uint256 owed = attestorRewards.claimable(att[0]);
        assertGt(owed, accrued, "and the second day counts too");
        assertEq(owed, attestorRewards.claimable(att[1]), "paid like an attestor never slashed");
        vm.mockCall(address(credit), abi.encodeCall(credit.slashesOf, (att[0])), abi.encode(uint256(2)));
        assertEq(attestorRewards.claimable(att[0]), 0, "slashed since it started earning");
        vm.prank(att[0]);
        assertEq(attestorRewards.claim(), 0);
        vm.prank(att[1]);
        assertEq(attestorRewards.claim(), owed);
    }

    function test_item28_aDayWithoutReportsPaysNobody() public {
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(1, TERM)); // two quiet weeks before the first report
        _report(pid, 1, UNITS, 100, 1);
        assertGt(attestorRewards.undistributed(), 0, "the days before the first report");
        (, uint256 reward) = attestorRewards.dayOf(block.timestamp / DAY);
        assertGt(reward, 0);
    }

    // ================================================================== holders (units x time held)

    function _registeredProduct() internal returns (uint256 pid, uint256 tokenId) {
        (pid, tokenId) = _defaultProduct();
        holderRewards.register(pid);
    }

    function test_holders_productCountsFromTomorrowToItsEnd() public {
        (uint256 pid,) = _registeredProduct();
        HolderRewards.Window memory w = holderRewards.windowOf(pid);
        assertTrue(w.registered);
        assertEq(w.fromDay, T0 / DAY + 1);
        assertEq(w.toDay, (T0 + TERM) / DAY);
        assertEq(w.capacity, UNITS);
        holderRewards.register(pid); // a second call does nothing
        assertEq(holderRewards.windowOf(pid).fromDay, w.fromDay);
    }

    function test_holders_theVaultsFirstSightRegisters() public {
        (uint256 pid,) = _defaultProduct();
        assertFalse(holderRewards.windowOf(pid).registered);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        assertTrue(holderRewards.windowOf(pid).registered);
    }

    function test_holders_paidByUnitsTimeHeldAcrossASale() public {
        (uint256 pid, uint256 tokenId) = _registeredProduct();
        uint256 from = (T0 / DAY + 1) * DAY;
        vm.warp(from + 2 days);
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(tokenId, _units(250, 750));
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, parts[0]);
        vm.warp(from + 4 days + 1);
        holderRewards.advance(10);
        // holdings: token 1 (issuer, 1,000 units, days 0-1), token 2 (issuer then alice, 250), token 3 (issuer, 750)
        uint256 perDay = holderRewards.accumulatorAt(from / DAY + 1) - holderRewards.accumulatorAt(from / DAY);
        assertGt(perDay, 0);
        uint256 first = holderRewards.claimable(tokenId, 0);
        uint256 aliceHolding = hpt.holdingCount(parts[0]) - 1;
        uint256 alicePaid = holderRewards.claimable(parts[0], aliceHolding);
        uint256 rest = holderRewards.claimable(parts[1], 0);
        assertApproxEqRel(alicePaid * 3, rest, 1e12, "250 vs 750 units over the same two days");
        assertApproxEqRel(first, alicePaid * 4, 1e12, "1,000 units over two days vs 250");
        uint256[] memory ids = new uint256[](3);
        uint256[] memory idx = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (tokenId, parts[0], parts[1]);
        (idx[0], idx[1], idx[2]) = (0, aliceHolding, 0);
        uint256 total = holderRewards.claim(ids, idx);
        assertEq(hmx.balanceOf(alice), alicePaid);
        assertEq(total, first + alicePaid + rest);
        // the units x time of every holding is the whole supply: four days' rewards, minus dust
        uint256 fourDays = holderRewards.accumulatorAt(from / DAY + 4) - holderRewards.accumulatorAt(from / DAY);
        assertApproxEqAbs(total, fourDays * UNITS / 1e36, 10);
        assertEq(pid, 1);
    }

    function test_item27_holdingsAreNeverPaidTwice() public {
        (, uint256 tokenId) = _registeredProduct();
        vm.warp(T0 + 3 days);
        uint256[] memory ids = new uint256[](2);
        uint256[] memory idx = new uint256[](2);
        ids[0] = tokenId;
        ids[1] = tokenId; // the same holding twice in one claim
        uint256 total = holderRewards.claim(ids, idx);
        assertGt(total, 0);
        assertEq(hmx.balanceOf(issuer), total);
        assertEq(holderRewards.claim(ids, idx), 0);
        (uint256 until, uint256 paid) = holderRewards.claimCursor(tokenId, 0);
        assertEq(paid, total);
        assertEq(until, (T0 + 3 days) / DAY * DAY);
        vm.expectRevert(abi.encodeWithSelector(LengthMismatch.selector, 2, 1));
        holderRewards.claim(ids, new uint256[](1));
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, 65, 64));
        holderRewards.claim(new uint256[](65), new uint256[](65));
    }

    function test_holders_aFrozenProductStopsCounting() public {
        (uint256 pid,) = _registeredProduct();
        vm.expectRevert(abi.encodeWithSelector(HolderRewards.StillCounting.selector, pid));
        holderRewards.deregister(pid);
        vm.warp(T0 + 3 days);
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, attestationNonce++);
        b.deadline = uint64(block.timestamp + 1 days);
        b.end = uint64(block.timestamp + 20 days);
        (uint256 dup,) = _mint(b);
        holderRewards.register(dup);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], pid, MerkleHelper.proof(hw, 0), dup, new bytes32[](0));
        holderRewards.deregister(dup);
        HolderRewards.Window memory w = holderRewards.windowOf(dup);
        assertEq(w.toDay, w.fromDay, "stopped before it started counting");
        vm.expectRevert(abi.encodeWithSelector(HolderRewards.StillCounting.selector, 999));
        holderRewards.deregister(999);
    }

    function test_holders_otherClassesAreRefused() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), true);
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.assetClass = etc;
        (uint256 pid,) = _mint(a);
        vm.expectRevert(abi.encodeWithSelector(HolderRewards.WrongAssetClass.selector, pid, etc));
        holderRewards.register(pid);
    }

    function test_holders_longQuietStretchesAreCaughtUpInSteps() public {
        _registeredProduct();
        vm.warp(T0 + 200 days);
        holderRewards.advance(50);
        (uint256 day,,) = holderRewards.state();
        assertEq(day, T0 / DAY + 50);
        holderRewards.advance(1000);
        (day,,) = holderRewards.state();
        assertEq(day, (T0 + 200 days) / DAY);
    }
}
