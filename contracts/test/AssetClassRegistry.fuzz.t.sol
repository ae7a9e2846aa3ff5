// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {RegistryFixtures} from "./utils/RegistryFixtures.sol";

/// @notice Fuzz tests (10,000 runs in the default profile): validation agrees with the reference
/// predicates of RegistryFixtures, and the payout token time-lock boundary is exact.
contract AssetClassRegistryFuzzTest is RegistryFixtures {
    /// Valid characters plus the nearest invalid neighbours of each range and a few others.
    bytes internal constant SYMBOL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789---@[/:a z_.";
    bytes internal constant UNIT_ALPHABET = hex"2021222f30415a617a7b7d7e7f0009ff80";

    // ---- symbol ----------------------------------------------------------------------

    /// Raw random bytes: accepted iff the reference predicate holds.
    function testFuzz_symbol_rawBytes(bytes calldata raw) public {
        _checkSymbol(raw);
    }

    /// Mostly-valid symbols from an alphabet around the accepted ranges, lengths 0..40.
    function testFuzz_symbol_fromAlphabet(uint256 seed, uint8 len) public {
        _checkSymbol(fromAlphabet(seed, bound(len, 0, 40), SYMBOL_ALPHABET));
    }

    function _checkSymbol(bytes memory raw) internal {
        bool expected = refValidSymbol(raw);
        string memory symbol = string(raw);
        assertEq(registry.isValidSymbol(symbol), expected, "isValidSymbol disagrees with reference");
        if (!expected) {
            vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidSymbol.selector, symbol));
        }
        vm.prank(owner);
        registry.registerAssetClass(symbol, "TH/s", 6, address(wbtc));
        if (expected) {
            bytes32 id = keccak256(raw);
            assertTrue(registry.isRegistered(id));
            assertEq(registry.assetClass(id).symbol, symbol);
            assertEq(registry.assetClassId(symbol), id);
        }
        assertEq(registry.assetClassCount(), expected ? 1 : 0);
    }

    // ---- unit name -------------------------------------------------------------------

    function testFuzz_unitName_rawBytes(bytes calldata raw) public {
        _checkUnitName(raw);
    }

    function testFuzz_unitName_fromAlphabet(uint256 seed, uint8 len) public {
        _checkUnitName(fromAlphabet(seed, bound(len, 0, 20), UNIT_ALPHABET));
    }

    /// Any printable ASCII (0x21..0x7E) string of 1..16 bytes is accepted.
    function testFuzz_unitName_printableAccepted(uint256 seed, uint8 len) public view {
        bytes memory s = new bytes(bound(len, 1, 16));
        for (uint256 i; i < s.length; i++) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            s[i] = bytes1(uint8(0x21 + (seed % 94)));
        }
        assertTrue(registry.isValidUnitName(string(s)));
    }

    function _checkUnitName(bytes memory raw) internal {
        bool expected = refValidUnitName(raw);
        string memory unitName = string(raw);
        assertEq(registry.isValidUnitName(unitName), expected, "isValidUnitName disagrees with reference");
        if (!expected) {
            vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitName.selector, unitName));
        }
        vm.prank(owner);
        registry.registerAssetClass(BTC, unitName, 6, address(wbtc));
        if (expected) assertEq(registry.assetClass(keccak256(bytes(BTC))).unitName, unitName);
    }

    // ---- decimals --------------------------------------------------------------------

    function testFuzz_unitDecimals(uint8 decimals) public {
        if (decimals > 18) {
            vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitDecimals.selector, decimals));
        }
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", decimals, address(wbtc));
        if (decimals <= 18) assertEq(registry.assetClass(keccak256(bytes(BTC))).unitDecimals, decimals);
    }

    // ---- payout token ----------------------------------------------------------------

    /// Any address without code is rejected, at registration and at scheduling.
    function testFuzz_payoutToken_withoutCodeRejected(address token) public {
        vm.assume(token.code.length == 0);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, token));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, token);

        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, token));
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, token);
    }

    // ---- access control (checklist item 31) ------------------------------------------

    function testFuzz_item31_adminFunctions_rejectNonAdmin(address caller) public {
        vm.assume(caller != owner);
        bytes32 id = _registerBtc();
        uint64 adminRole = manager.ADMIN_ROLE();
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        registry.registerAssetClass(FIL, "TiB", 9, address(wfil));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        registry.setActive(id, false);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        registry.schedulePayoutTokenChange(id, address(wetc));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        registry.cancelPayoutTokenChange(id);
        // the admin hand-over (formerly transferOwnership / renounceOwnership) is admin-only too
        if (caller != address(manager)) {
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
            registry.setAuthority(address(manager));
            vm.expectRevert(
                abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, caller, adminRole)
            );
            manager.grantRole(adminRole, caller, 0);
            vm.expectRevert(
                abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, caller, adminRole)
            );
            manager.revokeRole(adminRole, owner);
        }
        vm.expectRevert(IAccessManager.AccessManagerBadConfirmation.selector);
        manager.renounceRole(adminRole, owner);
        vm.stopPrank();
        (bool isAdmin,) = manager.hasRole(adminRole, owner);
        assertTrue(isAdmin);
        assertFalse(registry.isRegistered(keccak256(bytes(FIL))));
    }

    // ---- time-lock boundary (checklist item 31) --------------------------------------

    /// Scheduled at any time the AccessManager can run at (its clock is uint48 seconds, see
    /// {test_item31_managerClockEnd_adminFailsClosed}): apply at eta - 1 fails, at eta succeeds,
    /// and eta = now + delay.
    function testFuzz_timelock_boundary(uint64 scheduledAt) public {
        scheduledAt = uint64(bound(scheduledAt, 1, type(uint48).max - 2 days));
        bytes32 id = _registerBtc();
        vm.warp(scheduledAt);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));
        (, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(eta, scheduledAt + 2 days);

        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, eta));
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wbtc));

        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wetc));
    }

    /// The AccessManager keeps time in uint48 seconds: from 2^48 s (year ~8.9 million) on, its
    /// `canCall` reverts and every restricted function fails closed (the schedule is refused), while
    /// a change scheduled before stays applicable by anyone, with the registry's uint64 arithmetic.
    function test_item31_managerClockEnd_adminFailsClosed() public {
        bytes32 id = _registerBtc();
        uint64 lastTick = type(uint48).max;
        vm.warp(lastTick - 1 days);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));
        (, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(eta, lastTick + 1 days);

        vm.warp(uint256(lastTick) + 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(id);
        vm.warp(type(uint64).max - 2 days);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wfil));

        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, eta));
        registry.applyPayoutTokenChange(id);
        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wetc));
    }

    /// After any elapsed time dt, applying succeeds iff dt >= delay.
    function testFuzz_timelock_elapsed(uint256 dt) public {
        dt = bound(dt, 0, 10 * 365 days);
        bytes32 id = _registerBtc();
        vm.warp(1_700_000_000);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));
        vm.warp(1_700_000_000 + dt);
        if (dt < 2 days) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, uint64(1_700_000_000 + 2 days)
                )
            );
        }
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, dt < 2 days ? address(wbtc) : address(wetc));
    }

    // ---- pagination ------------------------------------------------------------------

    function testFuzz_assetClassIds_page(uint8 count, uint256 offset, uint256 limit) public {
        count = uint8(bound(count, 0, 30));
        offset = bound(offset, 0, 40);
        limit = bound(limit, 0, 200);
        bytes32[] memory all = new bytes32[](count);
        vm.startPrank(owner);
        for (uint256 i; i < count; i++) {
            all[i] = registry.registerAssetClass(string.concat("P-", vm.toString(i)), "H/s", 0, address(wbtc));
        }
        vm.stopPrank();

        bytes32[] memory page = registry.assetClassIds(offset, limit);
        uint256 expectedLen = offset >= count ? 0 : _min(_min(count - offset, limit), 100);
        assertEq(page.length, expectedLen);
        for (uint256 i; i < page.length; i++) {
            assertEq(page[i], all[offset + i]);
        }
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
