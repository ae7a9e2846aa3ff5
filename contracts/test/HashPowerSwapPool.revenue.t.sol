// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @dev Drives the pool's revenue books with random arrivals (revenue paid to the pool), syncs, time,
/// share transfers between three holders, claims and pro-rata withdrawals, and keeps the ghost totals
/// the invariants compare: what arrived and what was claimed.
contract PoolRevenueHandler is Test {
    HashPowerSwapPool internal immutable pool;
    TestPayoutToken internal immutable wbtc;
    address internal immutable minter;
    address[3] internal holders;

    uint256 public arrived;
    uint256 public claimed;
    uint256 public arrivals;
    uint256 public claims;
    uint256 public warps;

    constructor(HashPowerSwapPool pool_, TestPayoutToken wbtc_, address minter_, address[3] memory holders_) {
        pool = pool_;
        wbtc = wbtc_;
        minter = minter_;
        holders = holders_;
    }

    function arrive(uint256 amount) external {
        amount = bound(amount, 1, 1e14);
        vm.prank(minter);
        wbtc.mint(address(pool), amount);
        arrived += amount;
        ++arrivals;
    }

    function sync() external {
        pool.sync();
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 2 days));
        ++warps;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 fraction) external {
        address from = holders[fromSeed % 3];
        address to = holders[toSeed % 3];
        uint256 balance = pool.balanceOf(from);
        if (balance == 0) return;
        vm.prank(from);
        pool.transfer(to, bound(fraction, 1, balance));
    }

    function claim(uint256 seed) external {
        address who = holders[seed % 3];
        uint256 before = wbtc.balanceOf(who);
        vm.prank(who);
        pool.claimRevenue();
        claimed += wbtc.balanceOf(who) - before;
        ++claims;
    }

    function withdrawProRata(uint256 seed, uint256 fraction) external {
        address who = holders[seed % 3];
        uint256 balance = pool.balanceOf(who);
        // keep some shares outstanding: revenue that arrives while there are none waits for the next ones
        if (balance == 0 || balance == pool.totalSupply()) return;
        vm.prank(who);
        pool.withdrawProRata(bound(fraction, 1, balance), who);
    }

    function claimableSum() external view returns (uint256 sum) {
        for (uint256 i; i < 3; i++) {
            sum += pool.claimableRevenue(holders[i], address(wbtc));
        }
    }
}

/// @notice The pool's revenue unlocking: fuzzed (10,000 runs) time-proportional sharing and
/// conservation, and invariants (256 runs x depth 100) that shareholders together never get more than
/// arrived and that the pool always holds what they can claim.
contract HashPowerSwapPoolRevenueTest is SwapFixtures {
    PoolRevenueHandler internal handler;
    uint256 internal lpShares;

    function setUp() public override {
        super.setUp();
        (, uint256 filToken) = _filToken(lp, 20_000e6);
        lpShares = _lpDeposit(lp, filToken);
        (, uint256 btcToken) = _btcToken(lp, 2_000e6);
        lpShares += _lpDeposit(lp, btcToken);
        handler = new PoolRevenueHandler(pool, wbtc, owner, [lp, alice, bob]);
        vm.startPrank(lp);
        pool.transfer(alice, lpShares / 3);
        pool.transfer(bob, lpShares / 3);
        vm.stopPrank();
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](7);
        actions[0] = PoolRevenueHandler.arrive.selector;
        actions[1] = PoolRevenueHandler.sync.selector;
        actions[2] = PoolRevenueHandler.warp.selector;
        actions[3] = PoolRevenueHandler.warp.selector;
        actions[4] = PoolRevenueHandler.transfer.selector;
        actions[5] = PoolRevenueHandler.claim.selector;
        actions[6] = PoolRevenueHandler.withdrawProRata.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    // ------------------------------------------------------------------ fuzz

    /// Revenue is shared by time held while it unlocks: shares received `d` seconds into the window
    /// earn their fraction of the revenue times the rest of the window, the giver the remainder; the
    /// two together get all of it, less at most a few base units of rounding.
    function testFuzz_revenue_sharedByTimeHeldWhileItUnlocks(uint256 amount, uint256 d, uint256 fraction) public {
        amount = bound(amount, 1e6, 1e18);
        uint256 window = pool.REVENUE_UNLOCK();
        d = bound(d, 0, window);
        uint256 carolShares = bound(fraction, 1, pool.balanceOf(lp));
        address carol = makeAddr("carol");
        uint256 supply = pool.totalSupply();
        vm.prank(owner);
        wbtc.mint(address(pool), amount);
        pool.sync();
        uint256 t0 = block.timestamp;
        vm.warp(t0 + d);
        vm.prank(lp);
        pool.transfer(carol, carolShares);
        vm.warp(t0 + window);

        uint256 carolGot = pool.claimableRevenue(carol, address(wbtc));
        // exact: amount * carolShares / supply * (window - d) / window; the books round down per update
        uint256 expected = amount * carolShares / supply * (window - d) / window;
        assertApproxEqAbs(carolGot, expected, 3 + amount * carolShares / supply / window);
        uint256 total = carolGot + pool.claimableRevenue(lp, address(wbtc))
            + pool.claimableRevenue(alice, address(wbtc)) + pool.claimableRevenue(bob, address(wbtc));
        assertLe(total, amount, "never more than arrived");
        assertGe(total + 4, amount, "all of it once the window is over");
    }

    /// A deposit and withdrawal in the same block as a harvest earns nothing of it, whatever the sizes
    /// and the time into an earlier window.
    function testFuzz_revenue_inAndOutAroundAnArrival_earnsNothing(uint256 amount, uint256 earlier, uint256 units)
        public
    {
        amount = bound(amount, 1, 1e18);
        vm.prank(owner);
        wbtc.mint(address(pool), bound(earlier, 0, 1e18));
        pool.sync();
        vm.warp(block.timestamp + 1 hours);
        _refreshPrices();
        address carol = makeAddr("carol");
        (, uint256 t) = _filToken(carol, bound(units, 1e6, 50_000e6));
        uint256 shares = _lpDeposit(carol, t);
        vm.prank(owner);
        wbtc.mint(address(pool), amount);
        pool.sync();
        vm.startPrank(carol);
        pool.withdrawProRata(shares, carol);
        pool.claimRevenue();
        vm.stopPrank();
        assertEq(wbtc.balanceOf(carol), 0);
        vm.warp(block.timestamp + 2 days);
        assertEq(pool.claimableRevenue(carol, address(wbtc)), 0);
    }

    // ------------------------------------------------------------------ invariants

    /// The handler's actions reach the pool and the books stay within what arrived.
    function test_handlerExercisesEveryAction() public {
        handler.arrive(1e9);
        handler.sync();
        handler.warp(6 hours);
        handler.transfer(0, 1, lpShares / 10);
        handler.claim(1);
        handler.withdrawProRata(2, lpShares / 10);
        handler.warp(2 days);
        handler.claim(0);
        assertEq(handler.arrivals(), 1);
        assertEq(handler.claims(), 2);
        assertGt(handler.claimed(), 0);
        assertLe(handler.claimed() + handler.claimableSum(), handler.arrived());
    }

    function invariant_revenue_neverMoreThanArrived() public view {
        assertLe(handler.claimed() + handler.claimableSum(), handler.arrived());
    }

    function invariant_revenue_poolHoldsWhatShareholdersCanClaim() public view {
        assertGe(wbtc.balanceOf(address(pool)), handler.claimableSum());
        (,, uint256 locked,) = poolLens.revenueState(address(wbtc));
        assertLe(locked, handler.arrived() - handler.claimed());
    }
}
