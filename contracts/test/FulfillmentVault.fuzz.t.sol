// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";

/// @notice Fuzz tests of FulfillmentVault: claim timing, transfer and carve times, amounts, units
/// and capacities, compared with a reference accumulator written from the spec.
contract FulfillmentVaultFuzzTest is FulfillmentAreaFixtures {
    uint256 internal constant EPOCHS = 5; // of the default 30-day product

    /// Per-epoch inputs of a product life.
    struct Life {
        uint256 capacity;
        uint256[EPOCHS] delivered;
        uint256[EPOCHS] revenue;
        uint256[EPOCHS] unitRevenue;
        bool[EPOCHS] deposited;
        uint256[EPOCHS + 1] acc; // reference accumulator at the epoch boundaries
        uint256 entitled;
    }

    Life internal life;

    // ---------------------------------------------------------------- reference (from the spec)

    /// E of epoch e (collateral always suffices here): deposit + shortfall, or revenue + shortfall.
    function _refEntitlement(uint256 e) internal view returns (uint256) {
        uint256 shortfall = (life.capacity - life.delivered[e]) * life.unitRevenue[e];
        return life.revenue[e] + shortfall;
    }

    function _refBuildAcc() internal {
        uint256 cum;
        for (uint256 e; e < EPOCHS; e++) {
            cum += _refEntitlement(e);
            life.acc[e + 1] = Math.mulDiv(cum, PRECISION, life.capacity);
        }
        life.entitled = cum;
    }

    /// A(t) over the whole (settled) 30-day term.
    function _refA(uint256 t) internal view returns (uint256) {
        if (t <= T0) return 0;
        uint256 rel = t - T0;
        uint256 e = rel / EPOCH;
        if (e >= EPOCHS) return life.acc[EPOCHS];
        uint256 s = e * EPOCH;
        if (rel == s) return life.acc[e];
        uint256 en = Math.min(s + EPOCH, TERM);
        return life.acc[e] + Math.mulDiv(life.acc[e + 1] - life.acc[e], rel - s, en - s);
    }

    function _refValue(uint256 units, uint256 a, uint256 b) internal view returns (uint256) {
        return Math.mulDiv(units, _refA(b) - _refA(a), PRECISION);
    }

    // ---------------------------------------------------------------- drivers

    /// Random epoch inputs from `seed` for a product of `capacity` (amounts up to ~1e15).
    function _randomLife(uint256 seed, uint256 capacity) internal {
        life.capacity = capacity;
        for (uint256 e; e < EPOCHS; e++) {
            uint256 r = uint256(keccak256(abi.encode(seed, e)));
            life.delivered[e] = (r % 4 == 0) ? capacity : (r >> 8) % (capacity + 1);
            life.unitRevenue[e] = (r >> 72) % (1e15 / capacity + 1);
            life.revenue[e] = (r >> 136) % 1e15;
            life.deposited[e] = (r >> 200) % 3 != 0;
        }
        _refBuildAcc();
    }

    /// Mints a product for `life` with enough collateral for every due, and funds the issuer.
    function _lifeProduct() internal returns (uint256 pid, uint256 tokenId) {
        uint256 collateral = life.entitled + 1;
        vm.prank(owner);
        wbtc.mint(issuer, 2 * life.entitled + collateral);
        return _product(life.capacity, TERM, collateral);
    }

    /// Reports epoch e at its end and deposits it if the life says so.
    function _runEpoch(uint256 pid, uint256 e) internal {
        _report(pid, uint32(e), life.delivered[e], life.revenue[e], life.unitRevenue[e]);
        if (life.deposited[e]) _deposit(pid, uint32(e));
    }

    function _settleAll(uint256 pid) internal {
        vm.warp(T0 + TERM + REPORT_WINDOW + DEPOSIT_WINDOW + 1);
        fv.settle(pid, type(uint256).max);
        assertEq(lens.productState(pid).settledEpochs, EPOCHS);
    }

    // ---------------------------------------------------------------- fuzz

    /// A transfer at any time splits the product's entitlement exactly as the reference says; the
    /// sum never exceeds what was deposited + compensated, and the dust is at most 2.
    function testFuzz_transferTime(uint256 seed, uint256 capacity, uint256 t) public {
        capacity = bound(capacity, 1, 1e12);
        t = bound(t, T0 + 1, T0 + TERM);
        _randomLife(seed, capacity);
        (uint256 pid, uint256 tid) = _lifeProduct();
        bool moved;
        for (uint256 e; e < EPOCHS; e++) {
            uint256 end = _epochEnd(e, TERM);
            if (!moved && t <= end) {
                vm.warp(t);
                vm.prank(issuer);
                hpt.transferFrom(issuer, alice, tid);
                moved = true;
            }
            vm.warp(end);
            _runEpoch(pid, e);
        }
        _settleAll(pid);

        IFulfillmentVault.Record memory rec = fv.record(pid);
        // a missed epoch's revenue comes from the collateral: deposits + compensation = sum of E
        assertEq(rec.totalDeposited + rec.totalCompensation, life.entitled, "entitlement");
        uint256 toIssuer = _claim(tid, 0);
        uint256 toAlice = _claim(tid, 1);
        assertEq(toIssuer, _refValue(capacity, T0, t), "issuer");
        assertEq(toAlice, _refValue(capacity, t, T0 + TERM), "alice");
        assertLe(toIssuer + toAlice, life.entitled);
        assertLe(life.entitled - (toIssuer + toAlice), 2, "dust");
        assertEq(wbtc.balanceOf(address(fv)), life.entitled - toIssuer - toAlice);
    }

    /// Claiming often or once gives exactly the same total (the cursor never loses a base unit).
    function testFuzz_claimTiming(uint256 seed, uint256 capacity, uint8 claimMask, uint256 splitAt) public {
        capacity = bound(capacity, 2, 1e12);
        splitAt = bound(splitAt, 1, capacity - 1);
        _randomLife(seed, capacity);
        (uint256 pid, uint256 tid) = _lifeProduct();
        // two tokens from T0 (the minted one's zero-length holding is skipped)
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(tid, _units(splitAt, capacity - splitAt));
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, parts[1]);
        uint256 early;
        for (uint256 e; e < EPOCHS; e++) {
            vm.warp(_epochEnd(e, TERM));
            _runEpoch(pid, e);
            if ((claimMask >> e) & 1 == 1) early += _claim(parts[0], 0);
            assertEq(early + _claimable(parts[0], 0), _refValue(splitAt, T0, lens.productState(pid).settledUntil));
        }
        _settleAll(pid);
        uint256 total = early + _claim(parts[0], 0);
        assertEq(total, _refValue(splitAt, T0, T0 + TERM), "often == once == reference");
        assertEq(_claim(parts[1], 0), _refValue(capacity - splitAt, T0, T0 + TERM));
        assertEq(_claim(parts[0], 0), 0);
    }

    struct Carve {
        uint256 capacity;
        uint256 k;
        uint256 tc;
        uint256 entitled;
        uint256 pid;
        uint256 tid;
        uint256 t2;
    }

    /// A carve at any time with any units: three holdings, each paid its reference value; the
    /// dust is below #holdings + capacity / PRECISION + 1 even for capacities up to 2^64 - 1.
    function testFuzz_carveUnitsAndCapacity(
        uint256 capacity,
        uint256 k,
        uint256 tc,
        uint256 delivered,
        uint256 revenue,
        uint256 unitRevenue
    ) public {
        Carve memory c;
        c.capacity = bound(capacity, 2, type(uint64).max);
        c.k = bound(k, 1, c.capacity - 1);
        c.tc = bound(tc, T0 + 1, T0 + EPOCH);
        delivered = bound(delivered, 0, c.capacity);
        uint256 max = fv.MAX_REPORT_VALUE();
        // unitRevenue scaled by PRECISION: fractions of a base unit per unit are fuzzed too
        unitRevenue = bound(unitRevenue, 0, Math.min(type(uint128).max, Math.mulDiv(1e30, PRECISION, c.capacity)));
        revenue = bound(revenue, 0, Math.min(max - Math.mulDiv(c.capacity, unitRevenue, PRECISION), 1e30));
        uint256 shortfall = Math.mulDiv(c.capacity - delivered, unitRevenue, PRECISION);
        c.entitled = revenue + shortfall;
        vm.prank(owner);
        wbtc.mint(issuer, revenue + shortfall + 1);
        (c.pid, c.tid) = _product(c.capacity, EPOCH, shortfall + 1);

        vm.warp(c.tc);
        vm.prank(issuer);
        c.t2 = hpt.carve(c.tid, c.k, alice);
        vm.warp(T0 + EPOCH);
        _submit(_rScaled(c.pid, 0, delivered, revenue, unitRevenue));
        _deposit(c.pid, 0);
        _checkCarve(c);
    }

    function _checkCarve(Carve memory c) internal {
        uint256 acc = Math.mulDiv(c.entitled, PRECISION, c.capacity);
        uint256 accTc = Math.mulDiv(acc, c.tc - T0, EPOCH);
        uint256 a = _claim(c.tid, 0);
        uint256 b = _claim(c.tid, 1);
        uint256 d = _claim(c.t2, 0);
        assertEq(a, Math.mulDiv(c.capacity, accTc, PRECISION), "before the carve");
        assertEq(b, Math.mulDiv(c.capacity - c.k, acc - accTc, PRECISION), "kept");
        assertEq(d, Math.mulDiv(c.k, acc - accTc, PRECISION), "carved");
        assertLe(a + b + d, c.entitled);
        assertLe(c.entitled - (a + b + d), 3 + c.capacity / PRECISION + 1, "dust");
    }

    /// The collateral pays min(due, collateral); the product defaults exactly when due > collateral.
    function testFuzz_compensationAndDefault(uint256 collateral, uint256 unitRevenue, uint256 delivered) public {
        collateral = bound(collateral, 0, 1e20);
        unitRevenue = bound(unitRevenue, 0, 1e17);
        delivered = bound(delivered, 0, UNITS);
        uint256 due = (UNITS - delivered) * unitRevenue;
        vm.prank(owner);
        wbtc.mint(issuer, collateral);
        (uint256 pid, uint256 tid) = _product(UNITS, TERM, collateral);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, delivered, 0, unitRevenue);
        _deposit(pid, 0);
        uint256 paid = lens.epochInfo(pid, 0).compensation;
        assertEq(paid, Math.min(due, collateral));
        assertEq(lens.productState(pid).defaulted, due > collateral);
        assertEq(hpt.product(pid).defaulted, due > collateral);
        assertEq(_collateralLeft(pid), collateral - paid, "the CollateralVault gave exactly what was paid");
        assertEq(wbtc.balanceOf(address(fv)), paid);
        assertEq(_claim(tid, 0), paid);
    }

    /// SECURITY-CHECKLIST 7, 24: the product is frozen and its collateral forfeited at any time of
    /// a random life. Epochs settled before the freeze were compensated in full; every epoch settled
    /// after it gets 0 (the product defaults at the first one that owes anything); the collateral
    /// splits exactly into compensation, bounty and forfeited; the holder is paid the settled
    /// entitlement exactly (dust <= 1) and never twice.
    function testFuzz_item7_freezeAtAnyTime(uint256 seed, uint256 capacity, uint256 tf, uint256 bountyBps) public {
        capacity = bound(capacity, 1, 1e12);
        tf = bound(tf, T0 + 1, T0 + TERM);
        bountyBps = bound(bountyBps, 0, 10_000);
        _randomLife(seed, capacity);
        (uint256 pid, uint256 tid) = _lifeProduct();
        uint256 collateral = life.entitled + 1;
        _grantFreezer();
        uint256 settledBefore = type(uint256).max;
        uint256 bounty;
        uint256 forfeited;
        for (uint256 e; e < EPOCHS; e++) {
            uint256 end = _epochEnd(e, TERM);
            if (settledBefore == type(uint256).max && tf <= end) {
                vm.warp(tf);
                settledBefore = lens.productState(pid).settledEpochs;
                (bounty, forfeited) = _freezeAndForfeit(pid, bountyBps);
            }
            vm.warp(end);
            _runEpoch(pid, e);
        }
        _settleAll(pid);

        bool owedAfter;
        uint256 compensation;
        for (uint256 e; e < EPOCHS; e++) {
            uint256 shortfall = (capacity - life.delivered[e]) * life.unitRevenue[e];
            uint256 due = life.deposited[e] ? shortfall : life.revenue[e] + shortfall;
            uint256 paid = lens.epochInfo(pid, uint32(e)).compensation;
            if (e < settledBefore) {
                assertEq(paid, due, "before the freeze: in full");
            } else {
                assertEq(paid, 0, "after the freeze: nothing");
                if (due != 0) owedAfter = true;
            }
            compensation += paid;
        }
        IFulfillmentVault.Record memory rec = fv.record(pid);
        assertEq(rec.totalCompensation, compensation);
        assertEq(rec.defaulted, owedAfter);
        assertEq(hpt.product(pid).defaulted, owedAfter);
        assertEq(compensation + bounty + forfeited, collateral, "collateral split exactly");
        assertEq(_collateralLeft(pid), 0);
        assertEq(collateralVault.forfeitedOf(pid), forfeited, "never taken by the vault");
        uint256 entitled = rec.totalDeposited + rec.totalCompensation;
        uint256 got = _claim(tid, 0);
        assertLe(got, entitled);
        assertLe(entitled - got, 1, "dust");
        assertEq(_claim(tid, 0), 0, "never twice");
        assertEq(wbtc.balanceOf(address(fv)), entitled - got);
    }

    /// InvalidReport exactly when delivered > capacity, unitRevenue (scaled) exceeds 128 bits, or
    /// revenue + capacity * unitRevenue / PRECISION > MAX.
    function testFuzz_reportBounds(uint256 delivered, uint256 revenue, uint256 unitRevenue) public {
        delivered = bound(delivered, 0, 2 * UNITS);
        uint256 max = fv.MAX_REPORT_VALUE();
        unitRevenue = bound(unitRevenue, 0, 2 * uint256(type(uint128).max));
        revenue = bound(revenue, 0, 2 * max);
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _rScaled(pid, 0, delivered, revenue, unitRevenue);
        uint256 full = Math.mulDiv(UNITS, unitRevenue, PRECISION);
        bool valid = delivered <= UNITS && unitRevenue <= type(uint128).max && revenue <= max && full <= max - revenue;
        if (valid) {
            _submit(r);
            assertEq(lens.epochInfo(pid, 0).revenue, revenue);
        } else {
            _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.InvalidReport.selector));
        }
    }

    /// epochOf agrees with the reference for every time of the term.
    function testFuzz_epochOf(uint256 t) public {
        t = bound(t, T0, T0 + TERM - 1);
        (uint256 pid,) = _defaultProduct();
        uint32 e = lens.epochOf(pid, uint64(t));
        assertEq(e, (t - T0) / EPOCH);
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, e);
        assertLe(info.start, t);
        assertGt(info.end, t);
    }

    /// Holdings never pay for time outside the product's term.
    function testFuzz_termClipping(uint256 before, uint256 afterEnd) public {
        before = bound(before, 1, 20 days - 1); // a transfer in the mint's block replaces the holding
        afterEnd = bound(afterEnd, 1, 20 days);
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.capacity = UNITS;
        a.start = uint64(T0 + 20 days);
        a.end = uint64(T0 + 20 days + EPOCH);
        (uint256 pid, uint256 tid) = _mint(a);
        vm.warp(T0 + 20 days - before);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tid);
        vm.warp(T0 + 20 days + EPOCH + afterEnd);
        if (afterEnd <= REPORT_WINDOW) {
            _report(pid, 0, UNITS, 1e8, 1e5);
            _deposit(pid, 0);
        } else {
            fv.settle(pid, 1);
        }
        vm.prank(alice);
        hpt.transferFrom(alice, bob, tid);
        assertEq(_claim(tid, 0), 0, "before the start");
        // unreported: the collateral's per-epoch share (one epoch: all of it) is the whole entitlement
        uint256 expected = afterEnd <= REPORT_WINDOW ? 1e8 : COLLATERAL;
        assertEq(_claim(tid, 1), expected, "the whole term");
        assertEq(_claim(tid, 2), 0, "after the end");
    }
}
