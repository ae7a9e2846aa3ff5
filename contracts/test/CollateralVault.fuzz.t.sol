// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";
import {Roles} from "../src/common/Roles.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {ICollateralPolicy} from "../src/interfaces/ICollateralPolicy.sol";

/// @notice Fuzz tests of the CollateralVault's arithmetic (10,000 runs in `npm test`): take is
/// capped at what is left, release sends the rest, forfeit splits into an exact rounded-down
/// bounty and the rest, payForfeited never pays more than what was forfeited, and a random
/// sequence of all of them on several products matches a reference model after every step
/// (balance == sum of positions; nothing pays out more than was locked).
contract CollateralVaultFuzzTest is Test {
    CollateralVault internal vault;
    TestPayoutToken internal token;
    HashMixAccessManager internal manager;

    address internal admin = makeAddr("admin");
    address internal locker = makeAddr("locker");
    address internal keeper = makeAddr("collateralManager");
    address internal forfeiter = makeAddr("forfeiter");
    address internal issuer = makeAddr("issuer");
    address internal sink = makeAddr("sink");

    uint256 internal constant MAX = type(uint128).max;

    function setUp() public {
        manager = new HashMixAccessManager(admin);
        vault = new CollateralVault(address(manager), ICollateralPolicy(address(0)));
        token = new TestPayoutToken("W", "W", 8, admin);
        vm.startPrank(admin);
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = vault.lock.selector;
        manager.setTargetFunctionRole(address(vault), sel, Roles.COLLATERAL_LOCKER);
        bytes4[] memory sel2 = new bytes4[](2);
        sel2[0] = vault.take.selector;
        sel2[1] = vault.release.selector;
        manager.setTargetFunctionRole(address(vault), sel2, Roles.COLLATERAL_MANAGER);
        sel2[0] = vault.forfeit.selector;
        sel2[1] = vault.payForfeited.selector;
        manager.setTargetFunctionRole(address(vault), sel2, Roles.COLLATERAL_FORFEITER);
        manager.grantRole(Roles.COLLATERAL_LOCKER, locker, 0);
        manager.grantRole(Roles.COLLATERAL_MANAGER, keeper, 0);
        manager.grantRole(Roles.COLLATERAL_FORFEITER, forfeiter, 0);
        token.mint(issuer, 3 * MAX);
        vm.stopPrank();
        vm.prank(issuer);
        token.approve(address(vault), type(uint256).max);
    }

    function _lock(uint256 productId, uint256 amount) internal {
        vm.prank(locker);
        vault.lock(productId, address(token), issuer, amount);
    }

    function _amount(uint256 productId) internal view returns (uint256 amount) {
        (, amount) = vault.collateralOf(productId);
    }

    /// lock accepts exactly the amounts that fit 128 bits.
    function testFuzz_lock_amountBound(uint256 amount) public {
        if (amount > MAX) {
            vm.expectRevert(abi.encodeWithSelector(CollateralVault.AmountTooLarge.selector, amount));
            _lock(1, amount);
        } else {
            _lock(1, amount);
            assertEq(_amount(1), amount);
            assertEq(token.balanceOf(address(vault)), amount);
        }
    }

    /// Successive takes are each min(wanted, left); a release then sends exactly the rest.
    function testFuzz_takeThenRelease(uint128 locked, uint256 w1, uint256 w2, uint256 w3) public {
        _lock(1, locked);
        uint256 left = locked;
        uint256[3] memory wants = [w1, w2, w3];
        uint256 received;
        for (uint256 i; i < 3; i++) {
            uint256 expected = wants[i] < left ? wants[i] : left;
            vm.prank(keeper);
            uint256 taken = vault.take(1, wants[i]);
            assertEq(taken, expected);
            left -= taken;
            received += taken;
            assertEq(_amount(1), left);
        }
        vm.prank(keeper);
        assertEq(vault.release(1, sink), left);
        assertEq(token.balanceOf(keeper), received);
        assertEq(token.balanceOf(sink), left);
        assertEq(token.balanceOf(address(vault)), 0);
        assertEq(received + left, locked);
    }

    /// forfeit pays floor(left * bps / 10,000) and sets aside exactly the rest; bps above 10,000
    /// reverts.
    function testFuzz_forfeit_split(uint128 locked, uint128 takenFirst, uint256 bps) public {
        _lock(1, locked);
        vm.prank(keeper);
        uint256 taken = vault.take(1, takenFirst);
        uint256 left = uint256(locked) - taken;
        if (bps > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(CollateralVault.InvalidBountyBps.selector, bps));
            vm.prank(forfeiter);
            vault.forfeit(1, sink, bps);
            return;
        }
        vm.prank(forfeiter);
        (uint256 bounty, uint256 forfeited) = vault.forfeit(1, sink, bps);
        assertEq(bounty, left * bps / 10_000);
        assertEq(bounty + forfeited, left);
        assertLe(bounty * 10_000, left * bps, "rounded down");
        assertEq(_amount(1), 0);
        assertEq(vault.forfeitedOf(1), forfeited);
        assertEq(token.balanceOf(sink), bounty);
        assertEq(token.balanceOf(address(vault)), forfeited);
    }

    /// payForfeited pays what is asked while it is available and reverts with the exact numbers
    /// past it; the total never exceeds what was forfeited.
    function testFuzz_payForfeited_neverExceedsForfeited(uint128 locked, uint16 bps, uint256[4] memory asks) public {
        bps = uint16(bound(bps, 0, 10_000));
        _lock(1, locked);
        vm.prank(forfeiter);
        (, uint256 forfeited) = vault.forfeit(1, sink, bps);
        uint256 available = forfeited;
        uint256 paid;
        for (uint256 i; i < 4; i++) {
            // mostly affordable asks, sometimes too much
            uint256 ask = i % 2 == 0 ? bound(asks[i], 0, available) : bound(asks[i], 0, available + 10);
            address to = address(uint160(0xB0B0 + i));
            vm.prank(forfeiter);
            if (ask > available) {
                vm.expectRevert(
                    abi.encodeWithSelector(CollateralVault.InsufficientForfeited.selector, 1, available, ask)
                );
                vault.payForfeited(1, to, ask);
                continue;
            }
            vault.payForfeited(1, to, ask);
            available -= ask;
            paid += ask;
            assertEq(token.balanceOf(to), ask);
            assertEq(vault.forfeitedOf(1), available);
        }
        assertLe(paid, forfeited);
        assertEq(token.balanceOf(address(vault)), forfeited - paid);
    }

    // reference model of the sequence test (index 1..3)
    uint256[4] internal amountModel;
    uint256[4] internal forfeitedModel;
    bool[4] internal lockedModel;
    uint256 internal totalIn;
    uint256 internal totalOut;

    /// A random sequence of lock / take / release / forfeit / payForfeited over three products
    /// matches a reference model after every step: each position, the vault's balance (== sum of
    /// positions), and what went out never exceeds what came in.
    function testFuzz_operationSequence(uint256 seed) public {
        for (uint256 step; step < 16; step++) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            uint256 p = 1 + seed % 3;
            uint256 op = (seed >> 8) % 5;
            uint256 x = seed >> 16;
            if (op == 0) _modelLock(p, x);
            else if (op == 1) _modelTake(p, x);
            else if (op == 2) _modelRelease(p);
            else if (op == 3) _modelForfeit(p, x);
            else _modelPay(p, x);
            uint256 sum;
            for (uint256 q = 1; q <= 3; q++) {
                assertEq(_amount(q), amountModel[q], "amount != model");
                assertEq(vault.forfeitedOf(q), forfeitedModel[q], "forfeited != model");
                sum += amountModel[q] + forfeitedModel[q];
            }
            assertEq(token.balanceOf(address(vault)), sum, "balance != sum of positions");
            assertEq(totalIn - totalOut, sum);
            assertLe(totalOut, totalIn, "paid out more than locked");
        }
    }

    function _modelLock(uint256 p, uint256 x) internal {
        if (lockedModel[p]) {
            vm.expectRevert(abi.encodeWithSelector(CollateralVault.AlreadyLocked.selector, p));
            _lock(p, 1);
            return;
        }
        uint256 a = x % (MAX / 4);
        _lock(p, a);
        lockedModel[p] = a != 0; // a zero amount books nothing: the position stays free
        amountModel[p] = a;
        totalIn += a;
    }

    function _modelTake(uint256 p, uint256 x) internal {
        uint256 want = x % (amountModel[p] + 2);
        vm.prank(keeper);
        uint256 taken = vault.take(p, want);
        assertEq(taken, want < amountModel[p] ? want : amountModel[p]);
        amountModel[p] -= taken;
        totalOut += taken;
    }

    function _modelRelease(uint256 p) internal {
        vm.prank(keeper);
        assertEq(vault.release(p, sink), amountModel[p]);
        totalOut += amountModel[p];
        amountModel[p] = 0;
    }

    function _modelForfeit(uint256 p, uint256 x) internal {
        uint256 bps = x % 10_001;
        vm.prank(forfeiter);
        (uint256 bounty, uint256 f) = vault.forfeit(p, sink, bps);
        assertEq(bounty, amountModel[p] * bps / 10_000);
        assertEq(bounty + f, amountModel[p]);
        totalOut += bounty;
        forfeitedModel[p] += f;
        amountModel[p] = 0;
    }

    function _modelPay(uint256 p, uint256 x) internal {
        uint256 ask = x % (forfeitedModel[p] + 2);
        vm.prank(forfeiter);
        if (ask > forfeitedModel[p]) {
            vm.expectRevert(
                abi.encodeWithSelector(CollateralVault.InsufficientForfeited.selector, p, forfeitedModel[p], ask)
            );
            vault.payForfeited(p, sink, ask);
            return;
        }
        vault.payForfeited(p, sink, ask);
        forfeitedModel[p] -= ask;
        totalOut += ask;
    }
}
