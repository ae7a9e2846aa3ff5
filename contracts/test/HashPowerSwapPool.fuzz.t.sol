// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice Fuzz (10,000 runs in the default profile) of the value-moving math: quotes equal executed
/// amounts, rounding never favours the trader, share math on deposits and withdrawals (checklist
/// items 18, 25).
contract HashPowerSwapPoolFuzzTest is SwapFixtures {
    uint256 internal filPid;
    uint256 internal filToken;
    uint256 internal btcPoolPid;
    uint256 internal btcPoolToken;
    uint256 internal btcPid;
    uint256 internal btcToken;
    uint256 internal lpShares;

    function setUp() public override {
        super.setUp();
        (filPid, filToken) = _filToken(lp, 50_000e6);
        lpShares = _lpDeposit(lp, filToken);
        (btcPoolPid, btcPoolToken) = _btcToken(lp, 20_000e6);
        lpShares += _lpDeposit(lp, btcPoolToken);
        (btcPid, btcToken) = _btcToken(trader, 10_000e6);
        vm.prank(trader);
        hpt.setApprovalForAll(address(pool), true);
        vm.prank(lp);
        hpt.setApprovalForAll(address(pool), true);
    }

    /// Random time (within the heartbeat of a fresh report) and prices within the move bound.
    function _market(uint256 dt, uint256 hpBtc, uint256 hpFil) internal {
        vm.warp(block.timestamp + bound(dt, 1, 100 days));
        _price(btc, bound(hpBtc, BTC_HASHPRICE * 8 / 10, BTC_HASHPRICE * 12 / 10), BTC_PAYOUT_PRICE);
        _price(fil, bound(hpFil, FIL_HASHPRICE * 8 / 10, FIL_HASHPRICE * 12 / 10), FIL_PAYOUT_PRICE);
    }

    function _nav() internal view returns (uint256) {
        return pool.totalValue();
    }

    /// Checklist items 18 and 25: the quote is what executes; the trader never gets more than the
    /// value in less the (rounded-up) fee; the pool's value grows by at least the fee (less one
    /// base unit of valuation rounding).
    function testFuzz_item25_quoteEqualsExecuted_andRoundingNeverFavoursTheTrader(
        uint256 unitsIn,
        uint256 dt,
        uint256 hpBtc,
        uint256 hpFil
    ) public {
        _market(dt, hpBtc, hpFil);
        unitsIn = bound(unitsIn, 1, 10_000e6 - 1);
        HashPowerSwapPool.Quote memory q = pool.quote(btcToken, unitsIn, filToken);
        uint256 navBefore = _nav();
        vm.prank(trader);
        (uint256 out, uint256 got) = pool.swap(_params(btcToken, unitsIn, filToken, q.unitsOut));
        assertEq(out, q.unitsOut, "quote == executed");
        assertEq(hpt.tokenData(got).units, out);
        assertGe(q.fee, 1, "fee rounded up");
        assertGe(q.fee * 10_000, q.valueIn * FEE_BPS);
        // exact rational check: out units are worth at most valueIn - fee
        uint256 remaining = T0 + YEAR - block.timestamp;
        (uint256 hp,) = oracle.prices(fil);
        assertLe(out * remaining * hp, (q.valueIn - q.fee) * 1 days, "never favours the trader");
        assertGt((out + 1) * remaining * hp, (q.valueIn - q.fee) * 1 days, "but pays every whole unit");
        assertGe(_nav() + 1, navBefore + q.fee, "the pool keeps the fee");
    }

    /// The other direction, paying out of the pool's BTC.
    function testFuzz_item25_filForBtc_quoteEqualsExecuted(uint256 unitsIn, uint256 dt, uint256 hpFil) public {
        _market(dt, BTC_HASHPRICE, hpFil);
        (, uint256 t) = _filToken(trader, 40_000e6);
        unitsIn = bound(unitsIn, 10, 40_000e6);
        HashPowerSwapPool.Quote memory q = pool.quote(t, unitsIn, btcPoolToken);
        uint256 navBefore = _nav();
        vm.prank(trader);
        (uint256 out,) = pool.swap(_params(t, unitsIn, btcPoolToken, q.unitsOut));
        assertEq(out, q.unitsOut);
        assertLe(valuation.valueOfUnits(btcPoolPid, out), q.valueIn - q.fee);
        assertGe(_nav() + 1, navBefore + q.fee);
    }

    /// Deposits mint `value * (supply + 1e6) / (NAV + 1)` rounded down: existing shares never lose value.
    function testFuzz_item25_depositShares(uint256 units, uint256 dt, uint256 hpBtc) public {
        _market(dt, hpBtc, FIL_HASHPRICE);
        units = bound(units, 1, 10_000e6);
        uint256 nav = _nav();
        uint256 supply = pool.totalSupply();
        uint256 value = valuation.valueOfUnits(btcPid, units);
        uint256 expected = value * (supply + 1e6) / (nav + 1);
        vm.assume(expected > 0);
        vm.prank(trader);
        uint256 shares = pool.deposit(btcToken, units, expected, trader);
        assertEq(shares, expected);
        // value per share never decreases: (nav' + 1) / (supply' + 1e6) >= (nav + 1) / (supply + 1e6)
        assertGe((_nav() + 1) * (supply + 1e6), (nav + 1) * (pool.totalSupply() + 1e6));
    }

    /// Withdrawals of chosen units burn the NAV decrease's shares rounded up: the others keep their value.
    function testFuzz_item25_withdrawUnitsShares(uint256 units, uint256 dt, uint256 hpFil) public {
        _market(dt, BTC_HASHPRICE, hpFil);
        units = bound(units, 1, 50_000e6);
        uint256 nav = _nav();
        uint256 supply = pool.totalSupply();
        (uint256 value, uint256 expected) = pool.previewWithdraw(filToken, units);
        vm.assume(value > 0);
        vm.prank(lp);
        (uint256 shares,) = pool.withdrawUnits(filToken, units, expected, lp);
        assertEq(shares, expected);
        assertGe(shares * (nav + 1), value * (supply + 1e6), "rounded up");
        assertGe((_nav() + 1) * (supply + 1e6), (nav + 1) * (pool.totalSupply() + 1e6));
    }

    /// Pro-rata withdrawals pay `floor(units * shares / (supply + 1e6))` of each token.
    function testFuzz_withdrawProRataUnits(uint256 shares) public {
        shares = bound(shares, 1, lpShares);
        uint256 denom = pool.totalSupply() + 1e6;
        vm.prank(lp);
        (, uint256[] memory units) = pool.withdrawProRata(shares, lp);
        uint256 k;
        uint256 filOut = 50_000e6 * shares / denom;
        uint256 btcOut = 20_000e6 * shares / denom;
        if (filOut > 0) assertEq(units[k++], filOut);
        if (btcOut > 0) assertEq(units[k++], btcOut);
        assertEq(units.length, k);
    }
}
