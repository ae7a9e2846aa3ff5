// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";

/// @notice Whole product lives with every claim computed by hand.
///
/// Product: 1,000 units over [T0, T0 + 30d); epochs of 7 days (epoch 4 is [28d, 30d)); report
/// window 2 days, deposit window 3 days; 6 tWBTC (6e8 base units) of collateral, so the
/// unreported floor (the collateral's per-epoch share, 6e8 / 5 = 1.2e8) equals 1000 x 1.2e5.
///
/// | epoch | what happens                                | deposited | compensation          | E       |
/// |-------|---------------------------------------------|-----------|-----------------------|---------|
/// | 0     | full delivery, 1e8 revenue, u = 1e5         | 1e8       | 0                     | 1e8     |
/// | 1     | 800 delivered, 8e7 revenue, u = 1e5 (short) | 8e7       | 200 x 1e5 = 2e7       | 1e8     |
/// | 2     | 900 delivered, 9e7 revenue, u = 1.2e5, the issuer never deposits (missed) | 0 | 9e7 + 100 x 1.2e5 = 1.02e8 | 1.02e8 |
/// | 3     | never reported (unreported)                 | 0         | 1000 x 1.2e5 = 1.2e8  | 1.2e8   |
/// | 4     | full delivery over 2 days, 3e7, u = 3e4     | 3e7       | 0                     | 3e7     |
///
/// Accumulator at the epoch ends (cumulative E x 1e18 / 1000): A1 = 1e23, A2 = 2e23,
/// A3 = 3.02e23, A4 = 4.22e23, A5 = 4.52e23; inside an epoch A is interpolated (rounded down).
///
/// Trades: 2d issuer -> alice (transfer); 5d alice carves 400 to bob (t2); 10d bob splits t2 into
/// 100 (t3) + 300 (t4); 12d bob transfers t4 to alice; 16d alice merges t1 (600) + t4 (300) into t5;
/// 25d alice transfers t5 to bob.
contract FulfillmentVaultLifecycleTest is FulfillmentAreaFixtures {
    uint256 internal pid;
    uint256 internal t1;
    uint256 internal t2;
    uint256 internal t3;
    uint256 internal t4;
    uint256 internal t5;

    uint256 internal constant LIFE_COLLATERAL = 6e8;

    function setUp() public override {
        super.setUp();
        (pid, t1) = _product(UNITS, TERM, LIFE_COLLATERAL);
    }

    function _at(uint256 offset) internal {
        vm.warp(T0 + offset);
    }

    function test_lifecycle_threeHoldersFiveEpochs() public {
        _epoch0();
        _epoch1();
        _epoch2();
        _epochs3And4();
        _finalClaims();
        _totalsAndCollateral();
    }

    function _epoch0() internal {
        // ---- epoch 0 [0, 7d): transfer at 2d, carve at 5d
        _at(2 days);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, t1);
        _at(5 days);
        vm.prank(alice);
        t2 = hpt.carve(t1, 400, bob);

        _at(7 days + 1 hours);
        _report(pid, 0, 1_000, 1e8, 1e5);
        _at(7 days + 2 hours);
        _deposit(pid, 0);
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));

        // A(2d) = floor(1e23 x 2/7) = 28571428571428571428571
        // t1#0 issuer [0, 2d) 1000 units: floor(1000 x 28571428571428571428571 / 1e18) = 28571428
        assertEq(_claim(t1, 0), 28_571_428, "issuer, 2 of 7 days of epoch 0");
        assertEq(wbtc.balanceOf(issuer), 1_000e8 - LIFE_COLLATERAL - 1e8 + 28_571_428);
        // A(5d) = floor(1e23 x 5/7) = 71428571428571428571428; dA = 42857142857142857142857
        // t1#1 alice [2d, 5d) 1000 units: floor(1000 x dA / 1e18) = 42857142
        assertEq(_claim(t1, 1), 42_857_142, "alice, 3 days with 1000 units");
    }

    function _epoch1() internal {
        // ---- epoch 1 [7d, 14d): split at 10d, transfer at 12d
        _at(10 days);
        vm.prank(bob);
        uint256[] memory parts = hpt.split(t2, _units(100, 300));
        (t3, t4) = (parts[0], parts[1]);
        _at(12 days);
        vm.prank(bob);
        hpt.transferFrom(bob, alice, t4);

        _at(14 days + 1 hours);
        _report(pid, 1, 800, 8e7, 1e5);
        _at(15 days);
        _deposit(pid, 1);
        IFulfillmentVault.EpochInfo memory e1 = lens.epochInfo(pid, 1);
        assertEq(uint8(e1.status), uint8(IFulfillmentVault.EpochStatus.Short));
        assertEq(e1.deposited, 8e7);
        assertEq(e1.compensation, 2e7, "200 missing units x 1e5");
        assertEq(e1.accumulator, 2e23);

        // intermediate claims (settled up to 14d)
        // A(10d) = 1e23 + floor(1e23 x 3/7) = 142857142857142857142857
        // t3#0 bob [10d, ...) 100 units, up to 14d: floor(100 x (2e23 - A(10d)) / 1e18) = 5714285
        assertEq(_claim(t3, 0), 5_714_285);
        // t1#2 alice [5d, ...) 600 units, up to 14d: floor(600 x (2e23 - A(5d)) / 1e18) = 77142857
        assertEq(_claim(t1, 2), 77_142_857);
    }

    function _epoch2() internal {
        // ---- epoch 2 [14d, 21d): merge at 16d; reported, never deposited
        _at(16 days);
        vm.prank(alice);
        t5 = hpt.merge(_ids(t1, t4));

        _at(21 days + 1 hours);
        _report(pid, 2, 900, 9e7, 1.2e5);
        uint64 deadline = uint64(block.timestamp + DEPOSIT_WINDOW);
        _at(24 days + 1 hours);
        assertEq(fv.settle(pid, 10), 0, "the deposit window is still open");
        _at(24 days + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.DepositWindowClosed.selector, pid, 2, deadline));
        _deposit(pid, 2);
        assertEq(fv.settle(pid, 10), 1);
        IFulfillmentVault.EpochInfo memory e2 = lens.epochInfo(pid, 2);
        assertEq(uint8(e2.status), uint8(IFulfillmentVault.EpochStatus.Missed));
        assertEq(e2.compensation, 102_000_000, "revenue 9e7 + shortfall 100 x 1.2e5");
    }

    function _epochs3And4() internal {
        // ---- epoch 3 [21d, 28d): transfer at 25d; never reported
        _at(25 days);
        vm.prank(alice);
        hpt.transferFrom(alice, bob, t5);

        // ---- epoch 4 [28d, 30d): reported after epoch 3's window closed; the deposit settles both
        _at(30 days + 1 hours);
        _report(pid, 4, 1_000, 3e7, 3e4);
        _at(30 days + 2 hours);
        _deposit(pid, 4);
        IFulfillmentVault.EpochInfo memory e3 = lens.epochInfo(pid, 3);
        assertEq(uint8(e3.status), uint8(IFulfillmentVault.EpochStatus.Unreported));
        assertEq(e3.compensation, 120_000_000, "max(1000 units x lastUnitRevenue 1.2e5, floor 6e8 / 5)");
        assertEq(uint8(lens.epochInfo(pid, 4).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
        assertEq(lens.productState(pid).accumulator, 452e21);
    }

    function _finalClaims() internal {
        // ---- final claims, in one call (anyone may call; each holder is paid)
        uint256[] memory ids = new uint256[](8);
        uint256[] memory idx = new uint256[](8);
        (ids[0], idx[0]) = (t1, 2); // alice: the rest of [5d, 16d)
        (ids[1], idx[1]) = (t4, 1); // alice [12d, 16d)
        (ids[2], idx[2]) = (t5, 0); // alice [16d, 25d)
        (ids[3], idx[3]) = (t2, 0); // bob [5d, 10d), burnt token
        (ids[4], idx[4]) = (t3, 0); // bob: the rest of [10d, 30d)
        (ids[5], idx[5]) = (t4, 0); // bob [10d, 12d)
        (ids[6], idx[6]) = (t5, 1); // bob [25d, 30d)
        (ids[7], idx[7]) = (t1, 0); // issuer: already paid, nothing new
        (uint256[] memory amounts,) = fv.claimableMany(ids, idx);

        // A(16d) = 2e23 + floor(1.02e23 x 2/7) = 229142857142857142857142
        // t1#2: floor(600 x (A(16d) - A(5d)) / 1e18) = 94628571, minus 77142857 already paid
        assertEq(amounts[0], 94_628_571 - 77_142_857);
        // A(12d) = 1e23 + floor(1e23 x 5/7) = 171428571428571428571428
        // t4#1: floor(300 x (A(16d) - A(12d)) / 1e18) = floor(300 x 57714285714285714285714 / 1e18) = 17314285
        assertEq(amounts[1], 17_314_285);
        // A(25d) = 3.02e23 + floor(1.2e23 x 4/7) = 370571428571428571428571
        // t5#0: floor(900 x (A(25d) - A(16d)) / 1e18) = floor(900 x 141428571428571428571429 / 1e18) = 127285714
        assertEq(amounts[2], 127_285_714);
        // t2#0: floor(400 x (A(10d) - A(5d)) / 1e18) = floor(400 x 71428571428571428571429 / 1e18) = 28571428
        assertEq(amounts[3], 28_571_428);
        // t3#0: floor(100 x (4.52e23 - A(10d)) / 1e18) = 30914285, minus 5714285 already paid
        assertEq(amounts[4], 30_914_285 - 5_714_285);
        // t4#0: floor(300 x (A(12d) - A(10d)) / 1e18) = floor(300 x 28571428571428571428571 / 1e18) = 8571428
        assertEq(amounts[5], 8_571_428);
        // t5#1: floor(900 x (4.52e23 - A(25d)) / 1e18) = floor(900 x 81428571428571428571429 / 1e18) = 73285714
        assertEq(amounts[6], 73_285_714);
        assertEq(amounts[7], 0);

        uint256 aliceBefore = wbtc.balanceOf(alice);
        uint256 bobBefore = wbtc.balanceOf(bob);
        vm.prank(carol);
        fv.claim(ids, idx);
        assertEq(wbtc.balanceOf(alice) - aliceBefore, 17_485_714 + 17_314_285 + 127_285_714);
        assertEq(wbtc.balanceOf(bob) - bobBefore, 28_571_428 + 25_200_000 + 8_571_428 + 73_285_714);
        assertEq(wbtc.balanceOf(carol), 0);
    }

    function _totalsAndCollateral() internal {
        // ---- totals: 451999995 paid of 452000000 entitled, 5 base units of dust stay in the vault
        IFulfillmentVault.Record memory rec = fv.record(pid);
        assertEq(rec.epochsFulfilled, 2);
        assertEq(rec.epochsShort, 1);
        assertEq(rec.epochsMissed, 1);
        assertEq(rec.epochsUnreported, 1);
        assertFalse(rec.defaulted);
        assertEq(rec.totalDeposited, 1e8 + 8e7 + 3e7);
        assertEq(rec.totalCompensation, 2e7 + 102_000_000 + 120_000_000);
        uint256 paid = 28_571_428 + 42_857_142 + 28_571_428 + 94_628_571 + 30_914_285 + 8_571_428 + 17_314_285
            + 127_285_714 + 73_285_714;
        assertEq(paid, 451_999_995);
        assertEq(rec.totalClaimed, paid);
        assertEq(wbtc.balanceOf(address(fv)), 452_000_000 - paid);
        assertLe(452_000_000 - paid, 9 + 5, "dust <= #holdings + #epochs");

        // ---- the issuer takes the collateral left (the CollateralVault paid exactly the compensation)
        assertEq(_collateralLeft(pid), LIFE_COLLATERAL - rec.totalCompensation);
        uint256 before = wbtc.balanceOf(issuer);
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(pid), LIFE_COLLATERAL - 242_000_000);
        assertEq(wbtc.balanceOf(issuer), before + 358_000_000);
        assertEq(_collateralLeft(pid), 0);
    }

    /// SECURITY-CHECKLIST 7, 24: a shortfall larger than the collateral defaults the product; the
    /// holders get what was left, later epochs owe nothing from collateral, deposits still flow.
    function test_lifecycle_defaultWhenCollateralRunsOut() public {
        (uint256 p, uint256 t) = _product(UNITS, 21 days, 5e7);
        _at(3 days + 12 hours);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, t);

        // epoch 0: missed; owes 9e7 + 100 x 1.2e5 = 1.02e8, the collateral has 5e7
        _at(7 days);
        _report(p, 0, 900, 9e7, 1.2e5);
        _at(10 days + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductDefaulted(p, 0);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p, 0, 102_000_000, 5e7);
        fv.settle(p, 10);
        assertTrue(lens.productState(p).defaulted);
        assertTrue(hpt.product(p).defaulted);
        assertEq(_collateralLeft(p), 0);

        // epoch 1: unreported; would owe 1000 x 1.2e5, pays 0. The defaulted token still moves (at 14d).
        _at(14 days);
        vm.prank(alice);
        hpt.transferFrom(alice, bob, t);
        _at(16 days + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p, 1, 120_000_000, 0);
        fv.settle(p, 10);
        assertEq(lens.epochInfo(p, 1).compensation, 0);

        // epoch 2: the issuer still deposits
        _at(21 days);
        _report(p, 2, 1_000, 1e8, 1e5);
        _deposit(p, 2);

        // A(3.5d) = 5e7 x 1e15 / 2 = 2.5e22: the issuer held half of epoch 0
        assertEq(_claim(t, 0), 2.5e7, "issuer");
        assertEq(_claim(t, 1), 2.5e7, "alice: the other half of epoch 0, nothing for epoch 1");
        assertEq(_claim(t, 2), 1e8, "bob: epoch 2");
        IFulfillmentVault.Record memory rec = fv.record(p);
        assertTrue(rec.defaulted);
        assertEq(rec.epochsMissed, 1);
        assertEq(rec.epochsUnreported, 1);
        assertEq(rec.epochsFulfilled, 1);
        assertEq(rec.totalCompensation, 5e7);
        assertEq(rec.totalClaimed, 5e7 + 1e8);
        assertEq(wbtc.balanceOf(address(fv)), 0, "no dust: every amount divides evenly");
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(p), 0);
    }
}
