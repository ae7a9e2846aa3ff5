// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ZeroAddress} from "../src/common/Errors.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {HMXToken} from "../src/incentives/HMXToken.sol";
import {RevenueShareProgram, IRevenueSharing} from "../src/incentives/RevenueShareProgram.sol";
import {IRewardSource} from "../src/interfaces/IRewardSource.sol";
import {IFulfillmentClaims} from "../src/interfaces/IFulfillmentClaims.sol";
import {HashPowerSwapPool, IFrozenRedemption} from "../src/swap/HashPowerSwapPool.sol";
import {SwapPoolLens} from "../src/swap/SwapPoolLens.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice The liquidity providers' program: HMX paid into the swap pool and shared by pool shares x time
/// through the pool's revenue unlocking; the shares stay with the liquidity providers (their pool revenue
/// keeps coming); a quiet period with no shares is never paid.
contract RevenueShareProgramTest is SwapFixtures {
    EmissionController internal controller;
    HMXToken internal hmx;
    HashPowerSwapPool internal lpPool;
    RevenueShareProgram internal program;
    uint256 internal start;

    uint256 internal constant RATE = 1e18; // 1 HMX per second, all of it to the one program

    function setUp() public override {
        super.setUp();
        start = block.timestamp + 1 hours;
        controller = new EmissionController(address(manager), 1e27, uint64(start), RATE, 365 days);
        hmx = controller.hmx();
        lpPool = new HashPowerSwapPool(
            address(manager),
            hpt,
            valuation,
            IFulfillmentClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            assetClasses,
            FEE_BPS,
            address(hmx)
        );
        program = new RevenueShareProgram(controller, IRevenueSharing(address(lpPool)));
        vm.startPrank(owner);
        controller.addProgram(address(program));
        controller.setInitialWeight(address(program), 10);
        lpPool.scheduleClass(btc, CAP, MIN_REMAINING);
        lpPool.scheduleClass(fil, CAP, MIN_REMAINING);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 days);
        lpPool.applyClass(btc);
        lpPool.applyClass(fil);
        _refreshPrices();
        pool = lpPool; // the fixtures' deposit helpers use `pool`
        poolLens = new SwapPoolLens(address(lpPool));
    }

    function test_constructor_refusesZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new RevenueShareProgram(IRewardSource(address(0)), IRevenueSharing(address(lpPool)));
        vm.expectRevert(ZeroAddress.selector);
        new RevenueShareProgram(controller, IRevenueSharing(address(0)));
        assertEq(address(program.source()), address(controller));
        assertEq(address(program.recipient()), address(lpPool));
    }

    function test_pool_tracksTheRewardTokenLikeAPayoutToken() public view {
        address[] memory tokens = poolLens.payoutTokens();
        assertEq(tokens[0], address(hmx), "tracked from the constructor");
        assertEq(tokens.length, 3, "HMX, tWBTC, tFIL");
    }

    /// Two liquidity providers with 1:3 of the shares get 1:3 of what was forwarded, once it unlocked,
    /// and never more than the program pulled.
    function test_forward_sharedByPoolSharesTimesTime() public {
        (, uint256 a) = _filToken(alice, 1_000e6);
        (, uint256 b) = _filToken(bob, 3_000e6);
        uint256 aShares = _lpDeposit(alice, a);
        uint256 bShares = _lpDeposit(bob, b);
        assertApproxEqRel(bShares, 3 * aShares, 1e12);
        vm.warp(block.timestamp + 1 days);

        uint256 pending = program.pending();
        assertGt(pending, 0);
        vm.expectEmit(address(program));
        emit RevenueShareProgram.Forwarded(address(lpPool), pending);
        uint256 forwarded = program.forward();
        assertEq(forwarded, pending);
        assertEq(hmx.balanceOf(address(lpPool)), forwarded, "minted into the pool");
        (,, uint256 locked,) = poolLens.revenueState(address(hmx));
        assertEq(locked, forwarded, "unlocking to shareholders");
        assertEq(program.forward(), 0, "nothing twice in one block");

        vm.warp(block.timestamp + lpPool.REVENUE_UNLOCK());
        uint256 aOwed = lpPool.claimableRevenue(alice, address(hmx));
        uint256 bOwed = lpPool.claimableRevenue(bob, address(hmx));
        assertApproxEqRel(bOwed, 3 * aOwed, 1e12);
        assertLe(aOwed + bOwed, forwarded);
        assertGe(aOwed + bOwed + 2, forwarded);
        vm.prank(alice);
        lpPool.claimRevenue();
        assertEq(hmx.balanceOf(alice), aOwed);
        EmissionController.Program memory p = controller.programOf(address(program));
        assertEq(p.paid, forwarded, "the controller paid exactly what was forwarded");
        assertEq(p.allocated, forwarded);
    }

    /// While the pool has no shares, what accrues is undistributed and never paid: a first depositor
    /// cannot collect a quiet period.
    function test_forward_withoutShares_isUndistributed() public {
        vm.warp(start + 1 days);
        uint256 pending = program.pending();
        assertGt(pending, 0);
        vm.expectEmit(address(program));
        emit RevenueShareProgram.Undistributed(pending);
        assertEq(program.forward(), pending);
        assertEq(program.undistributed(), pending);
        assertEq(hmx.balanceOf(address(lpPool)), 0);
        (, uint256 t) = _filToken(alice, 1_000e6);
        _lpDeposit(alice, t);
        vm.warp(block.timestamp + 2 days);
        assertEq(lpPool.claimableRevenue(alice, address(hmx)), 0, "the quiet day is not hers");
    }

    /// The shares stay with the liquidity provider: it keeps earning the pool's revenue (here tFIL paid
    /// to the pool) next to HMX, both claimed in one call.
    function test_liquidityProvider_keepsThePoolsRevenue() public {
        (, uint256 t) = _filToken(alice, 1_000e6);
        _lpDeposit(alice, t);
        vm.warp(block.timestamp + 1 days);
        program.forward();
        vm.prank(owner);
        tfil.mint(address(lpPool), 5e18);
        lpPool.sync();
        vm.warp(block.timestamp + lpPool.REVENUE_UNLOCK());
        vm.prank(alice);
        uint256[] memory paid = lpPool.claimRevenue();
        assertGt(paid[0], 0, "HMX");
        assertApproxEqAbs(paid[2], 5e18, 1e6, "tFIL");
    }

    /// A deposit just before a forward, withdrawn right after, earns no HMX.
    function test_forward_inAndOutDeposit_earnsNothing() public {
        (, uint256 t) = _filToken(alice, 1_000e6);
        _lpDeposit(alice, t);
        vm.warp(block.timestamp + 1 days);
        (, uint256 big) = _filToken(bob, 50_000e6);
        uint256 bobShares = _lpDeposit(bob, big);
        program.forward();
        vm.startPrank(bob);
        lpPool.withdrawProRata(bobShares, bob);
        lpPool.claimRevenue();
        vm.stopPrank();
        assertEq(hmx.balanceOf(bob), 0);
    }

    function test_forward_byAContractThatIsNotAProgram_reverts() public {
        RevenueShareProgram stray = new RevenueShareProgram(controller, IRevenueSharing(address(lpPool)));
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, address(stray)));
        stray.forward();
    }

    /// Whatever the timing of forwards and share transfers, the liquidity providers together never get
    /// more HMX than the program pulled, and get all of it (less rounding) once it unlocked.
    function testFuzz_forward_neverMoreThanPulled(uint256 dt1, uint256 dt2, uint256 moved) public {
        (, uint256 a) = _filToken(alice, 1_000e6);
        uint256 aShares = _lpDeposit(alice, a);
        vm.warp(start + bound(dt1, 1, 30 days));
        uint256 first = program.forward();
        vm.warp(block.timestamp + bound(dt2, 1, 30 days));
        vm.prank(alice);
        lpPool.transfer(bob, bound(moved, 1, aShares));
        uint256 second = program.forward();
        uint256 total = first + second;
        assertEq(controller.programOf(address(program)).paid, total);
        uint256 owed = lpPool.claimableRevenue(alice, address(hmx)) + lpPool.claimableRevenue(bob, address(hmx));
        assertLe(owed, total);
        vm.warp(block.timestamp + lpPool.REVENUE_UNLOCK());
        owed = lpPool.claimableRevenue(alice, address(hmx)) + lpPool.claimableRevenue(bob, address(hmx));
        assertLe(owed, total);
        assertGe(owed + 4, total);
    }
}
