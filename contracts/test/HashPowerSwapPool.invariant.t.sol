// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {SwapPoolLens} from "../src/swap/SwapPoolLens.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @dev Drives the pool at constant prices and time with random swaps both ways (partial and whole
/// tokens), deposits, pro-rata withdrawals, withdrawals of chosen units and consolidations, and
/// records every step whose books break the rules (a failing assertion in a handler would only
/// count as a revert): a quote that differs from the executed amount, a swap that lowered the
/// pool's value by more than its fee allows, or a step that lowered the value of a share.
contract SwapPoolHandler is Test {
    HashPowerSwapPool internal immutable pool;
    SwapPoolLens internal immutable poolLens;
    HashPowerToken internal immutable hpt;
    address internal immutable trader;
    address internal immutable lp;

    /// tokens the trader can swap (BTC and FIL products) and the LP can deposit
    uint256[] public traderTokens;
    uint256[] public lpTokens;

    uint256 public quoteMismatches;
    uint256 public valueLosses;
    uint256 public shareValueLosses;
    uint256 public swaps;
    uint256 public deposits;
    uint256 public withdrawals;
    uint256 public feesKept;

    constructor(
        HashPowerSwapPool pool_,
        HashPowerToken hpt_,
        address trader_,
        address lp_,
        uint256[] memory traderTokens_,
        uint256[] memory lpTokens_
    ) {
        pool = pool_;
        poolLens = new SwapPoolLens(address(pool_));
        hpt = hpt_;
        trader = trader_;
        lp = lp_;
        traderTokens = traderTokens_;
        lpTokens = lpTokens_;
    }

    // ------------------------------------------------------------------ actions

    function swap(uint256 inSeed, uint256 outSeed, uint256 units) external {
        uint256 tokenIn = _liveOf(traderTokens, inSeed);
        uint256[] memory held = pool.heldTokens();
        if (tokenIn == 0 || held.length == 0) return;
        _roomFor(1);
        held = pool.heldTokens();
        uint256 tokenOut = held[outSeed % held.length];
        uint256 available = hpt.tokenData(tokenIn).units;
        units = bound(units, 1, available);
        HashPowerSwapPool.Quote memory q;
        try pool.quote(tokenIn, units, tokenOut) returns (HashPowerSwapPool.Quote memory q_) {
            q = q_;
        } catch {
            return; // too small or too large for the pool's token: no swap
        }
        (uint256 navBefore, uint256 supplyBefore) = (pool.totalValue(), pool.totalSupply());
        vm.prank(trader);
        (uint256 out, uint256 got) = pool.swap(
            HashPowerSwapPool.SwapParams({
                tokenIn: tokenIn,
                unitsIn: units,
                tokenOut: tokenOut,
                minUnitsOut: q.unitsOut,
                recipient: trader,
                deadline: uint64(block.timestamp)
            })
        );
        if (out != q.unitsOut) ++quoteMismatches;
        uint256 navAfter = pool.totalValue();
        if (navAfter + 1 < navBefore + q.fee) ++valueLosses;
        if (pool.totalSupply() != supplyBefore) ++valueLosses;
        feesKept += q.fee;
        if (got != tokenOut) traderTokens.push(got);
        ++swaps;
    }

    function deposit(uint256 seed, uint256 units) external {
        uint256 tokenId = _liveOf(lpTokens, seed);
        if (tokenId == 0) return;
        _roomFor(1);
        units = bound(units, 1, hpt.tokenData(tokenId).units);
        (uint256 navBefore, uint256 supplyBefore) = (pool.totalValue(), pool.totalSupply());
        vm.prank(lp);
        try pool.deposit(tokenId, units, 0, lp) {
            _checkShareValue(navBefore, supplyBefore, 0);
            ++deposits;
        } catch {}
    }

    function withdrawProRata(uint256 fraction) external {
        uint256 balance = pool.balanceOf(lp);
        if (balance == 0) return;
        uint256 shares = bound(fraction, 1, balance);
        (uint256 navBefore, uint256 supplyBefore) = (pool.totalValue(), pool.totalSupply());
        uint256 productCount = poolLens.products().length;
        vm.prank(lp);
        (uint256[] memory got,) = pool.withdrawProRata(shares, lp);
        for (uint256 i; i < got.length; i++) {
            lpTokens.push(got[i]);
        }
        // each product's remaining units are valued with floors: at most 2 base units per product
        _checkShareValue(navBefore, supplyBefore, 2 * productCount);
        ++withdrawals;
    }

    function withdrawUnits(uint256 seed, uint256 units) external {
        uint256[] memory held = pool.heldTokens();
        if (held.length == 0) return;
        uint256 tokenId = held[seed % held.length];
        (, uint256 heldUnits) = poolLens.heldToken(tokenId);
        units = bound(units, 1, heldUnits);
        (uint256 navBefore, uint256 supplyBefore) = (pool.totalValue(), pool.totalSupply());
        vm.prank(lp);
        try pool.withdrawUnits(tokenId, units, type(uint256).max, lp) returns (uint256, uint256 got) {
            lpTokens.push(got);
            _checkShareValue(navBefore, supplyBefore, 0);
            ++withdrawals;
        } catch {}
    }

    // ------------------------------------------------------------------ helpers

    /// value per share = (nav + 1) / (supply + 1e6) must not drop (by more than `slack` of NAV)
    function _checkShareValue(uint256 navBefore, uint256 supplyBefore, uint256 slack) internal {
        uint256 navAfter = pool.totalValue();
        uint256 supplyAfter = pool.totalSupply();
        if ((navAfter + 1 + slack) * (supplyBefore + 1e6) < (navBefore + 1) * (supplyAfter + 1e6)) {
            ++shareValueLosses;
        }
    }

    /// Keeps the pool under its token limit by merging held tokens of the most fragmented product.
    function _roomFor(uint256 n) internal {
        uint256[] memory held = pool.heldTokens();
        if (held.length + n <= pool.MAX_HELD()) return;
        (uint256 pid,) = poolLens.heldToken(held[0]);
        uint256 count;
        for (uint256 i; i < held.length; i++) {
            (uint256 p,) = poolLens.heldToken(held[i]);
            if (p == pid) ++count;
        }
        if (count < 2) return;
        uint256[] memory ids = new uint256[](count);
        uint256 k;
        for (uint256 i; i < held.length; i++) {
            (uint256 p,) = poolLens.heldToken(held[i]);
            if (p == pid) ids[k++] = held[i];
        }
        pool.consolidate(ids);
    }

    /// A live token of `list` still owned by its actor, picked by `seed` (0 if none).
    function _liveOf(uint256[] storage list, uint256 seed) internal view returns (uint256) {
        uint256 n = list.length;
        for (uint256 i; i < n; i++) {
            uint256 id = list[(seed + i) % n];
            try hpt.ownerOf(id) returns (address o) {
                if (o == trader || o == lp) {
                    if (hpt.tokenData(id).units > 0) return id;
                }
            } catch {}
        }
        return 0;
    }
}

