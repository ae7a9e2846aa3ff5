// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {UnknownProduct, ZeroAddress} from "../src/common/Errors.sol";
import {FulfillmentLens} from "../src/fulfillment/FulfillmentLens.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {ICollateralVault} from "../src/interfaces/ICollateralVault.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";

/// @notice Unit and fuzz tests of FulfillmentLens: every view and every error, for tracked and
/// untracked products (with and without an epoch configuration for their asset class), every epoch
/// status, the last (shorter) epoch, and settledUntil / the accumulator as epochs settle.
contract FulfillmentLensTest is FulfillmentAreaFixtures {
    uint256 internal pid;
    uint256 internal tid;

    uint256 internal constant U = 100_000;
    uint256 internal constant FULL = UNITS * U;

    function setUp() public override {
        super.setUp();
        (pid, tid) = _defaultProduct();
    }

    // ---------------------------------------------------------------- deployment

    function test_constructor() public {
        assertEq(address(lens.vault()), address(fv));
        assertEq(address(lens.token()), address(hpt));
        assertEq(address(lens.collateralVault()), address(collateralVault));
        assertEq(lens.PRECISION(), fv.PRECISION());
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentLens(IFulfillmentVault(address(0)), hpt, collateralVault);
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentLens(fv, IHashPowerToken(address(0)), collateralVault);
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentLens(fv, hpt, ICollateralVault(address(0)));
        // a second lens reads the same vault identically (it holds no state)
        FulfillmentLens other = new FulfillmentLens(fv, hpt, collateralVault);
        assertEq(abi.encode(other.productState(pid)), abi.encode(lens.productState(pid)));
    }

    // ---------------------------------------------------------------- unknown products

    function test_unknownProduct_everyView() public {
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 42));
        lens.productState(42);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 42));
        lens.epochInfo(42, 0);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 42));
        lens.epochOf(42, uint64(T0));
    }

    // ---------------------------------------------------------------- productState

    /// Untracked, configured: what tracking would snapshot now (the current configuration and the
    /// collateral's per-epoch share of what is left in the CollateralVault).
    function test_productState_untrackedWithConfig() public view {
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertFalse(v.tracked);
        assertFalse(v.defaulted);
        assertEq(v.issuer, issuer);
        assertEq(v.payoutToken, address(wbtc));
        assertEq(v.assetClass, btc);
        assertEq(v.start, T0);
        assertEq(v.end, T0 + TERM);
        assertEq(v.capacity, UNITS);
        assertEq(v.epochLength, EPOCH);
        assertEq(v.reportWindow, REPORT_WINDOW);
        assertEq(v.depositWindow, DEPOSIT_WINDOW);
        assertEq(v.epochCount, 5, "ceil(30 / 7)");
        assertEq(v.settledEpochs, 0);
        assertEq(v.settledUntil, T0);
        assertEq(v.lastUnitRevenue, 0);
        assertEq(v.accumulator, 0);
        assertEq(v.unreportedFloor, COLLATERAL / 5);
        assertEq(fv.trackedState(pid).epochLength, 0, "the vault stores nothing yet");
    }

    /// Untracked, no configuration for the asset class: the product's fields, zero epoch fields.
    function test_productState_untrackedWithoutConfig() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), false);
        (uint256 p2,) = _productIn(etc, address(wbtc), 997, TERM, 7e8);
        IFulfillmentVault.ProductView memory v = lens.productState(p2);
        assertFalse(v.tracked);
        assertEq(v.issuer, issuer);
        assertEq(v.payoutToken, address(wbtc));
        assertEq(v.assetClass, etc);
        assertEq(v.start, T0);
        assertEq(v.end, T0 + TERM);
        assertEq(v.capacity, 997);
        assertEq(v.epochLength, 0);
        assertEq(v.reportWindow, 0);
        assertEq(v.depositWindow, 0);
        assertEq(v.epochCount, 0);
        assertEq(v.settledEpochs, 0);
        assertEq(v.settledUntil, T0, "the start");
        assertEq(v.unreportedFloor, 0);
        assertEq(v.accumulator, 0);
        // configured later: the same view now shows what tracking would take
        vm.prank(owner);
        fv.setEpochConfig(etc, 10 days, 1 days, 1 days);
        v = lens.productState(p2);
        assertEq(v.epochLength, 10 days);
        assertEq(v.epochCount, 3);
        assertEq(v.unreportedFloor, uint256(7e8) / 3, "rounded down");
    }

    /// An untracked product follows configuration changes; a tracked one keeps its snapshot.
    function test_productState_snapshotOnlyOnceTracked() public {
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 1 hours, 2 hours);
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertEq(v.epochLength, 1 days);
        assertEq(v.reportWindow, 1 hours);
        assertEq(v.depositWindow, 2 hours);
        assertEq(v.epochCount, 30);
        assertEq(v.unreportedFloor, COLLATERAL / 30);
        fv.settle(pid, 0); // first touch
        vm.prank(owner);
        fv.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        v = lens.productState(pid);
        assertTrue(v.tracked);
        assertEq(v.epochLength, 1 days, "snapshot");
        assertEq(v.epochCount, 30);
        _assertViewMatchesVault(pid);
    }

    /// The floor of an untracked product is read from what is left in the CollateralVault: a product
    /// frozen (its collateral forfeited) before the vault touched it shows, and then snapshots, 0.
    function test_productState_untrackedFloorFollowsTheCollateralVault() public {
        _grantFreezer();
        (uint256 p2,) = _product(UNITS, TERM, 7);
        assertEq(lens.productState(p2).unreportedFloor, 1, "7 / 5");
        _freezeAndForfeit(p2, 1_000);
        assertEq(lens.productState(p2).unreportedFloor, 0);
        fv.settle(p2, 0);
        assertEq(lens.productState(p2).unreportedFloor, 0);
        assertEq(fv.trackedState(p2).unreportedFloor, 0);
    }

    /// settledUntil and the accumulator after each settle, through the last (2-day) epoch:
    /// settledUntil = min(start + settled x length, end), accumulator = accEnd of the last settled epoch.
    function test_productState_settledUntilAndAccumulator() public {
        uint256 entitled;
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        entitled += FULL;
        _assertSettled(1, T0 + EPOCH, entitled);
        assertEq(lens.productState(pid).lastUnitRevenue, U * PRECISION);

        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, 700, 7e7, 3 * U / 2); // shortfall 300 x 1.5e5 = 4.5e7
        _deposit(pid, 1);
        entitled += 7e7 + 45e6;
        _assertSettled(2, T0 + 2 * EPOCH, entitled);
        assertEq(lens.productState(pid).lastUnitRevenue, 3 * U / 2 * PRECISION);

        // epochs 2 and 3 unreported: max(1000 x 1.5e5, floor 2e8) = 2e8 each
        vm.warp(_epochEnd(3, TERM) + REPORT_WINDOW + 1);
        assertEq(fv.settle(pid, 1), 1);
        entitled += COLLATERAL / 5;
        _assertSettled(3, T0 + 3 * EPOCH, entitled);
        assertEq(fv.settle(pid, 1), 1);
        entitled += COLLATERAL / 5;
        _assertSettled(4, T0 + 4 * EPOCH, entitled);

        // the last epoch is 2 days: settledUntil stops at the end, not at start + 5 x 7 days
        assertGt(block.timestamp, T0 + TERM);
        _report(pid, 4, UNITS, 2e7, U / 5);
        _deposit(pid, 4);
        entitled += 2e7;
        _assertSettled(5, T0 + TERM, entitled);
        assertEq(lens.productState(pid).settledUntil, lens.productState(pid).end);
        _assertViewMatchesVault(pid);
    }

    function _assertSettled(uint32 settled, uint256 until, uint256 entitled) internal view {
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertTrue(v.tracked);
        assertEq(v.settledEpochs, settled, "settledEpochs");
        assertEq(v.settledUntil, until, "settledUntil");
        assertEq(v.accumulator, fv.epochData(pid, settled - 1).accEnd, "accEnd of the last settled epoch");
        assertEq(v.accumulator, Math.mulDiv(entitled, PRECISION, UNITS), "floor(entitled x 1e18 / capacity)");
        assertEq(v.accumulator, lens.epochInfo(pid, settled - 1).accumulator);
    }

    /// A default shows in the view; the view of a tracked product is the vault's stored state.
    function test_productState_defaulted() public {
        (uint256 p2,) = _product(UNITS, TERM, 1e7);
        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 0, 0, U);
        _deposit(p2, 0);
        IFulfillmentVault.ProductView memory v = lens.productState(p2);
        assertTrue(v.defaulted);
        assertEq(v.unreportedFloor, 1e7 / 5);
        _assertViewMatchesVault(p2);
    }

    function _assertViewMatchesVault(uint256 productId) internal view {
        IFulfillmentVault.ProductView memory v = lens.productState(productId);
        IFulfillmentVault.ProductState memory st = fv.trackedState(productId);
        assertTrue(v.tracked);
        assertEq(v.defaulted, st.defaulted);
        assertEq(v.issuer, st.issuer);
        assertEq(v.payoutToken, st.payoutToken);
        assertEq(v.assetClass, st.assetClass);
        assertEq(v.start, st.start);
        assertEq(v.end, st.end);
        assertEq(v.capacity, st.capacity);
        assertEq(v.epochLength, st.epochLength);
        assertEq(v.reportWindow, st.reportWindow);
        assertEq(v.depositWindow, st.depositWindow);
        assertEq(v.epochCount, st.epochCount);
        assertEq(v.settledEpochs, st.settledEpochs);
        assertEq(v.lastUnitRevenue, st.lastUnitRevenue);
        assertEq(v.unreportedFloor, st.unreportedFloor);
    }

    // ---------------------------------------------------------------- epochInfo

    /// The product of {test_epochInfo_everyStatus}: 1-day epochs over 5.5 days.
    uint256 internal sp;
    uint256 internal constant STATUS_TERM = 5 days + 12 hours;
    uint256 internal constant FLOOR6 = COLLATERAL / 6;
    uint256 internal constant ACC3 = 302e21; // (1e8 + 1e8 + 9e7 + 100 x 1.2e5) x 1e15
    uint256 internal constant ACC4 = ACC3 + FLOOR6 * 1e15; // max(1000 x 1.2e5, floor) = floor
    uint256 internal constant ACC5 = ACC4 + FLOOR6 * 1e15;

    /// Every status, with 1-day epochs (report window 2 days, deposit window 3 days) over 5.5 days
    /// (epoch 5 is 12 hours): e0 Reported then Fulfilled, e1 Reported, Deposited then Short, e2
    /// Reported then Missed, e3 and e4 Pending then Unreported, e5 Deposited then Fulfilled.
    function test_epochInfo_everyStatus() public {
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 2 days, 3 days);
        (sp,) = _product(UNITS, STATUS_TERM, COLLATERAL);
        _statusReportedAndDeposited();
        _statusFulfilledShortAndTheLastEpoch();
        _statusMissedAndUnreported();
    }

    function _statusReportedAndDeposited() internal {
        // untracked: Pending, bounds from the configuration, nothing else
        IFulfillmentVault.EpochInfo memory i = lens.epochInfo(sp, 0);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Pending, T0, T0 + 1 days, 0, 0, 0, 0);
        assertEq(i.depositDeadline, 0);
        assertEq(i.deliveredUnits + i.revenue + i.unitRevenue, 0);
        assertEq(i.sourceChain, bytes32(0));
        assertEq(i.evidence, bytes32(0));

        vm.warp(T0 + 1 days);
        _report(sp, 0, UNITS, 1e8, U);
        i = lens.epochInfo(sp, 0);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Reported, T0, T0 + 1 days, 0, 0, 0, 0);
        assertEq(i.depositDeadline, T0 + 4 days);
        assertEq(i.deliveredUnits, UNITS);
        assertEq(i.revenue, 1e8);
        assertEq(i.unitRevenue, U * PRECISION);
        assertEq(i.sourceChain, BITCOIN);
        assertEq(i.evidence, keccak256(abi.encode("payout", sp, uint32(0))));

        vm.warp(T0 + 2 days);
        _report(sp, 1, 800, 8e7, U);
        i = lens.epochInfo(sp, 1);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Reported, T0 + 1 days, T0 + 2 days, 2e7, 0, 0, 0);
        _deposit(sp, 1); // epoch 0 still awaits its deposit: epoch 1 waits, deposited
        i = lens.epochInfo(sp, 1);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Deposited, T0 + 1 days, T0 + 2 days, 2e7, 8e7, 0, 0);
    }

    function _statusFulfilledShortAndTheLastEpoch() internal {
        vm.warp(T0 + 3 days);
        _report(sp, 2, 900, 9e7, 12 * U / 10);
        _deposit(sp, 0); // settles epochs 0 and 1
        _assertEpoch(lens.epochInfo(sp, 0), IFulfillmentVault.EpochStatus.Fulfilled, T0, T0 + 1 days, 0, 1e8, 0, 1e23);
        _assertEpoch(
            lens.epochInfo(sp, 1), IFulfillmentVault.EpochStatus.Short, T0 + 1 days, T0 + 2 days, 2e7, 8e7, 2e7, 2e23
        );
        assertEq(lens.productState(sp).settledEpochs, 2);

        // the last epoch (12 hours) reported and deposited while epoch 2 still blocks settlement
        vm.warp(T0 + STATUS_TERM);
        _report(sp, 5, UNITS, 5e7, U);
        _deposit(sp, 5);
        IFulfillmentVault.EpochInfo memory i = lens.epochInfo(sp, 5);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Deposited, T0 + 5 days, T0 + STATUS_TERM, 0, 5e7, 0, 0);
        assertEq(i.reportDeadline, T0 + STATUS_TERM + 2 days, "end of the short epoch + the window");
        // epoch 3 still Pending (its window is open), tracked now: the snapshot's bounds
        i = lens.epochInfo(sp, 3);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Pending, T0 + 3 days, T0 + 4 days, 0, 0, 0, 0);
        assertEq(i.reportDeadline, T0 + 6 days);
    }

    function _statusMissedAndUnreported() internal {
        // epoch 2 missed, epoch 3 unreported
        vm.warp(T0 + 6 days + 1);
        assertEq(fv.settle(sp, 10), 2);
        _assertEpoch(
            lens.epochInfo(sp, 2), IFulfillmentVault.EpochStatus.Missed, T0 + 2 days, T0 + 3 days, 12e6, 0, 102e6, ACC3
        );
        _assertEpoch(
            lens.epochInfo(sp, 3), IFulfillmentVault.EpochStatus.Unreported, T0 + 3 days, T0 + 4 days, 0, 0, FLOOR6, ACC4
        );
        // epoch 4 unreported, then the deposited last epoch is fulfilled
        vm.warp(T0 + 7 days + 1);
        assertEq(fv.settle(sp, 10), 2);
        _assertEpoch(
            lens.epochInfo(sp, 4), IFulfillmentVault.EpochStatus.Unreported, T0 + 4 days, T0 + 5 days, 0, 0, FLOOR6, ACC5
        );
        _assertEpoch(
            lens.epochInfo(sp, 5),
            IFulfillmentVault.EpochStatus.Fulfilled,
            T0 + 5 days,
            T0 + STATUS_TERM,
            0,
            5e7,
            0,
            ACC5 + 5e22
        );
        IFulfillmentVault.ProductView memory v = lens.productState(sp);
        assertEq(v.settledEpochs, 6);
        assertEq(v.settledUntil, T0 + STATUS_TERM);
        assertEq(v.accumulator, ACC5 + 5e22);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochOutOfRange.selector, sp, 6, 6));
        lens.epochInfo(sp, 6);
    }

    function _assertEpoch(
        IFulfillmentVault.EpochInfo memory i,
        IFulfillmentVault.EpochStatus status,
        uint256 start,
        uint256 end,
        uint256 shortfallDue,
        uint256 deposited,
        uint256 compensation,
        uint256 accumulator
    ) internal pure {
        assertEq(uint8(i.status), uint8(status), "status");
        assertEq(i.start, start, "start");
        assertEq(i.end, end, "end");
        assertEq(i.shortfallDue, shortfallDue, "shortfallDue");
        assertEq(i.deposited, deposited, "deposited");
        assertEq(i.compensation, compensation, "compensation");
        assertEq(i.accumulator, accumulator, "accumulator");
    }

    /// shortfallDue rounds down like the vault: (capacity - delivered) x unitRevenue / 1e18.
    function test_epochInfo_fractionalShortfallRoundsDown() public {
        vm.warp(_epochEnd(0, TERM));
        _submit(_rScaled(pid, 0, 997, 0, 0.7e18)); // 3 x 0.7 = 2.1
        assertEq(lens.epochInfo(pid, 0).shortfallDue, 2);
        _deposit(pid, 0);
        assertEq(lens.epochInfo(pid, 0).compensation, 2, "the vault paid the same");
    }

    function test_epochInfo_untrackedWithoutConfigAndOutOfRange() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), false);
        (uint256 p2,) = _productIn(etc, address(wbtc), UNITS, TERM, COLLATERAL);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochConfigNotSet.selector, etc));
        lens.epochInfo(p2, 0);
        // untracked with a configuration: the configuration's epoch count bounds it
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochOutOfRange.selector, pid, 5, 5));
        lens.epochInfo(pid, 5);
        vm.expectRevert(
            abi.encodeWithSelector(FulfillmentLens.EpochOutOfRange.selector, pid, type(uint32).max, 5)
        );
        lens.epochInfo(pid, type(uint32).max);
        // the last, shorter epoch of an untracked product
        IFulfillmentVault.EpochInfo memory i = lens.epochInfo(pid, 4);
        _assertEpoch(i, IFulfillmentVault.EpochStatus.Pending, T0 + 4 * EPOCH, T0 + TERM, 0, 0, 0, 0);
        assertEq(i.reportDeadline, T0 + TERM + REPORT_WINDOW);
        // tracked: the snapshot's epoch count
        fv.settle(pid, 0);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochOutOfRange.selector, pid, 5, 5));
        lens.epochInfo(pid, 5);
    }

    // ---------------------------------------------------------------- epochOf

    function test_epochOf_boundariesAndTheLastEpoch() public view {
        assertEq(lens.epochOf(pid, uint64(T0)), 0);
        assertEq(lens.epochOf(pid, uint64(T0 + EPOCH - 1)), 0);
        assertEq(lens.epochOf(pid, uint64(T0 + EPOCH)), 1);
        assertEq(lens.epochOf(pid, uint64(T0 + 4 * EPOCH)), 4);
        assertEq(lens.epochOf(pid, uint64(T0 + TERM - 1)), 4, "the 2-day last epoch");
    }

    function test_epochOf_outsideTerm() public {
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, pid, uint64(T0 + TERM)));
        lens.epochOf(pid, uint64(T0 + TERM));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, pid, uint64(T0 - 1)));
        lens.epochOf(pid, uint64(T0 - 1));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, pid, type(uint64).max));
        lens.epochOf(pid, type(uint64).max);
        // a product starting later
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        (a.capacity, a.start, a.end) = (UNITS, uint64(T0 + 10 days), uint64(T0 + 20 days));
        (uint256 p2,) = _mint(a);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, p2, uint64(T0)));
        lens.epochOf(p2, uint64(T0));
        assertEq(lens.epochOf(p2, uint64(T0 + 10 days)), 0);
        assertEq(lens.epochOf(p2, uint64(T0 + 17 days)), 1);
    }

    function test_epochOf_configNotSetAndSnapshot() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), false);
        (uint256 p2,) = _productIn(etc, address(wbtc), UNITS, TERM, COLLATERAL);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochConfigNotSet.selector, etc));
        lens.epochOf(p2, uint64(T0));
        // the configuration check comes before the term check
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochConfigNotSet.selector, etc));
        lens.epochOf(p2, uint64(T0 + TERM));
        // tracked: the snapshot, whatever the configuration says later
        fv.settle(pid, 0);
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 1 days, 1 days);
        assertEq(lens.epochOf(pid, uint64(T0 + EPOCH)), 1);
        (uint256 p3,) = _defaultProduct();
        assertEq(lens.epochOf(p3, uint64(T0 + EPOCH)), 7, "untracked: the new configuration");
    }

    // ---------------------------------------------------------------- fuzz

    /// For any epoch length and term, epochOf and epochInfo agree with each other and with the
    /// reference: epochs tile [start, end), the last one clipped to the end.
    function testFuzz_epochOfAndEpochInfoTileTheTerm(uint32 length, uint256 term, uint256 t, bool tracked) public {
        length = uint32(bound(length, 1, 60 days));
        term = bound(term, 1, 400 days);
        t = bound(t, T0, T0 + term - 1);
        vm.prank(owner);
        fv.setEpochConfig(btc, length, 1 days, 1 days);
        (uint256 p,) = _product(UNITS, term, COLLATERAL);
        if (tracked) fv.settle(p, 0);
        IFulfillmentVault.ProductView memory v = lens.productState(p);
        assertEq(v.tracked, tracked);
        assertEq(v.epochCount, Math.ceilDiv(term, length));
        assertEq(v.unreportedFloor, COLLATERAL / v.epochCount);
        uint32 e = lens.epochOf(p, uint64(t));
        assertEq(e, (t - T0) / length);
        assertLt(e, v.epochCount);
        IFulfillmentVault.EpochInfo memory i = lens.epochInfo(p, e);
        assertLe(i.start, t);
        assertGt(i.end, t);
        assertEq(i.start, T0 + uint256(e) * length);
        assertEq(i.end, Math.min(T0 + (uint256(e) + 1) * length, T0 + term));
        assertEq(i.reportDeadline, i.end + 1 days);
        // the last epoch ends exactly at the end
        assertEq(lens.epochInfo(p, v.epochCount - 1).end, T0 + term);
    }
}
