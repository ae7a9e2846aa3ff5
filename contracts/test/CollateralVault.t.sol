// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {Roles} from "../src/common/Roles.sol";
import {AmountNotReceived, ZeroAddress} from "../src/common/Errors.sol";
import {TokenAreaFixtures} from "./utils/TokenAreaFixtures.sol";
import {FeeOnTransferToken, LyingToken, ReentrantToken} from "./mocks/TokenMocks.sol";
import {FalseReturningToken} from "./mocks/TokenAreaMocks.sol";

/// @notice Unit tests of CollateralVault: every function, error and event; access control of every
/// restricted function (SECURITY-CHECKLIST item 31); fee-on-transfer, lying and false-returning
/// ERC-20s (item 17); re-entrant ERC-20s (item 15). The role holders are stand-in accounts granted
/// the roles through the deployment's wiring table (the real holders: the token locks, the
/// fulfillment vault takes and releases, the hardware registry forfeits and pays out).
contract CollateralVaultTest is TokenAreaFixtures {
    bytes internal REENTRANT = abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);

    address internal locker = makeAddr("lockerStandIn");
    address internal forfeiter = makeAddr("forfeiterStandIn");
    CollateralVault internal vault;

    function setUp() public override {
        super.setUp();
        vault = collateralVault;
        _wireFulfillmentStandIn(); // `fulfillment`: COLLATERAL_MANAGER
        vm.startPrank(owner);
        manager.grantRole(Roles.COLLATERAL_LOCKER, locker, 0);
        manager.grantRole(Roles.COLLATERAL_FORFEITER, forfeiter, 0);
        vm.stopPrank();
    }

    function _lock(uint256 productId, uint256 amount) internal {
        vm.prank(locker);
        vault.lock(productId, address(wbtc), issuer, amount);
    }

    function _position(uint256 productId) internal view returns (address token, uint256 amount, uint256 forfeited) {
        (token, amount) = vault.collateralOf(productId);
        forfeited = vault.forfeitedOf(productId);
    }

    // =====================================================================================
    // deployment and wiring
    // =====================================================================================

    function test_constructor_authorityAndEmptyPositions() public view {
        assertEq(vault.authority(), address(manager));
        (address token, uint256 amount, uint256 forfeited) = _position(1);
        assertEq(token, address(0));
        assertEq(amount, 0);
        assertEq(forfeited, 0);
    }

    /// The deployment table maps each restricted function to its role and grants it to the right
    /// contract.
    function test_item31_wiringMapsEveryFunctionToItsRole() public view {
        assertEq(manager.getTargetFunctionRole(address(vault), vault.lock.selector), Roles.COLLATERAL_LOCKER);
        assertEq(manager.getTargetFunctionRole(address(vault), vault.take.selector), Roles.COLLATERAL_MANAGER);
        assertEq(manager.getTargetFunctionRole(address(vault), vault.release.selector), Roles.COLLATERAL_MANAGER);
        assertEq(manager.getTargetFunctionRole(address(vault), vault.forfeit.selector), Roles.COLLATERAL_FORFEITER);
        assertEq(manager.getTargetFunctionRole(address(vault), vault.payForfeited.selector), Roles.COLLATERAL_FORFEITER);
        (bool isLocker,) = manager.hasRole(Roles.COLLATERAL_LOCKER, address(hpt));
        (bool isManager,) = manager.hasRole(Roles.COLLATERAL_MANAGER, fulfillment);
        (bool isForfeiter,) = manager.hasRole(Roles.COLLATERAL_FORFEITER, address(hardwareRegistry));
        assertTrue(isLocker && isManager && isForfeiter);
    }

    // =====================================================================================
    // lock
    // =====================================================================================

    function test_lock_pullsExactlyAndRecords() public {
        uint256 before = wbtc.balanceOf(issuer);
        vm.expectEmit(address(vault));
        emit CollateralVault.CollateralLocked(7, address(wbtc), issuer, 3e8);
        vm.expectEmit(address(wbtc));
        emit IERC20.Transfer(issuer, address(vault), 3e8);
        _lock(7, 3e8);
        (address token, uint256 amount, uint256 forfeited) = _position(7);
        assertEq(token, address(wbtc));
        assertEq(amount, 3e8);
        assertEq(forfeited, 0);
        assertEq(wbtc.balanceOf(address(vault)), 3e8);
        assertEq(wbtc.balanceOf(issuer), before - 3e8);
    }

    /// A zero amount books nothing (credit/incentives: the token calls `lock` at every mint, even
    /// without collateral, so that the collateral policy sees every mint; a zero-collateral product
    /// still has no position, as when the token skipped the call): no event, no pull, no position,
    /// and the product's id stays free.
    function test_lock_zeroAmountLocksNothing() public {
        vm.recordLogs();
        vm.prank(locker);
        vault.lock(7, address(wbtc), stranger, 0); // no allowance needed
        assertEq(vm.getRecordedLogs().length, 0, "no event, no transfer");
        (address token, uint256 amount, uint256 forfeited) = _position(7);
        assertEq(token, address(0));
        assertEq(amount, 0);
        assertEq(forfeited, 0);
        assertEq(wbtc.balanceOf(address(vault)), 0);
        _lock(7, 1);
        (token, amount,) = _position(7);
        assertEq(token, address(wbtc));
        assertEq(amount, 1);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.AlreadyLocked.selector, 7));
        _lock(7, 1);
        _lock(7, 0); // a zero amount is a no-op even on a booked position
        (token, amount,) = _position(7);
        assertEq(token, address(wbtc));
        assertEq(amount, 1);
    }

    function test_lock_reverts() public {
        vm.startPrank(locker);
        vm.expectRevert(ZeroAddress.selector);
        vault.lock(1, address(0), issuer, 1);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.AmountTooLarge.selector, uint256(type(uint128).max) + 1));
        vault.lock(1, address(wbtc), issuer, uint256(type(uint128).max) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(vault), 0, 1)
        );
        vault.lock(1, address(wbtc), stranger, 1); // stranger approved nothing
        vault.lock(1, address(wbtc), issuer, 1);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.AlreadyLocked.selector, 1));
        vault.lock(1, address(wbtc), issuer, 1);
        vm.stopPrank();
    }

    /// The largest amount (2^128 - 1) locks; the position holds it exactly.
    function test_lock_maxAmount() public {
        uint256 max = type(uint128).max;
        vm.prank(owner);
        wbtc.mint(issuer, max);
        _lock(1, max);
        (, uint256 amount,) = _position(1);
        assertEq(amount, max);
        vm.prank(fulfillment);
        assertEq(vault.take(1, type(uint256).max), max);
    }

    /// Item 17: a fee-on-transfer token is refused with the exact amounts.
    function test_item17_feeOnTransferRefused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        fot.mint(issuer, 10e8);
        vm.prank(issuer);
        fot.approve(address(vault), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 5e8, 5e8 - 5e8 / 100));
        vm.prank(locker);
        vault.lock(1, address(fot), issuer, 5e8);
        (address token,,) = _position(1);
        assertEq(token, address(0), "nothing recorded");
    }

    /// Item 17: a token that reports success but moves nothing is refused.
    function test_item17_lyingTokenRefused() public {
        LyingToken liar = new LyingToken();
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 5e8, 0));
        vm.prank(locker);
        vault.lock(1, address(liar), issuer, 5e8);
    }

    /// A token returning false is refused by SafeERC20, on the way in and on the way out.
    function test_falseReturningTokenRefused() public {
        FalseReturningToken t = new FalseReturningToken();
        t.mint(issuer, 10e8);
        vm.prank(issuer);
        t.approve(address(vault), type(uint256).max);
        t.setFailing(true);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(t)));
        vm.prank(locker);
        vault.lock(1, address(t), issuer, 5e8);
        t.setFailing(false);
        vm.prank(locker);
        vault.lock(1, address(t), issuer, 5e8);
        t.setFailing(true);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(t)));
        vm.prank(fulfillment);
        vault.take(1, 1);
        (, uint256 amount,) = _position(1);
        assertEq(amount, 5e8, "the failed payout was rolled back");
    }

    // =====================================================================================
    // take / release (moved here from the token's takeCollateral / releaseCollateral)
    // =====================================================================================

    function test_take_cappedAtRemainingAndSentToTheCaller() public {
        _lock(1, COLLATERAL);
        vm.expectEmit(address(vault));
        emit CollateralVault.CollateralTaken(1, fulfillment, 4e8, COLLATERAL - 4e8);
        vm.prank(fulfillment);
        assertEq(vault.take(1, 4e8), 4e8);
        assertEq(wbtc.balanceOf(fulfillment), 4e8);

        vm.prank(fulfillment);
        assertEq(vault.take(1, 100e8), COLLATERAL - 4e8, "capped");
        assertEq(wbtc.balanceOf(fulfillment), COLLATERAL);
        (, uint256 amount,) = _position(1);
        assertEq(amount, 0);

        vm.recordLogs();
        vm.prank(fulfillment);
        assertEq(vault.take(1, 1), 0, "nothing left, nothing sent");
        assertEq(vm.getRecordedLogs().length, 1, "only CollateralTaken(0), no Transfer");
        vm.prank(fulfillment);
        assertEq(vault.take(99, 1), 0, "unknown product: nothing");
        assertEq(wbtc.balanceOf(address(vault)), 0);
    }

    function test_release_sendsTheRest() public {
        _lock(1, COLLATERAL);
        vm.prank(fulfillment);
        vault.take(1, 1e8);
        vm.expectEmit(address(vault));
        emit CollateralVault.CollateralReleased(1, issuer, COLLATERAL - 1e8);
        uint256 before = wbtc.balanceOf(issuer);
        vm.prank(fulfillment);
        assertEq(vault.release(1, issuer), COLLATERAL - 1e8);
        assertEq(wbtc.balanceOf(issuer) - before, COLLATERAL - 1e8);
        vm.prank(fulfillment);
        assertEq(vault.release(1, issuer), 0);
        vm.prank(fulfillment);
        assertEq(vault.release(42, issuer), 0, "unknown product");
    }

    function test_release_revertsOnZeroRecipient() public {
        _lock(1, COLLATERAL);
        vm.expectRevert(ZeroAddress.selector);
        vm.prank(fulfillment);
        vault.release(1, address(0));
    }

    /// Once forfeited, the collateral manager can neither take nor release it.
    function test_takeAndReleaseNeverTouchTheForfeitedBalance() public {
        _lock(1, COLLATERAL);
        vm.prank(forfeiter);
        vault.forfeit(1, challenger, 1_000);
        vm.startPrank(fulfillment);
        assertEq(vault.take(1, type(uint256).max), 0);
        assertEq(vault.release(1, issuer), 0);
        vm.stopPrank();
        assertEq(vault.forfeitedOf(1), COLLATERAL - COLLATERAL / 10);
        assertEq(wbtc.balanceOf(address(vault)), COLLATERAL - COLLATERAL / 10);
    }

    // =====================================================================================
    // forfeit / payForfeited
    // =====================================================================================

    function test_forfeit_paysBountyAndSetsTheRestAside() public {
        _lock(1, 1_234_567);
        uint256 amountLocked = 1_234_567;
        uint256 bounty = amountLocked * 1_000 / 10_000; // 123,456 (rounded down)
        vm.expectEmit(address(vault));
        emit CollateralVault.CollateralForfeited(1, challenger, bounty, amountLocked - bounty);
        vm.prank(forfeiter);
        (uint256 paid, uint256 forfeited) = vault.forfeit(1, challenger, 1_000);
        assertEq(paid, 123_456);
        assertEq(forfeited, 1_111_111);
        (, uint256 amount, uint256 f) = _position(1);
        assertEq(amount, 0);
        assertEq(f, 1_111_111);
        assertEq(wbtc.balanceOf(challenger), 123_456);
        assertEq(wbtc.balanceOf(address(vault)), 1_111_111);
    }

    function test_forfeit_edges() public {
        _lock(1, COLLATERAL);
        _lock(2, COLLATERAL);
        vm.startPrank(forfeiter);
        (uint256 bounty, uint256 forfeited) = vault.forfeit(1, challenger, 0);
        assertEq(bounty, 0);
        assertEq(forfeited, COLLATERAL);
        (bounty, forfeited) = vault.forfeit(2, challenger, 10_000);
        assertEq(bounty, COLLATERAL);
        assertEq(forfeited, 0);
        // a second forfeit finds nothing left and keeps what was forfeited
        (bounty, forfeited) = vault.forfeit(1, challenger, 5_000);
        assertEq(bounty, 0);
        assertEq(forfeited, 0);
        assertEq(vault.forfeitedOf(1), COLLATERAL);
        // a product with no position: nothing happens, nothing is sent
        (bounty, forfeited) = vault.forfeit(77, challenger, 1_000);
        assertEq(bounty + forfeited, 0);
        vm.stopPrank();
        assertEq(wbtc.balanceOf(challenger), COLLATERAL);
    }

    /// After a partial take, the forfeit splits what is left; the amounts accumulate in `forfeited`
    /// if a later lock-and-forfeit were ever to happen on the same product (it cannot: one lock).
    function test_forfeit_afterPartialTake() public {
        _lock(1, 10e8);
        vm.prank(fulfillment);
        vault.take(1, 3e8);
        vm.prank(forfeiter);
        (uint256 bounty, uint256 forfeited) = vault.forfeit(1, challenger, 1_000);
        assertEq(bounty, 7e7);
        assertEq(forfeited, 63e7);
    }

    function test_forfeit_reverts() public {
        _lock(1, COLLATERAL);
        vm.startPrank(forfeiter);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.InvalidBountyBps.selector, 10_001));
        vault.forfeit(1, challenger, 10_001);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.InvalidBountyBps.selector, type(uint256).max));
        vault.forfeit(1, challenger, type(uint256).max);
        vm.expectRevert(ZeroAddress.selector);
        vault.forfeit(1, address(0), 1_000);
        vm.stopPrank();
    }

    function test_payForfeited_paysAndBooks() public {
        _lock(1, COLLATERAL);
        vm.startPrank(forfeiter);
        vault.forfeit(1, challenger, 1_000); // 9e8 forfeited
        vm.expectEmit(address(vault));
        emit CollateralVault.ForfeitedPaid(1, alice, 4e8);
        vault.payForfeited(1, alice, 4e8);
        assertEq(vault.forfeitedOf(1), 5e8);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.InsufficientForfeited.selector, 1, 5e8, 5e8 + 1));
        vault.payForfeited(1, bob, 5e8 + 1);
        vm.recordLogs();
        vault.payForfeited(1, bob, 0); // zero: booked, nothing sent
        assertEq(vm.getRecordedLogs().length, 1);
        vault.payForfeited(1, bob, 5e8);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.InsufficientForfeited.selector, 1, 0, 1));
        vault.payForfeited(1, bob, 1);
        vm.expectRevert(ZeroAddress.selector);
        vault.payForfeited(1, address(0), 0);
        vm.stopPrank();
        assertEq(wbtc.balanceOf(alice), 4e8);
        assertEq(wbtc.balanceOf(bob), 5e8);
        assertEq(wbtc.balanceOf(address(vault)), 0);
    }

    /// A donation (a plain transfer to the vault) is credited to no position and cannot be taken.
    function test_donationsAreNotCredited() public {
        _lock(1, COLLATERAL);
        vm.prank(issuer);
        wbtc.transfer(address(vault), 5e8);
        vm.prank(fulfillment);
        assertEq(vault.take(1, type(uint256).max), COLLATERAL);
        vm.prank(fulfillment);
        assertEq(vault.release(1, fulfillment), 0);
        assertEq(wbtc.balanceOf(address(vault)), 5e8);
    }

    /// Positions in different tokens are independent.
    function test_positionsInDifferentTokens() public {
        FalseReturningToken other = new FalseReturningToken();
        other.mint(issuer, 10e8);
        vm.prank(issuer);
        other.approve(address(vault), type(uint256).max);
        _lock(1, 3e8);
        vm.prank(locker);
        vault.lock(2, address(other), issuer, 7e8);
        vm.prank(fulfillment);
        vault.release(2, alice);
        assertEq(other.balanceOf(alice), 7e8);
        assertEq(wbtc.balanceOf(alice), 0);
        assertEq(wbtc.balanceOf(address(vault)), 3e8);
    }

    // =====================================================================================
    // item 31: access control
    // =====================================================================================

    function _expectAllDenied(address caller, bool lockOk, bool manageOk, bool forfeitOk) internal {
        bytes memory denied = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller);
        vm.startPrank(caller);
        if (!lockOk) {
            vm.expectRevert(denied);
            vault.lock(5, address(wbtc), issuer, 1);
        }
        if (!manageOk) {
            vm.expectRevert(denied);
            vault.take(1, 1);
            vm.expectRevert(denied);
            vault.release(1, caller);
        }
        if (!forfeitOk) {
            vm.expectRevert(denied);
            vault.forfeit(1, caller, 10_000);
            vm.expectRevert(denied);
            vault.payForfeited(1, caller, 0);
        }
        vm.stopPrank();
    }

    /// Every restricted function refuses strangers and the admin; each role holder can call only
    /// its own functions.
    function test_item31_everyRestrictedFunctionIsRoleGated() public {
        _lock(1, COLLATERAL);
        _expectAllDenied(stranger, false, false, false);
        _expectAllDenied(owner, false, false, false);
        _expectAllDenied(issuer, false, false, false);
        _expectAllDenied(locker, true, false, false);
        _expectAllDenied(address(hpt), true, false, false);
        _expectAllDenied(fulfillment, false, true, false);
        _expectAllDenied(forfeiter, false, false, true);
        _expectAllDenied(address(hardwareRegistry), false, false, true);
        (, uint256 amount, uint256 forfeited) = _position(1);
        assertEq(amount, COLLATERAL);
        assertEq(forfeited, 0);
        assertEq(wbtc.balanceOf(address(vault)), COLLATERAL);
    }

    /// A revoked role stops working at once.
    function test_item31_revokedRoleStopsWorking() public {
        _lock(1, COLLATERAL);
        vm.prank(owner);
        manager.revokeRole(Roles.COLLATERAL_MANAGER, fulfillment);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, fulfillment));
        vm.prank(fulfillment);
        vault.take(1, 1);
    }

    // =====================================================================================
    // item 15: re-entrant ERC-20
    // =====================================================================================

    function _reentrantPosition(uint256 productId, uint256 amount) internal returns (ReentrantToken t) {
        t = new ReentrantToken();
        t.mint(issuer, 100e8);
        vm.prank(issuer);
        t.approve(address(vault), type(uint256).max);
        vm.prank(locker);
        vault.lock(productId, address(t), issuer, amount);
    }

    /// A token hook without a role cannot call the vault at all.
    function test_item15_reentrantTokenWithoutRoleIsUnauthorized() public {
        ReentrantToken t = _reentrantPosition(1, COLLATERAL);
        t.arm(address(vault), abi.encodeCall(CollateralVault.take, (1, COLLATERAL)));
        vm.prank(fulfillment);
        vault.take(1, 1e8);
        assertFalse(t.lastCallSucceeded());
        assertEq(t.lastError(), abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(t)));
        (, uint256 amount,) = _position(1);
        assertEq(amount, COLLATERAL - 1e8);
    }

    /// Even a role holder re-entering from inside a payout (here the token itself is given every
    /// role, the worst case) hits the vault's guard: no function pays twice.
    function test_item15_reentrantRoleHolderHitsTheGuard() public {
        ReentrantToken t = _reentrantPosition(1, COLLATERAL);
        vm.startPrank(owner);
        manager.grantRole(Roles.COLLATERAL_MANAGER, address(t), 0);
        manager.grantRole(Roles.COLLATERAL_FORFEITER, address(t), 0);
        manager.grantRole(Roles.COLLATERAL_LOCKER, address(t), 0);
        vm.stopPrank();
        bytes[5] memory calls = [
            abi.encodeCall(CollateralVault.take, (1, COLLATERAL)),
            abi.encodeCall(CollateralVault.release, (1, address(t))),
            abi.encodeCall(CollateralVault.forfeit, (1, address(t), 10_000)),
            abi.encodeCall(CollateralVault.payForfeited, (1, address(t), 1)),
            abi.encodeCall(CollateralVault.lock, (2, address(t), issuer, 1))
        ];
        for (uint256 i; i < calls.length; i++) {
            // re-entry from a take
            uint256 snap = vm.snapshotState();
            t.arm(address(vault), calls[i]);
            vm.prank(fulfillment);
            vault.take(1, 1e8);
            assertFalse(t.lastCallSucceeded());
            assertEq(t.lastError(), REENTRANT);
            assertEq(t.balanceOf(address(vault)), COLLATERAL - 1e8);
            vm.revertToState(snap);
            // re-entry from a forfeit's bounty, then from a payout of the forfeited balance
            snap = vm.snapshotState();
            t.arm(address(vault), calls[i]);
            vm.prank(forfeiter);
            vault.forfeit(1, challenger, 1_000);
            assertEq(t.lastError(), REENTRANT);
            t.arm(address(vault), calls[i]);
            vm.prank(forfeiter);
            vault.payForfeited(1, alice, 1e8);
            assertEq(t.lastError(), REENTRANT);
            assertEq(t.balanceOf(address(vault)), COLLATERAL - COLLATERAL / 10 - 1e8);
            assertEq(vault.forfeitedOf(1), COLLATERAL - COLLATERAL / 10 - 1e8);
            vm.revertToState(snap);
        }
        // re-entry from the pull of a lock
        t.arm(address(vault), abi.encodeCall(CollateralVault.take, (1, COLLATERAL)));
        vm.prank(locker);
        vault.lock(3, address(t), issuer, 1e8);
        assertEq(t.lastError(), REENTRANT);
        (, uint256 amount,) = _position(1);
        assertEq(amount, COLLATERAL);
    }
}
