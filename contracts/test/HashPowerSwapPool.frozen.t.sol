// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice The pool and frozen products: the pool redeems its share of a frozen product's forfeited
/// collateral for the tokens it held at the freeze ({HashPowerSwapPool.redeemFrozen}, which names the
/// pool's own holding), the proceeds reach shareholders pro rata, and a token the pool received after
/// the freeze pays its holder at the freeze, never the pool.
contract HashPowerSwapPoolFrozenTest is SwapFixtures {
    uint256 internal filPid;
    uint256 internal filToken; // held by the pool (the lowest product id: the challenges' evidence)
    uint256 internal btcPoolPid;
    uint256 internal btcPoolToken; // held by the pool, frozen by the challenges below
    uint256 internal lpShares;

    function setUp() public override {
        super.setUp();
        (filPid, filToken) = _filToken(lp, FIL_UNITS);
        lpShares = _lpDeposit(lp, filToken);
        (btcPoolPid, btcPoolToken) = _btcToken(lp, BTC_UNITS);
        lpShares += _lpDeposit(lp, btcPoolToken);
    }

    /// Freezes `pid` by a duplicate-hardware challenge at the hardware registry (every product of the
    /// fixtures commits to the same hardware; the FIL product, minted first, is the evidence).
    function _freeze(uint256 pid) internal returns (uint256 forfeited, uint64 frozenAt) {
        assertLt(filPid, pid, "the later product is frozen");
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], filPid, p, pid, p);
        (forfeited,, frozenAt,) = hardwareRegistry.frozenPool(pid);
        assertGt(forfeited, 0);
    }

    /// The pool held the whole product at the freeze: it is paid all that was forfeited for holders,
    /// and its shareholders share it pro rata to their shares (never more than arrived).
    function test_redeemFrozen_paysThePoolForTokensItHeldAtTheFreeze_sharedByShareholders() public {
        vm.prank(lp);
        pool.transfer(alice, lpShares / 2);
        (uint256 forfeited,) = _freeze(btcPoolPid);
        uint256 index = hpt.holdingCount(btcPoolToken) - 1;

        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(btcPoolToken, btcPoolPid, address(pool), forfeited);
        vm.prank(stranger); // anyone may call
        uint256 total = pool.redeemFrozen(_one(btcPoolToken));
        assertEq(total, forfeited, "units == capacity: the whole forfeited share");
        assertEq(_balance(address(wbtc), address(pool)), forfeited);
        assertTrue(hardwareRegistry.isRedeemed(btcPoolToken));
        (uint256 acc, uint256 accounted, uint256 locked,) = poolLens.revenueState(address(wbtc));
        assertGt(acc, 0, "credited at once");
        assertEq(accounted, forfeited);
        assertEq(locked, 0, "not unlocked over time like revenue");
        (uint256 heldPid,) = poolLens.heldToken(btcPoolToken);
        assertEq(heldPid, 0, "dropped from the books");

        uint256 lpOwed = pool.claimableRevenue(lp, address(wbtc));
        uint256 aliceOwed = pool.claimableRevenue(alice, address(wbtc));
        assertApproxEqAbs(lpOwed, forfeited / 2, 1);
        assertApproxEqAbs(aliceOwed, forfeited / 2, 1);
        assertLe(lpOwed + aliceOwed, forfeited, "never more than arrived");
        vm.prank(alice);
        assertEq(pool.claimRevenue()[0], aliceOwed);
        assertEq(_balance(address(wbtc), alice), aliceOwed);

        // once per token
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, btcPoolToken));
        pool.redeemFrozen(_one(btcPoolToken));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, btcPoolToken));
        hardwareRegistry.redeemFrozen(_one(btcPoolToken), _one(index));
    }

    /// A frozen token someone sends the pool after the freeze (frozen tokens transfer; deposits and
    /// swaps refuse them) is not the pool's to redeem: the pool's holding starts after the freeze, the
    /// registry refuses it, and the holder at the freeze is paid, not the pool.
    function test_redeemFrozen_tokenReceivedAfterTheFreeze_paysItsHolderAtTheFreeze() public {
        (uint256 pid, uint256 tokenId) = _btcToken(alice, BTC_UNITS);
        (uint256 forfeited, uint64 frozenAt) = _freeze(pid);
        uint256 aliceIndex = hpt.holdingCount(tokenId) - 1;
        // a later second: a holding that starts in the freeze's own second covers it
        vm.warp(block.timestamp + 1);

        // the pool refuses it as a deposit ...
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ProductNotAccepted.selector, pid));
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), tokenId);
        // ... but a plain transfer still lands it in the pool, off its books
        vm.prank(alice);
        hpt.transferFrom(alice, address(pool), tokenId);
        assertEq(hpt.ownerOf(tokenId), address(pool));
        (uint256 heldPid,) = poolLens.heldToken(tokenId);
        assertEq(heldPid, 0, "not on the pool's books");
        uint256 poolIndex = hpt.holdingCount(tokenId) - 1;
        assertGt(hpt.holding(tokenId, poolIndex).start, frozenAt);

        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, tokenId, poolIndex));
        pool.redeemFrozen(_one(tokenId));

        vm.prank(stranger);
        hardwareRegistry.redeemFrozen(_one(tokenId), _atFreeze(_one(tokenId)));
        assertEq(_atFreeze(_one(tokenId))[0], aliceIndex);
        assertEq(_balance(address(wbtc), alice), forfeited, "the holder at the freeze is paid");
        assertEq(_balance(address(wbtc), address(pool)), 0, "the pool gets nothing");
        pool.sync();
        (uint256 acc,,,) = poolLens.revenueState(address(wbtc));
        assertEq(acc, 0, "nothing credited to shareholders");
    }

    /// A frozen token whose redemption is pending cannot be evicted (its redemption would then
    /// arrive after shares were priced without it); {redeemFrozen} redeems and evicts in one call.
    function test_evict_frozenToken_waitsForItsRedemption() public {
        _freeze(btcPoolPid);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.RedemptionPending.selector, btcPoolPid));
        pool.evict(_one(btcPoolToken));
        (uint256 heldPid,) = poolLens.heldToken(btcPoolToken);
        assertEq(heldPid, btcPoolPid, "still on the books");
    }

    /// A frozen token redeemed directly at the registry (anyone may): the proceeds arrive unaccounted,
    /// deposits still wait, and the eviction credits the redemption to shareholders at once, even when
    /// someone synced it into the unlocking window first.
    function test_redeemFrozen_directlyAtTheRegistry_creditedAtOnceByTheEviction() public {
        (, uint256 t) = _filToken(alice, FIL_UNITS); // minted first: the challenge slashes its signers
        (uint256 forfeited,) = _freeze(btcPoolPid);
        uint256 index = hpt.holdingCount(btcPoolToken) - 1;
        vm.prank(stranger);
        hardwareRegistry.redeemFrozen(_one(btcPoolToken), _one(index));
        assertEq(_balance(address(wbtc), address(pool)), forfeited);
        assertEq(pool.claimableRevenue(lp, address(wbtc)), 0, "not credited yet");
        pool.sync(); // an attacker locks it into the unlocking window ...
        (,, uint256 locked,) = poolLens.revenueState(address(wbtc));
        assertEq(locked, forfeited);
        // ... deposits still wait ...
        vm.startPrank(alice);
        hpt.approve(address(pool), t);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.RedemptionPending.selector, btcPoolPid));
        pool.deposit(t, FIL_UNITS, 0, alice);
        vm.stopPrank();
        // ... and the eviction credits it at once, to the shareholders at the freeze
        vm.prank(stranger);
        pool.evict(_one(btcPoolToken));
        (,, locked,) = poolLens.revenueState(address(wbtc));
        assertEq(locked, 0);
        assertApproxEqAbs(pool.claimableRevenue(lp, address(wbtc)), forfeited, 1);
        uint256 aliceShares = _lpDeposit(alice, t);
        assertGt(aliceShares, 0);
        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        assertEq(pool.claimableRevenue(alice, address(wbtc)), 0, "the later depositor gets none of it");
        vm.prank(lp);
        uint256 paid = pool.claimRevenue()[0];
        assertApproxEqAbs(paid, forfeited, 1);
        assertLe(paid, forfeited);
    }

    function test_redeemFrozen_refusals() public {
        // a token the pool does not own
        (, uint256 aliceToken) = _btcToken(alice, BTC_UNITS);
        vm.expectRevert(
            abi.encodeWithSelector(HashPowerSwapPool.NotTokenOwner.selector, aliceToken, address(pool))
        );
        pool.redeemFrozen(_one(aliceToken));
        // a live token
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotFrozen.selector, filToken));
        pool.redeemFrozen(_one(filToken));
        // frozen by the freezer role, not by a challenge: nothing was forfeited at the registry
        vm.prank(address(hardwareRegistry));
        hpt.freeze(btcPoolPid);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotFrozen.selector, btcPoolToken));
        pool.redeemFrozen(_one(btcPoolToken));
        // one bad token reverts the whole call
        uint256[] memory two = new uint256[](2);
        two[0] = btcPoolToken;
        two[1] = aliceToken;
        vm.expectRevert(
            abi.encodeWithSelector(HashPowerSwapPool.NotTokenOwner.selector, aliceToken, address(pool))
        );
        pool.redeemFrozen(two);
    }

    /// Regression (was a known limit): a deposit between the freeze and the redemption bought shares
    /// at a NAV that no longer counted the frozen token and then shared in the redemption, taking part
    /// of the earlier shareholders' compensation. Shares are now never priced while a held frozen
    /// product's redemption is pending: deposits and withdrawals of chosen units refuse, pro-rata
    /// withdrawals (no price) still work, and once {redeemFrozen} has run the new depositor gets none
    /// of the redemption.
    function test_redeemFrozen_depositsWaitForIt_soItGoesToTheSharesAtTheFreeze() public {
        (, uint256 t) = _filToken(alice, FIL_UNITS); // minted first: the challenge slashes its signers
        (uint256 forfeited,) = _freeze(btcPoolPid);
        vm.startPrank(alice);
        hpt.approve(address(pool), t);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.RedemptionPending.selector, btcPoolPid));
        pool.deposit(t, FIL_UNITS, 0, alice);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.RedemptionPending.selector, btcPoolPid));
        pool.previewDeposit(filPid, FIL_UNITS);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.RedemptionPending.selector, btcPoolPid));
        vm.prank(lp);
        pool.withdrawUnits(filToken, 1, type(uint256).max, lp);
        assertGt(pool.totalValue(), 0, "the NAV view still answers");

        pool.redeemFrozen(_one(btcPoolToken));
        uint256 aliceShares = _lpDeposit(alice, t);
        assertGt(aliceShares, 0);
        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        assertEq(pool.claimableRevenue(alice, address(wbtc)), 0, "none of the redemption");
        assertApproxEqAbs(pool.claimableRevenue(lp, address(wbtc)), forfeited, 1, "all of it to the shares at the freeze");
    }

    /// A pro-rata withdrawal needs no price, so it works while a redemption is pending (the leaver
    /// forgoes its share of the redemption: docs/swap.md section 7).
    function test_withdrawProRata_worksWhileARedemptionIsPending() public {
        _freeze(btcPoolPid);
        vm.prank(lp);
        (uint256[] memory received,) = pool.withdrawProRata(lpShares / 2, lp);
        assertEq(received.length, 1, "the live FIL token only");
    }
}
