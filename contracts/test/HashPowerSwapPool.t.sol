// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AttestationExpired, TooManyItems, ZeroAddress, ZeroAmount, ZeroUnits} from "../src/common/Errors.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {SwapPoolLens} from "../src/swap/SwapPoolLens.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {IFrozenRedemption} from "../src/interfaces/IFrozenRedemption.sol";
import {IFulfillmentClaims} from "../src/interfaces/IFulfillmentClaims.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../src/interfaces/IHashPowerValuation.sol";
import {IAssetClassRegistry} from "../src/interfaces/IAssetClassRegistry.sol";
import {ReentrantReceiver} from "./mocks/ReentrantReceiver.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice The swap pool: parity swaps with exact carves, LP shares, revenue, refusals, and the attacks
/// of checklist items 15, 20, 25, 26 and 31.
contract HashPowerSwapPoolTest is SwapFixtures {
    uint256 internal filPid;
    uint256 internal filToken; // held by the pool
    uint256 internal btcPoolPid;
    uint256 internal btcPoolToken; // held by the pool
    uint256 internal btcPid;
    uint256 internal btcToken; // the trader's
    uint256 internal lpShares;

    function setUp() public override {
        super.setUp();
        (filPid, filToken) = _filToken(lp, FIL_UNITS);
        lpShares = _lpDeposit(lp, filToken);
        (btcPoolPid, btcPoolToken) = _btcToken(lp, BTC_UNITS);
        lpShares += _lpDeposit(lp, btcPoolToken);
        (btcPid, btcToken) = _btcToken(trader, BTC_UNITS);
        vm.prank(trader);
        hpt.setApprovalForAll(address(pool), true);
    }

    // ---------------------------------------------------------------- deployment and settings

    function test_constructor_rejectsBadArguments() public {
        IHashPowerValuation v = valuation;
        IFulfillmentClaims c = IFulfillmentClaims(address(fv));
        IFrozenRedemption r = IFrozenRedemption(address(hardwareRegistry));
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.InvalidFee.selector, 0));
        new HashPowerSwapPool(address(manager), hpt, v, c, r, assetClasses, 0, address(0));
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.InvalidFee.selector, 101));
        new HashPowerSwapPool(address(manager), hpt, v, c, r, assetClasses, 101, address(0));
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerSwapPool(address(manager), IHashPowerToken(address(0)), v, c, r, assetClasses, 30, address(0));
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerSwapPool(address(manager), hpt, IHashPowerValuation(address(0)), c, r, assetClasses, 30, address(0));
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerSwapPool(address(manager), hpt, v, IFulfillmentClaims(address(0)), r, assetClasses, 30, address(0));
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerSwapPool(address(manager), hpt, v, c, IFrozenRedemption(address(0)), assetClasses, 30, address(0));
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerSwapPool(address(manager), hpt, v, c, r, IAssetClassRegistry(address(0)), 30, address(0));
    }

    function test_views() public view {
        assertEq(pool.decimals(), 24);
        assertEq(pool.feeBps(), FEE_BPS);
        bytes32[] memory classes = poolLens.listedClasses();
        assertEq(classes.length, 2);
        assertEq(classes[0], btc);
        assertEq(classes[1], fil);
        address[] memory payouts = poolLens.payoutTokens();
        assertEq(payouts[0], address(wbtc));
        assertEq(payouts[1], address(tfil));
        (SwapPoolLens.ClassConfig memory c, uint256 units) = poolLens.classState(btc);
        assertTrue(c.listed);
        assertEq(c.maxUnits, CAP);
        assertEq(c.minRemaining, MIN_REMAINING);
        assertEq(units, BTC_UNITS);
        assertEq(poolLens.products().length, 2);
        assertEq(poolLens.productUnits(filPid), FIL_UNITS);
        assertEq(pool.heldTokens().length, 2);
        (uint256 p, uint256 u) = poolLens.heldToken(filToken);
        assertEq(p, filPid);
        assertEq(u, FIL_UNITS);
        assertEq(
            pool.totalValue(),
            valuation.valueOfUnits(filPid, FIL_UNITS) + valuation.valueOfUnits(btcPoolPid, BTC_UNITS)
        );
    }

    function test_item31_scheduleClass_refusesStrangers() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        pool.scheduleClass(btc, 1, 1);
    }

    function test_item31_classSettingsWaitForTheirDelay() public {
        vm.prank(owner);
        pool.scheduleClass(btc, 5, 60 days);
        (uint64 maxUnits, uint32 minRemaining, uint64 eta) = poolLens.pendingClass(btc);
        assertEq(maxUnits, 5);
        assertEq(minRemaining, 60 days);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ClassNotReady.selector, btc, eta));
        pool.applyClass(btc);
        vm.warp(eta);
        vm.expectEmit(address(pool));
        emit HashPowerSwapPool.ClassApplied(btc, 5, 60 days, address(wbtc));
        pool.applyClass(btc);
        (SwapPoolLens.ClassConfig memory c,) = poolLens.classState(btc);
        assertEq(c.maxUnits, 5);
        assertEq(poolLens.listedClasses().length, 2, "listed once");
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ClassNotScheduled.selector, btc));
        pool.applyClass(btc);
    }

    function test_atMostEightClasses() public {
        bytes32[] memory ids = new bytes32[](7);
        vm.startPrank(owner);
        for (uint256 i; i < 7; i++) {
            ids[i] = assetClasses.registerAssetClass(string.concat("X-", vm.toString(i)), "u", 6, address(wbtc));
            pool.scheduleClass(ids[i], 1, 0);
        }
        vm.stopPrank();
        vm.warp(block.timestamp + 2 days);
        for (uint256 i; i < 6; i++) {
            pool.applyClass(ids[i]);
        }
        assertEq(poolLens.listedClasses().length, 8);
        assertEq(poolLens.payoutTokens().length, 2, "one entry per payout token");
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, 9, 8));
        pool.applyClass(ids[6]);
    }

    /// A product that delivered nothing over its recent epochs is worth nothing: neither swapped nor deposited.
    function test_productWorthNothing_isRefused() public {
        vm.warp(T0 + EPOCH + 1);
        _submit(_rScaled(btcPid, 0, 0, 1e6, 1e12));
        _deposit(btcPid, 0);
        _refreshPrices();
        assertEq(valuation.valueOfUnits(btcPid, 1e6), 0);
        vm.expectRevert(HashPowerSwapPool.ZeroValue.selector);
        vm.prank(trader);
        pool.swap(_params(btcToken, 1e6, filToken, 0));
        vm.expectRevert(HashPowerSwapPool.ZeroValue.selector);
        vm.prank(trader);
        pool.deposit(btcToken, 1e6, 0, trader);
    }

    function test_scheduleClass_rejectsUnknownClass() public {
        vm.expectRevert();
        vm.prank(owner);
        pool.scheduleClass(keccak256("NOPE"), 1, 1);
    }

    // ---------------------------------------------------------------- deposits and shares

    function test_firstDeposit_mintsValueTimesTheVirtualShares() public {
        HashPowerSwapPool fresh = _freshPool();
        (uint256 p, uint256 t) = _filToken(alice, FIL_UNITS);
        uint256 value = valuation.valueOfUnits(p, FIL_UNITS);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(fresh), true);
        uint256 shares = fresh.deposit(t, FIL_UNITS, 0, alice);
        vm.stopPrank();
        assertEq(shares, value * 1e6);
        assertEq(fresh.balanceOf(alice), shares);
        assertEq(hpt.ownerOf(t), address(fresh), "the whole token moved");
    }

    function test_deposit_isPricedAtTheNav() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        uint256 nav = pool.totalValue();
        uint256 supply = pool.totalSupply();
        uint256 value = valuation.valueOfUnits(p, 400e6);
        (uint256 pv, uint256 ps) = pool.previewDeposit(p, 400e6);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(pool), true);
        vm.expectEmit(address(pool));
        emit HashPowerSwapPool.Deposited(alice, alice, t, 400e6, value, value * (supply + 1e6) / (nav + 1));
        uint256 shares = pool.deposit(t, 400e6, 0, alice);
        vm.stopPrank();
        assertEq(pv, value);
        assertEq(shares, ps);
        assertEq(shares, value * (supply + 1e6) / (nav + 1));
        assertEq(hpt.tokenData(t).units, BTC_UNITS - 400e6, "the pool carved the units");
        assertEq(poolLens.productUnits(p), 400e6);
    }

    function test_deposit_minSharesAndReceiver() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        (, uint256 ps) = pool.previewDeposit(p, BTC_UNITS);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(pool), true);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.SharesBelowMinimum.selector, ps, ps + 1));
        pool.deposit(t, BTC_UNITS, ps + 1, alice);
        vm.expectRevert(ZeroAddress.selector);
        pool.deposit(t, BTC_UNITS, 0, address(0));
        pool.deposit(t, BTC_UNITS, ps, bob);
        vm.stopPrank();
        assertEq(pool.balanceOf(bob), ps);
    }

    function test_depositBySafeTransfer() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        (, uint256 ps) = pool.previewDeposit(p, BTC_UNITS);
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), t, abi.encode(ps, bob));
        assertEq(pool.balanceOf(bob), ps);
        (uint256 hp,) = poolLens.heldToken(t);
        assertEq(hp, p);
        // empty data: shares to the sender
        (uint256 p2, uint256 t2) = _btcToken(alice, BTC_UNITS);
        (, uint256 ps2) = pool.previewDeposit(p2, BTC_UNITS);
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), t2);
        assertEq(pool.balanceOf(alice), ps2);
    }

    function test_depositBySafeTransfer_minSharesAndRefusals() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        (, uint256 ps) = pool.previewDeposit(p, BTC_UNITS);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.SharesBelowMinimum.selector, ps, ps + 1));
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), t, abi.encode(ps + 1, alice));
        vm.expectRevert(ZeroAddress.selector);
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), t, abi.encode(0, address(0)));
        vm.prank(address(hardwareRegistry));
        hpt.freeze(p);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ProductNotAccepted.selector, p));
        vm.prank(alice);
        hpt.safeTransferFrom(alice, address(pool), t);
    }

    function test_onERC721Received_refusesOtherCollections() public {
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.UnsolicitedToken.selector, stranger, 7));
        vm.prank(stranger);
        pool.onERC721Received(stranger, stranger, 7, "");
    }

    function test_deposit_refusesWhatSwapsRefuse() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(pool), true);
        vm.expectRevert(ZeroUnits.selector);
        pool.deposit(t, 0, 0, alice);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.UnitsExceedToken.selector, t, BTC_UNITS + 1, BTC_UNITS));
        pool.deposit(t, BTC_UNITS + 1, 0, alice);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.NotTokenOwner.selector, t, stranger));
        vm.prank(stranger);
        pool.deposit(t, 1, 0, stranger);
        assertEq(hpt.tokenData(t).productId, p);
    }

    /// Checklist item 20: a stale price stops deposits (shares cannot be priced) but never at 0.
    function test_item20_stalePrice_stopsDeposits() public {
        (, uint256 t) = _btcToken(alice, BTC_UNITS);
        vm.warp(block.timestamp + HEARTBEAT + 1);
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE); // BTC fresh, FIL (held by the pool) stale
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(pool), true);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, fil));
        pool.deposit(t, BTC_UNITS, 0, alice);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- the inflation attack (item 25)

    /// The first depositor deposits one unit, then "donates" a large token: by a plain transfer (not
    /// counted at all) and by a safe transfer (a deposit, so it mints shares at the NAV). The victim's
    /// deposit keeps its value to within a millionth.
    function test_item25_inflationAttackOnTheFirstDeposit_fails() public {
        HashPowerSwapPool fresh = _freshPool();
        address attacker = makeAddr("attacker");
        (uint256 p, uint256 t) = _btcToken(attacker, BTC_UNITS);
        (, uint256 big) = _btcToken(attacker, BTC_UNITS);
        vm.startPrank(attacker);
        hpt.setApprovalForAll(address(fresh), true);
        fresh.deposit(t, 1, 0, attacker);
        hpt.transferFrom(attacker, address(fresh), big); // donation: not counted
        vm.stopPrank();
        assertEq(fresh.totalValue(), valuation.valueOfUnits(p, 1), "donations do not move the NAV");

        (uint256 vp, uint256 victimToken) = _btcToken(alice, BTC_UNITS);
        uint256 value = valuation.valueOfUnits(vp, BTC_UNITS);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(fresh), true);
        uint256 shares = fresh.deposit(victimToken, BTC_UNITS, 1, alice);
        vm.stopPrank();
        uint256 victimClaim = shares * (fresh.totalValue() + 1) / (fresh.totalSupply() + 1e6);
        assertGe(victimClaim, value - value / 1e6, "the victim keeps its value");
    }

    // ---------------------------------------------------------------- swaps

    function test_swap_btcSliceForFilUnits_atParity() public {
        uint256 unitsIn = 100e6; // 100 TH/s of the trader's 1,000
        HashPowerSwapPool.Quote memory q = pool.quote(btcToken, unitsIn, filToken);
        uint256 valueIn = valuation.valueOfUnits(btcPid, unitsIn);
        assertEq(q.valueIn, valueIn);
        assertEq(q.fee, (valueIn * FEE_BPS + 9_999) / 10_000, "fee rounded up");
        assertEq(q.unitsOut, valuation.unitsForValue(filPid, valueIn - q.fee));
        assertEq(q.productOut, filPid);
        uint256 navBefore = pool.totalValue();

        uint256 expectedNewId = hpt.nextTokenId() + 1; // the carve in comes first
        vm.expectEmit(address(pool));
        emit HashPowerSwapPool.Swapped(trader, btcToken, filToken, unitsIn, q.unitsOut, valueIn, q.fee, expectedNewId, trader);
        vm.prank(trader);
        (uint256 out, uint256 got) = pool.swap(_params(btcToken, unitsIn, filToken, q.unitsOut));
        assertEq(out, q.unitsOut, "quote == executed");
        assertEq(got, expectedNewId);
        assertEq(hpt.ownerOf(got), trader);
        assertEq(hpt.tokenData(got).units, q.unitsOut);
        assertEq(hpt.tokenData(got).productId, filPid);
        assertEq(hpt.tokenData(btcToken).units, BTC_UNITS - unitsIn, "the trader keeps the rest");
        assertEq(poolLens.productUnits(btcPid), unitsIn);
        assertEq(poolLens.productUnits(filPid), FIL_UNITS - q.unitsOut);
        (, uint256 left) = poolLens.heldToken(filToken);
        assertEq(left, FIL_UNITS - q.unitsOut);

        // parity: what the trader got is worth at most what it gave less the fee, and less than one unit under
        uint256 valueOut = valuation.valueOfUnits(filPid, q.unitsOut);
        assertLe(valueOut, valueIn - q.fee);
        assertLt(valueIn - q.fee - valueOut, valuation.valueOfUnits(filPid, 1) + 2);
        // the pool kept the fee (less at most 1 of valuation rounding)
        uint256 navAfter = pool.totalValue();
        assertGe(navAfter + 1, navBefore + q.fee);
    }

    function test_swap_wholeTokenIn_movesIt() public {
        (uint256 p, uint256 t) = _btcToken(trader, 10e6);
        HashPowerSwapPool.Quote memory q = pool.quote(t, 10e6, filToken);
        (uint256 out,) = _swap(trader, _params(t, 10e6, filToken, 0));
        assertEq(out, q.unitsOut);
        assertEq(hpt.ownerOf(t), address(pool));
        (uint256 hp, uint256 hu) = poolLens.heldToken(t);
        assertEq(hp, p);
        assertEq(hu, 10e6);
    }

    function test_swap_filForBtc_theOtherWay() public {
        (, uint256 t) = _filToken(trader, 50e6);
        HashPowerSwapPool.Quote memory q = pool.quote(t, 50e6, btcPoolToken);
        (uint256 out, uint256 got) = _swap(trader, _params(t, 50e6, btcPoolToken, q.unitsOut));
        assertEq(out, q.unitsOut);
        assertEq(hpt.tokenData(got).productId, btcPoolPid);
    }

    function test_swap_payingAllOfTheTokenOut_movesItWhole() public {
        // a held FIL token of exactly the units a 100 TH/s swap pays
        uint256 unitsOut = pool.quote(btcToken, 100e6, filToken).unitsOut;
        (, uint256 lpFil) = _filToken(lp, FIL_UNITS);
        vm.prank(lp);
        uint256 exact = hpt.carve(lpFil, unitsOut, lp);
        // a different product of the same class and term: same value per unit
        assertEq(valuation.valueOfUnits(hpt.tokenData(exact).productId, 1), valuation.valueOfUnits(filPid, 1));
        _lpDeposit(lp, exact);
        (uint256 out, uint256 got) = _swap(trader, _params(btcToken, 100e6, exact, unitsOut));
        assertEq(out, unitsOut);
        assertEq(got, exact, "the whole held token moved");
        assertEq(hpt.ownerOf(exact), trader);
        (uint256 pid_,) = poolLens.heldToken(exact);
        assertEq(pid_, 0, "no longer held");
    }

    function test_item26_slippageBoundEnforced() public {
        uint256 quoted = pool.quote(btcToken, 100e6, filToken).unitsOut;
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.SlippageExceeded.selector, quoted, quoted + 1));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, quoted + 1));
    }

    function test_item26_deadlineEnforced() public {
        HashPowerSwapPool.SwapParams memory p = _params(btcToken, 100e6, filToken, 0);
        p.deadline = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, p.deadline));
        vm.prank(trader);
        pool.swap(p);
        p.deadline = uint64(block.timestamp);
        vm.prank(trader);
        pool.swap(p); // the deadline second itself is allowed
    }

    /// An attacker's swap before the victim's does not move the victim's price (oracle-valued, not
    /// curve-valued); the round trip costs the attacker two fees.
    function test_item26_sandwich_frontRunDoesNotMoveTheVictimsPrice() public {
        address attacker = makeAddr("attacker");
        (uint256 ap, uint256 at) = _btcToken(attacker, BTC_UNITS);
        uint256 victimQuote = pool.quote(btcToken, 100e6, filToken).unitsOut;
        uint256 attackerValueBefore = valuation.valueOfUnits(ap, BTC_UNITS);

        HashPowerSwapPool.SwapParams memory front = _params(at, 500e6, filToken, 0);
        front.recipient = attacker;
        (, uint256 attackerFil) = _swap(attacker, front);

        (uint256 out,) = _swap(trader, _params(btcToken, 100e6, filToken, victimQuote));
        assertEq(out, victimQuote, "the victim got exactly its quote");

        // back-run: the attacker swaps its FIL back for BTC
        uint256 filUnits = hpt.tokenData(attackerFil).units;
        HashPowerSwapPool.SwapParams memory back = _params(attackerFil, filUnits, _heldOfProduct(ap), 0);
        back.recipient = attacker;
        (, uint256 attackerBtc) = _swap(attacker, back);
        uint256 attackerValueAfter =
            valuation.valueOfUnits(ap, hpt.tokenData(at).units) + valuation.valueOf(attackerBtc);
        assertLt(attackerValueAfter, attackerValueBefore, "the sandwich loses the fees");
    }

    /// A price update landing between the quote and the execution can only hurt up to the bound the
    /// trader set: beyond it the swap reverts.
    function test_item26_sandwich_priceMoveBetweenQuoteAndExecution_hitsTheBound() public {
        uint256 quoted = pool.quote(btcToken, 100e6, filToken).unitsOut;
        vm.warp(block.timestamp + 1);
        _price(fil, FIL_HASHPRICE * 11 / 10, FIL_PAYOUT_PRICE); // FIL worth 10% more: fewer units out
        uint256 now_ = pool.quote(btcToken, 100e6, filToken).unitsOut;
        assertLt(now_, quoted);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.SlippageExceeded.selector, now_, quoted));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, quoted));
    }

    function test_item20_stalePrice_refusesSwaps() public {
        vm.warp(block.timestamp + HEARTBEAT + 1);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, fil));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
    }

    function test_priceOutsideTheMoveBound_refusesSwaps() public {
        vm.warp(block.timestamp + 1);
        _price(fil, FIL_HASHPRICE * 2, FIL_PAYOUT_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, fil));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
    }

    function test_circuitBreaker_refusesSwaps() public {
        vm.prank(guardian);
        oracle.setPaused(btc, true);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
    }

    // ---------------------------------------------------------------- refusals

    function test_swap_refusesFrozenProducts() public {
        vm.prank(address(hardwareRegistry));
        hpt.freeze(btcPid);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ProductNotAccepted.selector, btcPid));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
    }

    function test_swap_refusesDefaultedProducts() public {
        vm.prank(address(fv));
        hpt.markDefaulted(btcPid);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ProductNotAccepted.selector, btcPid));
        pool.quote(btcToken, 100e6, filToken);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ProductNotAccepted.selector, btcPid));
        vm.prank(trader);
        pool.swap(_params(btcToken, 100e6, filToken, 0));
    }

    function test_swap_refusesNearlyExpiredTokens() public {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.end = uint64(block.timestamp + 29 days);
        (uint256 p, uint256 t) = _mint(a);
        vm.prank(issuer);
        hpt.transferFrom(issuer, trader, t);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TooCloseToExpiry.selector, p, 29 days, MIN_REMAINING));
        vm.prank(trader);
        pool.swap(_params(t, 1e6, filToken, 0));
    }

    function test_swap_refusesUnlistedClasses() public {
        bytes32 eth = _newClass("ETH-ETHASH", address(wbtc), true);
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.assetClass = eth;
        (, uint256 t) = _mint(a);
        vm.prank(issuer);
        hpt.transferFrom(issuer, trader, t);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.ClassNotListed.selector, eth));
        vm.prank(trader);
        pool.swap(_params(t, 1e6, filToken, 0));
    }

    function test_exposureCap_keepsOneClassFromDrainingThePool() public {
        vm.prank(owner);
        pool.scheduleClass(btc, uint64(BTC_UNITS + 50e6), MIN_REMAINING);
        vm.warp(block.timestamp + 2 days);
        pool.applyClass(btc);
        _refreshPrices();
        _swap(trader, _params(btcToken, 50e6, filToken, 0));
        vm.expectRevert(
            abi.encodeWithSelector(HashPowerSwapPool.ClassCapExceeded.selector, btc, BTC_UNITS + 51e6, BTC_UNITS + 50e6)
        );
        vm.prank(trader);
        pool.swap(_params(btcToken, 1e6, filToken, 0));
    }

    function test_swap_inputChecks() public {
        vm.startPrank(trader);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TokenNotHeld.selector, btcToken));
        pool.swap(_params(btcToken, 1, btcToken, 0));
        vm.expectRevert(ZeroUnits.selector);
        pool.swap(_params(btcToken, 0, filToken, 0));
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.UnitsExceedToken.selector, btcToken, BTC_UNITS + 1, BTC_UNITS));
        pool.swap(_params(btcToken, BTC_UNITS + 1, filToken, 0));
        HashPowerSwapPool.SwapParams memory p = _params(btcToken, 1e6, filToken, 0);
        p.recipient = address(0);
        vm.expectRevert(ZeroAddress.selector);
        pool.swap(p);
        vm.stopPrank();
        // someone else's token, even if approved
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.NotTokenOwner.selector, btcToken, stranger));
        vm.prank(stranger);
        pool.swap(_params(btcToken, 1e6, filToken, 0));
        // quote checks
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TokenNotHeld.selector, btcToken));
        pool.quote(btcToken, 1, btcToken);
        vm.expectRevert(ZeroUnits.selector);
        pool.quote(btcToken, 0, filToken);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.UnitsExceedToken.selector, btcToken, BTC_UNITS + 1, BTC_UNITS));
        pool.quote(btcToken, BTC_UNITS + 1, filToken);
    }

    function test_swap_insufficientLiquidity() public {
        (, uint256 small) = _filToken(lp, 1e6);
        _lpDeposit(lp, small);
        uint256 valueIn = valuation.valueOfUnits(btcPid, BTC_UNITS);
        uint256 fee = (valueIn * FEE_BPS + 9_999) / 10_000;
        uint256 out = valuation.unitsForValue(filPid, valueIn - fee); // same class and term: same unit value
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.InsufficientLiquidity.selector, small, 1e6, out));
        pool.quote(btcToken, BTC_UNITS, small);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.InsufficientLiquidity.selector, small, 1e6, out));
        vm.prank(trader);
        pool.swap(_params(btcToken, BTC_UNITS, small, 0));
    }

    /// One FIL unit is worth less than one BTC unit: it buys no unit at all, and the swap reverts
    /// instead of taking it for nothing.
    function test_swap_tooSmallToPayAUnit_reverts() public {
        (, uint256 t) = _filToken(trader, 10e6);
        assertLt(valuation.valueOfUnits(filPid, 1), valuation.valueOfUnits(btcPoolPid, 1));
        vm.expectRevert(ZeroUnits.selector);
        vm.prank(trader);
        pool.swap(_params(t, 1, btcPoolToken, 0));
    }

    function test_poolFull() public {
        (, uint256 t) = _btcToken(alice, BTC_UNITS);
        vm.startPrank(alice);
        hpt.setApprovalForAll(address(pool), true);
        for (uint256 i = pool.heldTokens().length; i < pool.MAX_HELD(); i++) {
            pool.deposit(t, 1e6, 0, alice);
        }
        vm.expectRevert(HashPowerSwapPool.PoolFull.selector);
        pool.deposit(t, 1e6, 0, alice);
        vm.stopPrank();
        vm.expectRevert(HashPowerSwapPool.PoolFull.selector);
        vm.prank(trader);
        pool.swap(_params(btcToken, 1e6, filToken, 0));
    }

    // ---------------------------------------------------------------- reentrancy (item 15)

    /// The recipient of a whole held token is called back by the ERC-721 safe transfer: its attempts
    /// to re-enter swap, deposit and withdraw all fail on the guard.
    function test_item15_reentrancyThroughTheErc721Receiver_fails() public {
        ReentrantReceiver evil = new ReentrantReceiver();
        uint256 unitsOut = pool.quote(btcToken, 100e6, filToken).unitsOut;
        (, uint256 lpFil) = _filToken(lp, FIL_UNITS);
        vm.prank(lp);
        uint256 exact = hpt.carve(lpFil, unitsOut, lp);
        _lpDeposit(lp, exact);

        bytes[3] memory attempts = [
            abi.encodeCall(HashPowerSwapPool.swap, (_params(btcToken, 1e6, filToken, 0))),
            abi.encodeCall(HashPowerSwapPool.withdrawProRata, (1, address(evil))),
            abi.encodeCall(HashPowerSwapPool.claimRevenue, ())
        ];
        for (uint256 i; i < attempts.length; i++) {
            uint256 snap = vm.snapshotState();
            evil.arm(address(pool), attempts[i]);
            HashPowerSwapPool.SwapParams memory p = _params(btcToken, 100e6, exact, unitsOut);
            p.recipient = address(evil);
            vm.prank(trader);
            pool.swap(p);
            assertEq(hpt.ownerOf(exact), address(evil));
            assertFalse(evil.lastCallSucceeded(), "re-entry failed");
            assertEq(bytes4(evil.lastError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            vm.revertToState(snap);
        }
    }

    function test_item15_reentrancyThroughAWithdrawal_fails() public {
        ReentrantReceiver evil = new ReentrantReceiver();
        evil.arm(address(pool), abi.encodeCall(HashPowerSwapPool.withdrawProRata, (1, address(evil))));
        vm.prank(lp);
        pool.withdrawUnits(filToken, FIL_UNITS, type(uint256).max, address(evil));
        assertFalse(evil.lastCallSucceeded());
        assertEq(bytes4(evil.lastError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    // ---------------------------------------------------------------- withdrawals

    function test_withdrawProRata_paysEveryTokenPart_evenWithStalePrices() public {
        vm.warp(block.timestamp + HEARTBEAT + 1); // no usable price
        uint256 shares = lpShares / 2;
        uint256 denom = pool.totalSupply() + 1e6;
        uint256 filOut = FIL_UNITS * shares / denom;
        uint256 btcOut = BTC_UNITS * shares / denom;
        vm.prank(lp);
        (uint256[] memory got, uint256[] memory units) = pool.withdrawProRata(shares, alice);
        assertEq(got.length, 2);
        assertEq(units[0], filOut);
        assertEq(units[1], btcOut);
        assertEq(hpt.ownerOf(got[0]), alice);
        assertEq(hpt.tokenData(got[0]).units, filOut);
        assertEq(hpt.tokenData(got[1]).units, btcOut);
        assertEq(pool.balanceOf(lp), lpShares - shares);
        assertEq(poolLens.productUnits(filPid), FIL_UNITS - filOut);
    }

    function test_withdrawProRata_allShares_leavesOnlyTheVirtualPart() public {
        vm.prank(lp);
        (, uint256[] memory units) = pool.withdrawProRata(lpShares, lp);
        assertGe(units[0], FIL_UNITS - FIL_UNITS * 1e6 / (lpShares + 1e6) - 1);
        assertEq(pool.totalSupply(), 0);
    }

    function test_withdrawProRata_skipsFrozenProducts() public {
        vm.prank(address(hardwareRegistry));
        hpt.freeze(filPid);
        vm.prank(lp);
        (uint256[] memory got,) = pool.withdrawProRata(lpShares / 2, lp);
        assertEq(got.length, 1);
        assertEq(hpt.tokenData(got[0]).productId, btcPoolPid);
    }

    function test_withdrawProRata_inputChecks() public {
        vm.expectRevert(ZeroAmount.selector);
        vm.prank(lp);
        pool.withdrawProRata(0, lp);
        vm.expectRevert(ZeroAddress.selector);
        vm.prank(lp);
        pool.withdrawProRata(1, address(0));
        vm.expectRevert();
        vm.prank(stranger);
        pool.withdrawProRata(1, stranger);
    }

    function test_withdrawUnits_burnsTheValueRoundedUp() public {
        uint256 units = 300e6;
        uint256 nav = pool.totalValue();
        uint256 supply = pool.totalSupply();
        uint256 value = valuation.valueOfUnits(filPid, FIL_UNITS) - valuation.valueOfUnits(filPid, FIL_UNITS - units);
        uint256 expected = (value * (supply + 1e6) + nav) / (nav + 1); // ceil
        (uint256 pv, uint256 ps) = pool.previewWithdraw(filToken, units);
        assertEq(pv, value);
        assertEq(ps, expected);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.SharesAboveMaximum.selector, expected, expected - 1));
        vm.prank(lp);
        pool.withdrawUnits(filToken, units, expected - 1, lp);
        vm.prank(lp);
        (uint256 shares, uint256 got) = pool.withdrawUnits(filToken, units, expected, alice);
        assertEq(shares, expected);
        assertEq(hpt.tokenData(got).units, units);
        assertEq(hpt.ownerOf(got), alice);
        assertGe((pool.totalValue() + 1) * (supply + 1e6), (nav + 1) * (pool.totalSupply() + 1e6), "share value kept");
    }

    function test_withdrawUnits_refusals() public {
        vm.startPrank(lp);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TokenNotHeld.selector, btcToken));
        pool.withdrawUnits(btcToken, 1, type(uint256).max, lp);
        vm.expectRevert(ZeroUnits.selector);
        pool.withdrawUnits(filToken, 0, type(uint256).max, lp);
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.InsufficientLiquidity.selector, filToken, FIL_UNITS, FIL_UNITS + 1));
        pool.withdrawUnits(filToken, FIL_UNITS + 1, type(uint256).max, lp);
        vm.expectRevert(ZeroAddress.selector);
        pool.withdrawUnits(filToken, 1, type(uint256).max, address(0));
        vm.stopPrank();
        // a frozen token is worth nothing: it cannot be taken for free
        vm.prank(address(hardwareRegistry));
        hpt.freeze(filPid);
        vm.expectRevert(HashPowerSwapPool.ZeroValue.selector);
        vm.prank(lp);
        pool.withdrawUnits(filToken, FIL_UNITS, type(uint256).max, lp);
    }

    // ---------------------------------------------------------------- frozen tokens, housekeeping

    function test_evict_frozenDefaultedOrEndedTokens() public {
        uint256[] memory ids = new uint256[](1);
        ids[0] = filToken;
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.NotEvictable.selector, filToken));
        pool.evict(ids);
        vm.prank(address(hardwareRegistry));
        hpt.freeze(filPid);
        assertEq(pool.totalValue(), valuation.valueOfUnits(btcPoolPid, BTC_UNITS), "frozen: worth 0 in the NAV");
        vm.expectEmit(address(pool));
        emit HashPowerSwapPool.TokenEvicted(filToken, filPid, FIL_UNITS);
        vm.prank(stranger);
        pool.evict(ids);
        assertEq(pool.heldTokens().length, 1);
        assertEq(hpt.ownerOf(filToken), address(pool), "still the pool's: redeemable for shareholders");
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TokenNotHeld.selector, filToken));
        pool.evict(ids);
        // defaulted and ended
        vm.prank(address(fv));
        hpt.markDefaulted(btcPoolPid);
        ids[0] = btcPoolToken;
        pool.evict(ids);
        assertEq(pool.heldTokens().length, 0);
        assertEq(poolLens.products().length, 0);
    }

    function test_consolidate_mergesHeldTokensOfOneProduct() public {
        (uint256 p, uint256 t) = _btcToken(alice, BTC_UNITS);
        _depositUnits(alice, t, 10e6);
        _depositUnits(alice, t, 20e6);
        uint256[] memory ids = new uint256[](2);
        uint256[] memory held = pool.heldTokens();
        ids[0] = held[held.length - 2];
        ids[1] = held[held.length - 1];
        uint256 merged = pool.consolidate(ids);
        (uint256 mp, uint256 mu) = poolLens.heldToken(merged);
        assertEq(mp, p);
        assertEq(mu, 30e6);
        assertEq(pool.heldTokens().length, held.length - 1);
        assertEq(poolLens.productUnits(p), 30e6);

        uint256[] memory bad = new uint256[](1);
        bad[0] = merged;
        vm.expectRevert(HashPowerSwapPool.InvalidConsolidation.selector);
        pool.consolidate(bad);
        ids[0] = merged;
        ids[1] = filToken;
        vm.expectRevert(HashPowerSwapPool.InvalidConsolidation.selector);
        pool.consolidate(ids);
        ids[1] = btcToken;
        vm.expectRevert(abi.encodeWithSelector(HashPowerSwapPool.TokenNotHeld.selector, btcToken));
        pool.consolidate(ids);
    }

    // ---------------------------------------------------------------- revenue

    /// Epoch 0 of the pool's BTC product earns revenue: harvested into the pool and shared pro rata.
    function test_revenue_isHarvestedAndSharedByShareholders() public {
        // half of the LP's shares go to alice before the revenue arrives
        vm.prank(lp);
        pool.transfer(alice, lpShares / 2);
        vm.warp(T0 + EPOCH + 1);
        _submit(_r(btcPoolPid, 0, BTC_UNITS, 1e8, 0));
        _deposit(btcPoolPid, 0);
        uint256 idx = hpt.holdingCount(btcPoolToken) - 1;
        uint256 owed = fv.claimable(btcPoolToken, idx);
        assertGt(owed, 0);
        uint256[] memory ids = new uint256[](1);
        uint256[] memory idxs = new uint256[](1);
        ids[0] = btcPoolToken;
        idxs[0] = idx;
        vm.prank(stranger);
        vm.expectEmit(address(pool));
        emit HashPowerSwapPool.RevenueLocked(address(wbtc), owed, uint64(block.timestamp) + pool.REVENUE_UNLOCK());
        uint256 total = pool.harvest(ids, idxs);
        assertEq(total, owed);
        assertEq(wbtc.balanceOf(address(pool)), owed);
        assertEq(pool.claimableRevenue(lp, address(wbtc)), 0, "unlocks over time");
        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        uint256 lpClaimable = pool.claimableRevenue(lp, address(wbtc));
        uint256 aliceClaimable = pool.claimableRevenue(alice, address(wbtc));
        assertApproxEqAbs(lpClaimable, owed / 2, 1);
        assertApproxEqAbs(aliceClaimable, owed / 2, 1);
        assertLe(lpClaimable + aliceClaimable, owed, "never more than arrived");

        vm.prank(alice);
        uint256[] memory paid = pool.claimRevenue();
        assertEq(paid[0], aliceClaimable);
        assertEq(wbtc.balanceOf(alice), aliceClaimable);
        assertEq(pool.claimableRevenue(alice, address(wbtc)), 0);
        vm.prank(alice);
        paid = pool.claimRevenue();
        assertEq(paid[0], 0, "no double claim");
        // a share transfer after the revenue does not move it
        vm.prank(lp);
        pool.transfer(bob, lpShares / 4);
        assertEq(pool.claimableRevenue(bob, address(wbtc)), 0);
        vm.prank(lp);
        paid = pool.claimRevenue();
        assertEq(paid[0], lpClaimable);
    }

    function test_revenue_claimedByAnyoneForThePool_isSynced() public {
        vm.prank(owner);
        wbtc.mint(address(pool), 1_000);
        (uint256 accBefore,,,) = poolLens.revenueState(address(wbtc));
        assertEq(accBefore, 0);
        assertEq(pool.claimableRevenue(lp, address(wbtc)), 0, "not synced: not unlocking yet");
        pool.sync();
        (uint256 acc, uint256 accounted, uint256 locked, uint64 end) = poolLens.revenueState(address(wbtc));
        assertEq(acc, 0);
        assertEq(accounted, 1_000);
        assertEq(locked, 1_000);
        assertEq(end, block.timestamp + pool.REVENUE_UNLOCK());
        vm.warp(end);
        assertApproxEqAbs(pool.claimableRevenue(lp, address(wbtc)), 1_000 * pool.balanceOf(lp) / pool.totalSupply(), 1);
        vm.prank(lp);
        uint256[] memory paid = pool.claimRevenue();
        assertLe(paid[0], 1_000);
        assertGe(paid[0], 999);
        assertEq(pool.claimableRevenue(lp, address(0xdead)), 0);
    }

    /// Revenue unlocks linearly: a quarter of the window releases a quarter; a new arrival restarts
    /// the window for everything still locked; nothing is ever credited twice.
    function test_revenue_unlocksLinearly_andANewArrivalRestartsTheWindow() public {
        uint64 window = pool.REVENUE_UNLOCK();
        vm.prank(owner);
        wbtc.mint(address(pool), 4_000);
        pool.sync();
        vm.warp(block.timestamp + window / 4);
        uint256 quarter = pool.claimableRevenue(lp, address(wbtc));
        assertApproxEqAbs(quarter, 1_000, 2);
        pool.sync(); // releases the quarter
        (,, uint256 locked,) = poolLens.revenueState(address(wbtc));
        assertApproxEqAbs(locked, 3_000, 1);
        vm.prank(owner);
        wbtc.mint(address(pool), 3_000);
        pool.sync(); // 3,000 + 3,000 locked until now + window
        (,, uint256 locked2, uint64 end) = poolLens.revenueState(address(wbtc));
        assertEq(locked2, locked + 3_000);
        assertEq(end, block.timestamp + window);
        vm.warp(block.timestamp + window / 2);
        assertApproxEqAbs(pool.claimableRevenue(lp, address(wbtc)), quarter + locked2 / 2, 3);
        vm.warp(end);
        uint256 all = pool.claimableRevenue(lp, address(wbtc));
        assertLe(all, 7_000);
        assertGe(all, 6_990);
        vm.prank(lp);
        assertEq(pool.claimRevenue()[0], all);
        vm.warp(end + window);
        assertEq(pool.claimableRevenue(lp, address(wbtc)), 0, "nothing twice");
    }

    /// Regression (was a known limit): a deposit just before a harvest, withdrawn right after it, took
    /// its pro-rata share of revenue earned before it. Revenue now unlocks over REVENUE_UNLOCK, so the
    /// in-and-out depositor earns nothing of it and the earlier shareholders lose nothing.
    function test_revenue_depositAroundAHarvest_earnsNoneOfIt() public {
        vm.warp(T0 + EPOCH + 1);
        _submit(_r(btcPoolPid, 0, BTC_UNITS, 1e8, 0));
        _deposit(btcPoolPid, 0);
        uint256 idx = hpt.holdingCount(btcPoolToken) - 1;
        uint256 owed = fv.claimable(btcPoolToken, idx);
        assertGt(owed, 0);

        _refreshPrices();
        // the attacker deposits a large token, harvests and withdraws in one block
        uint256 before = wbtc.balanceOf(alice);
        (, uint256 big) = _filToken(alice, FIL_UNITS * 9);
        uint256 aliceShares = _lpDeposit(alice, big);
        uint256[] memory ids = new uint256[](1);
        uint256[] memory idxs = new uint256[](1);
        ids[0] = btcPoolToken;
        idxs[0] = idx;
        pool.harvest(ids, idxs);
        vm.startPrank(alice);
        pool.withdrawProRata(aliceShares, alice);
        pool.claimRevenue();
        vm.stopPrank();
        assertGt(aliceShares, pool.totalSupply(), "most of the pool's shares while it was in");
        assertEq(wbtc.balanceOf(alice), before, "the in-and-out depositor earns none of it");

        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        assertEq(pool.claimableRevenue(alice, address(wbtc)), 0);
        uint256 lpOwed = pool.claimableRevenue(lp, address(wbtc));
        assertApproxEqAbs(lpOwed, owed, 2, "the shareholders who held while it unlocked get it");
        assertLe(lpOwed, owed);
    }

    // ---------------------------------------------------------------- payout token changes

    /// Regression (was a known limit): after the asset class registry changes a class's payout token,
    /// revenue paid in the new token stayed in the pool undistributed. Scheduling and applying the class
    /// again makes the pool track the new token, and what it already received in it is shared.
    function test_applyClass_afterAPayoutTokenChange_tracksTheNewToken() public {
        TestPayoutToken newToken = new TestPayoutToken("Wrapped BTC v2 (test)", "tWBTC2", 8, owner);
        _changePayoutToken(btc, address(newToken));
        vm.prank(owner);
        newToken.mint(address(pool), 5_000); // revenue of a product minted after the change
        pool.sync();
        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        assertEq(pool.claimableRevenue(lp, address(newToken)), 0, "not tracked yet");

        _reapply(btc);
        address[] memory payouts = poolLens.payoutTokens();
        assertEq(payouts.length, 3);
        assertEq(payouts[2], address(newToken));
        assertEq(payouts[0], address(wbtc), "the old token stays tracked (earlier products pay in it)");
        pool.sync();
        vm.warp(block.timestamp + pool.REVENUE_UNLOCK());
        uint256 owed = pool.claimableRevenue(lp, address(newToken));
        assertApproxEqAbs(owed, 5_000 * pool.balanceOf(lp) / pool.totalSupply(), 1);
        vm.prank(lp);
        assertEq(pool.claimRevenue()[2], owed);
        _reapply(btc); // applying again adds nothing
        assertEq(poolLens.payoutTokens().length, 3);
    }

    /// The payout tokens the pool tracks are bounded (every share transfer settles each of them).
    function test_applyClass_payoutTokensAreBounded() public {
        uint256 max = pool.MAX_PAYOUT_TOKENS();
        for (uint256 n = poolLens.payoutTokens().length; n < max; n++) {
            _changePayoutToken(btc, address(new TestPayoutToken("t", "t", 8, owner)));
            _reapply(btc);
        }
        assertEq(poolLens.payoutTokens().length, max);
        _changePayoutToken(btc, address(new TestPayoutToken("t", "t", 8, owner)));
        vm.prank(owner);
        pool.scheduleClass(btc, CAP, MIN_REMAINING);
        vm.warp(block.timestamp + pool.CONFIG_DELAY());
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, max + 1, max));
        pool.applyClass(btc);
    }

    function _changePayoutToken(bytes32 cls, address token) internal {
        vm.prank(owner);
        assetClasses.schedulePayoutTokenChange(cls, token);
        vm.warp(block.timestamp + assetClasses.PAYOUT_TOKEN_CHANGE_DELAY());
        assetClasses.applyPayoutTokenChange(cls);
    }

    function _reapply(bytes32 cls) internal {
        vm.prank(owner);
        pool.scheduleClass(cls, CAP, MIN_REMAINING);
        vm.warp(block.timestamp + pool.CONFIG_DELAY());
        pool.applyClass(cls);
    }

    // ---------------------------------------------------------------- helpers

    function _freshPool() internal returns (HashPowerSwapPool fresh) {
        fresh = new HashPowerSwapPool(
            address(manager),
            hpt,
            valuation,
            IFulfillmentClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            assetClasses,
            FEE_BPS,
            address(0)
        );
        vm.startPrank(owner);
        fresh.scheduleClass(btc, CAP, MIN_REMAINING);
        fresh.scheduleClass(fil, CAP, MIN_REMAINING);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 days);
        fresh.applyClass(btc);
        fresh.applyClass(fil);
        _refreshPrices();
    }
}