/// @notice Invariants of the pool (256 runs x depth 100 in the default profile), at constant prices
/// and time: pool value conserved minus fees across any sequence of swaps, deposits and withdrawals;
/// quotes equal executed amounts; the books (held tokens, products, classes) match the token
/// contract (checklist item 25).
contract HashPowerSwapPoolInvariantTest is SwapFixtures {
    SwapPoolHandler internal handler;

    function setUp() public override {
        super.setUp();
        uint256[] memory traderTokens = new uint256[](4);
        uint256[] memory lpTokens = new uint256[](4);
        (, traderTokens[0]) = _btcToken(trader, 5_000e6);
        (, traderTokens[1]) = _filToken(trader, 10_000e6);
        (, traderTokens[2]) = _btcToken(trader, 50e6);
        (, traderTokens[3]) = _filToken(trader, 100e6);
        (, lpTokens[0]) = _btcToken(lp, 20_000e6);
        (, lpTokens[1]) = _filToken(lp, 50_000e6);
        (, lpTokens[2]) = _btcToken(lp, 2_000e6);
        (, lpTokens[3]) = _filToken(lp, 5_000e6);
        _lpDeposit(lp, lpTokens[0]);
        _lpDeposit(lp, lpTokens[1]);
        vm.prank(trader);
        hpt.setApprovalForAll(address(pool), true);
        vm.prank(lp);
        hpt.setApprovalForAll(address(pool), true);
        handler = new SwapPoolHandler(pool, hpt, trader, lp, traderTokens, lpTokens);
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](5);
        actions[0] = SwapPoolHandler.swap.selector;
        actions[1] = SwapPoolHandler.swap.selector;
        actions[2] = SwapPoolHandler.deposit.selector;
        actions[3] = SwapPoolHandler.withdrawProRata.selector;
        actions[4] = SwapPoolHandler.withdrawUnits.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// The handler's actions really reach the pool (a fixed sequence of every action, both swap directions,
    /// partial and whole tokens) and the ghost checks stay clean.
    function test_handlerExercisesEveryAction() public {
        handler.swap(0, 1, 100e6); // BTC in, FIL out (pool token index 1)
        handler.swap(1, 0, 1_000e6); // FIL in, BTC out
        handler.swap(2, 1, type(uint256).max); // a whole token in
        handler.deposit(0, 500e6);
        handler.deposit(1, 700e6);
        handler.withdrawProRata(pool.balanceOf(lp) / 3);
        handler.withdrawUnits(0, 10e6);
        assertEq(handler.swaps(), 3);
        assertEq(handler.deposits(), 2);
        assertEq(handler.withdrawals(), 2);
        assertGt(handler.feesKept(), 0);
        assertEq(handler.quoteMismatches(), 0);
        assertEq(handler.valueLosses(), 0);
        assertEq(handler.shareValueLosses(), 0);
    }

    function invariant_item25_quotesEqualExecutedAmounts() public view {
        assertEq(handler.quoteMismatches(), 0);
    }

    function invariant_item25_poolValueConservedMinusFees() public view {
        assertEq(handler.valueLosses(), 0, "a swap lowered the pool's value beyond its fee");
        assertEq(handler.shareValueLosses(), 0, "a step lowered the value of a share");
    }

    /// The pool's books match the token contract: every held token is the pool's, with the units the
    /// pool thinks; product and class tallies are the sums over held tokens.
    function invariant_booksMatchTheToken() public view {
        uint256[] memory held = pool.heldTokens();
        uint256[] memory pids = poolLens.products();
        uint256 btcUnits;
        uint256 filUnits;
        for (uint256 i; i < held.length; i++) {
            (uint256 pid, uint256 units) = poolLens.heldToken(held[i]);
            assertEq(hpt.ownerOf(held[i]), address(pool));
            assertEq(hpt.tokenData(held[i]).units, units);
            if (hpt.tokenData(held[i]).assetClass == btc) btcUnits += units;
            else filUnits += units;
            bool listed;
            for (uint256 j; j < pids.length; j++) {
                if (pids[j] == pid) listed = true;
            }
            assertTrue(listed, "product of a held token is listed");
        }
        uint256 productSum;
        for (uint256 j; j < pids.length; j++) {
            productSum += poolLens.productUnits(pids[j]);
        }
        (, uint256 classBtc) = poolLens.classState(btc);
        (, uint256 classFil) = poolLens.classState(fil);
        assertEq(classBtc, btcUnits);
        assertEq(classFil, filUnits);
        assertEq(productSum, btcUnits + filUnits);
        assertLe(held.length, pool.MAX_HELD());
    }
}
