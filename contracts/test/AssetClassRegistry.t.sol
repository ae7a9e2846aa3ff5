// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {RegistryFixtures} from "./utils/RegistryFixtures.sol";

/// @notice Unit tests: every function, every error path, access control of every admin function
/// (SECURITY-CHECKLIST item 31), and every event.
contract AssetClassRegistryTest is RegistryFixtures {
    // =====================================================================================
    // constructor / constants
    // =====================================================================================

    function test_constructor_setsAuthorityAndEmptyState() public view {
        assertEq(registry.authority(), address(manager));
        (bool isAdmin, uint32 delay) = manager.hasRole(manager.ADMIN_ROLE(), owner);
        assertTrue(isAdmin);
        assertEq(delay, 0);
        assertEq(registry.assetClassCount(), 0);
        assertEq(registry.assetClassIds(0, 10).length, 0);
    }

    /// The zero-owner check now lives in the manager: it refuses a zero initial admin.
    function test_constructor_managerRevertsOnZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerInvalidInitialAdmin.selector, address(0)));
        new HashMixAccessManager(address(0));
    }

    /// `AccessManaged` accepts a zero authority at construction; such a registry fails closed:
    /// every admin function is refused, for every caller.
    function test_constructor_zeroAuthorityFailsClosed() public {
        AssetClassRegistry r = new AssetClassRegistry(address(0));
        assertEq(r.authority(), address(0));
        address[2] memory callers = [owner, address(0)];
        for (uint256 i; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            r.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
        }
    }

    function test_constants() public view {
        assertEq(registry.PAYOUT_TOKEN_CHANGE_DELAY(), 2 days);
        assertEq(registry.MAX_SYMBOL_LENGTH(), 32);
        assertEq(registry.MAX_UNIT_NAME_LENGTH(), 16);
        assertEq(registry.MAX_UNIT_DECIMALS(), 18);
        assertEq(registry.MAX_PAGE_SIZE(), 100);
    }

    // =====================================================================================
    // assetClassId
    // =====================================================================================

    function test_assetClassId_isKeccakOfSymbolBytes() public view {
        assertEq(registry.assetClassId(BTC), keccak256(bytes(BTC)));
        assertEq(registry.assetClassId(""), keccak256(""));
        // pure hash, no validation: lowercase is hashed as-is (and differs)
        assertTrue(registry.assetClassId("btc-sha256") != registry.assetClassId(BTC));
    }

    // =====================================================================================
    // registerAssetClass
    // =====================================================================================

    function test_register_storesEverything() public {
        vm.warp(1_700_000_000);
        vm.prank(owner);
        bytes32 id = registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));

        assertEq(id, keccak256(bytes(BTC)));
        AssetClassRegistry.AssetClass memory ac = registry.assetClass(id);
        assertEq(ac.id, id);
        assertEq(ac.symbol, BTC);
        assertEq(ac.unitName, "TH/s");
        assertEq(ac.unitDecimals, 6);
        assertEq(ac.payoutToken, address(wbtc));
        assertTrue(ac.active);
        assertEq(ac.registeredAt, 1_700_000_000);

        assertTrue(registry.isRegistered(id));
        assertTrue(registry.isActive(id));
        assertEq(registry.assetClassCount(), 1);
        bytes32[] memory ids = registry.assetClassIds(0, 10);
        assertEq(ids.length, 1);
        assertEq(ids[0], id);
        (address token, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(token, address(0));
        assertEq(eta, 0);
    }

    function test_register_emitsAssetClassRegistered() public {
        bytes32 id = keccak256(bytes(BTC));
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.AssetClassRegistered(id, BTC, "TH/s", 6, address(wbtc));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    function test_register_designExamples() public {
        vm.startPrank(owner);
        registry.registerAssetClass("BTC-SHA256", "TH/s", 6, address(wbtc));
        registry.registerAssetClass("ETC-ETCHASH", "MH/s", 6, address(wetc));
        registry.registerAssetClass("FIL-STORAGE", "TiB", 9, address(wfil));
        registry.registerAssetClass("FIL-SEALING", "TiB/day", 9, address(wfil));
        vm.stopPrank();
        assertEq(registry.assetClassCount(), 4);
        bytes32[] memory ids = registry.assetClassIds(0, 100);
        assertEq(ids[0], keccak256("BTC-SHA256"));
        assertEq(ids[1], keccak256("ETC-ETCHASH"));
        assertEq(ids[2], keccak256("FIL-STORAGE"));
        assertEq(ids[3], keccak256("FIL-SEALING"));
    }

    function test_register_boundaryValuesAccepted() public {
        vm.startPrank(owner);
        registry.registerAssetClass("X", "!", 0, address(wbtc)); // 1-byte symbol and unit, 0 decimals
        registry.registerAssetClass("ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234", "~~~~~~~~~~~~~~~~", 18, address(wbtc));
        registry.registerAssetClass("0", "H/s", 18, address(wbtc)); // digits only
        registry.registerAssetClass("A--B", "H/s", 1, address(wbtc)); // inner dashes allowed
        vm.stopPrank();
        assertEq(registry.assetClassCount(), 4);
    }

    function test_item31_register_revertsForNonAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    function test_register_revertsOnDuplicate() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.AssetClassAlreadyRegistered.selector, id));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "PH/s", 3, address(wetc));
    }

    function test_register_revertsOnDuplicateEvenWhenInactive() public {
        bytes32 id = _registerBtc();
        vm.prank(owner);
        registry.setActive(id, false);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.AssetClassAlreadyRegistered.selector, id));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    function _expectInvalidSymbol(string memory symbol) internal {
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidSymbol.selector, symbol));
        vm.prank(owner);
        registry.registerAssetClass(symbol, "TH/s", 6, address(wbtc));
        assertFalse(registry.isValidSymbol(symbol));
    }

    function test_register_revertsOnInvalidSymbol() public {
        _expectInvalidSymbol(""); // empty
        _expectInvalidSymbol("ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345"); // 33 bytes
        _expectInvalidSymbol("-BTC"); // leading dash
        _expectInvalidSymbol("BTC-"); // trailing dash
        _expectInvalidSymbol("-"); // only a dash
        _expectInvalidSymbol("btc-sha256"); // lowercase
        _expectInvalidSymbol("BTC SHA256"); // space
        _expectInvalidSymbol("BTC_SHA256"); // underscore
        _expectInvalidSymbol("BTC.SHA256"); // dot
        _expectInvalidSymbol("BTC/SHA256"); // slash (0x2f, just below '0')
        _expectInvalidSymbol("BTC:SHA256"); // colon (0x3a, just above '9')
        _expectInvalidSymbol("BTC@"); // '@' (0x40, just below 'A')
        _expectInvalidSymbol("BTC["); // '[' (0x5b, just above 'Z')
        _expectInvalidSymbol(unicode"BTC-É"); // non-ASCII
        _expectInvalidSymbol(string(abi.encodePacked("BTC", bytes1(0x00)))); // NUL byte
        assertEq(registry.assetClassCount(), 0);
    }

    function _expectInvalidUnit(string memory unitName) internal {
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitName.selector, unitName));
        vm.prank(owner);
        registry.registerAssetClass(BTC, unitName, 6, address(wbtc));
        assertFalse(registry.isValidUnitName(unitName));
    }

    function test_register_revertsOnInvalidUnitName() public {
        _expectInvalidUnit(""); // empty
        _expectInvalidUnit("TH/s-TH/s-TH/s-TH"); // 17 bytes
        _expectInvalidUnit("TH s"); // space (0x20)
        _expectInvalidUnit(string(abi.encodePacked("TH", bytes1(0x7f)))); // DEL
        _expectInvalidUnit(string(abi.encodePacked("TH", bytes1(0x09)))); // tab
        _expectInvalidUnit(unicode"µs"); // non-ASCII
        assertEq(registry.assetClassCount(), 0);
    }

    function test_register_revertsOnInvalidUnitDecimals() public {
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitDecimals.selector, uint8(19)));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 19, address(wbtc));

        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitDecimals.selector, uint8(255)));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 255, address(wbtc));
    }

    function test_register_revertsOnZeroPayoutToken() public {
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, address(0)));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, address(0));
    }

    function test_register_revertsOnEoaPayoutToken() public {
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, stranger));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, stranger);
    }

    /// @dev Documented check order: symbol, unitName, unitDecimals, payoutToken, duplicate.
    function test_register_validationOrder() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidSymbol.selector, "bad"));
        registry.registerAssetClass("bad", "", 99, address(0));
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitName.selector, ""));
        registry.registerAssetClass(BTC, "", 99, address(0));
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidUnitDecimals.selector, uint8(99)));
        registry.registerAssetClass(BTC, "TH/s", 99, address(0));
        vm.stopPrank();
    }

    // =====================================================================================
    // setActive
    // =====================================================================================

    function test_setActive_deactivateAndReactivate() public {
        bytes32 id = _registerBtc();

        vm.expectEmit(address(registry));
        emit AssetClassRegistry.AssetClassStatusChanged(id, false);
        vm.prank(owner);
        registry.setActive(id, false);
        assertFalse(registry.isActive(id));
        assertFalse(registry.assetClass(id).active);
        assertTrue(registry.isRegistered(id));
        assertEq(registry.assetClassCount(), 1);

        vm.expectEmit(address(registry));
        emit AssetClassRegistry.AssetClassStatusChanged(id, true);
        vm.prank(owner);
        registry.setActive(id, true);
        assertTrue(registry.isActive(id));
    }

    function test_setActive_revertsWhenUnchanged() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.AssetClassStatusUnchanged.selector, id, true));
        vm.prank(owner);
        registry.setActive(id, true);

        vm.prank(owner);
        registry.setActive(id, false);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.AssetClassStatusUnchanged.selector, id, false));
        vm.prank(owner);
        registry.setActive(id, false);
    }

    function test_setActive_revertsOnUnknown() public {
        bytes32 id = keccak256("NOPE");
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.UnknownAssetClass.selector, id));
        vm.prank(owner);
        registry.setActive(id, false);
    }

    function test_item31_setActive_revertsForNonAdmin() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.setActive(id, false);
    }

    // =====================================================================================
    // schedulePayoutTokenChange
    // =====================================================================================

    function test_schedule_setsPendingAndEmits() public {
        bytes32 id = _registerBtc();
        vm.warp(1_000_000);
        uint64 eta = 1_000_000 + 2 days;
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.PayoutTokenChangeScheduled(id, address(wetc), eta);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));

        (address token, uint64 pendingEta) = registry.pendingPayoutTokenChange(id);
        assertEq(token, address(wetc));
        assertEq(pendingEta, eta);
        // scheduling alone does not change the payout token
        assertEq(registry.assetClass(id).payoutToken, address(wbtc));
    }

    function test_schedule_againReplacesAndRestartsDelay() public {
        bytes32 id = _registerBtc();
        vm.warp(1_000_000);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));

        vm.warp(1_000_000 + 1 days);
        uint64 eta2 = 1_000_000 + 1 days + 2 days;
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.PayoutTokenChangeScheduled(id, address(wfil), eta2);
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wfil));

        (address token, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(token, address(wfil));
        assertEq(eta, eta2);

        // the first eta no longer unlocks anything
        vm.warp(1_000_000 + 2 days);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, eta2));
        registry.applyPayoutTokenChange(id);
    }

    function test_schedule_revertsOnUnknown() public {
        bytes32 id = keccak256("NOPE");
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.UnknownAssetClass.selector, id));
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, address(wetc));
    }

    function test_schedule_revertsOnInvalidToken() public {
        bytes32 id = _registerBtc();
        address[3] memory bad = [address(0), stranger, address(wbtc)]; // zero, EOA, same as current
        for (uint256 i; i < bad.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, bad[i]));
            vm.prank(owner);
            registry.schedulePayoutTokenChange(id, bad[i]);
        }
        (, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(eta, 0);
    }

    function test_item31_schedule_revertsForNonAdmin() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.schedulePayoutTokenChange(id, address(wetc));
    }

    // =====================================================================================
    // applyPayoutTokenChange
    // =====================================================================================

    function _schedule(bytes32 id, address token) internal returns (uint64 eta) {
        vm.prank(owner);
        registry.schedulePayoutTokenChange(id, token);
        (, eta) = registry.pendingPayoutTokenChange(id);
    }

    function test_apply_atEtaByAnyone() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));

        vm.warp(eta);
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.PayoutTokenChanged(id, address(wbtc), address(wetc));
        vm.prank(stranger); // permissionless
        registry.applyPayoutTokenChange(id);

        assertEq(registry.assetClass(id).payoutToken, address(wetc));
        (address token, uint64 pendingEta) = registry.pendingPayoutTokenChange(id);
        assertEq(token, address(0));
        assertEq(pendingEta, 0);
    }

    function test_apply_revertsBeforeEta() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));

        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, eta));
        registry.applyPayoutTokenChange(id); // right after scheduling

        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.PayoutTokenChangeNotReady.selector, id, eta));
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wbtc));
    }

    function test_apply_longAfterEta() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        vm.warp(uint256(eta) + 365 days);
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wetc));
    }

    function test_apply_revertsWithoutPending() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, id));
        registry.applyPayoutTokenChange(id);

        bytes32 unknown = keccak256("NOPE");
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, unknown));
        registry.applyPayoutTokenChange(unknown);
    }

    function test_apply_revertsTwice() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, id));
        registry.applyPayoutTokenChange(id);
    }

    function test_apply_revertsAfterCancel() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(id);
        vm.warp(eta);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, id));
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wbtc));
    }

    function test_apply_revertsIfNewTokenLostItsCode() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        vm.etch(address(wetc), "");
        vm.warp(eta);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.InvalidPayoutToken.selector, address(wetc)));
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wbtc));
    }

    function test_apply_worksOnInactiveClass() public {
        bytes32 id = _registerBtc();
        vm.prank(owner);
        registry.setActive(id, false);
        uint64 eta = _schedule(id, address(wetc));
        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wetc));
        assertFalse(registry.isActive(id));
    }

    function test_apply_changeBackAfterAnotherDelay() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        uint64 eta2 = _schedule(id, address(wbtc)); // back to the original: a new full delay
        assertEq(eta2, eta + 2 days);
        vm.warp(eta2);
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.PayoutTokenChanged(id, address(wetc), address(wbtc));
        registry.applyPayoutTokenChange(id);
    }

    // =====================================================================================
    // cancelPayoutTokenChange
    // =====================================================================================

    function test_cancel_clearsAndEmits() public {
        bytes32 id = _registerBtc();
        _schedule(id, address(wetc));
        vm.expectEmit(address(registry));
        emit AssetClassRegistry.PayoutTokenChangeCancelled(id, address(wetc));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(id);
        (address token, uint64 eta) = registry.pendingPayoutTokenChange(id);
        assertEq(token, address(0));
        assertEq(eta, 0);
    }

    function test_cancel_revertsWithoutPending() public {
        bytes32 id = _registerBtc();
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, id));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(id);

        bytes32 unknown = keccak256("NOPE");
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.NoPendingPayoutTokenChange.selector, unknown));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(unknown);
    }

    function test_item31_cancel_revertsForNonAdmin() public {
        bytes32 id = _registerBtc();
        _schedule(id, address(wetc));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.cancelPayoutTokenChange(id);
    }

    // =====================================================================================
    // views
    // =====================================================================================

    function test_assetClass_revertsOnUnknown() public {
        bytes32 id = keccak256("NOPE");
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.UnknownAssetClass.selector, id));
        registry.assetClass(id);
    }

    function test_isRegistered_isActive_unknownIsFalse() public view {
        assertFalse(registry.isRegistered(keccak256("NOPE")));
        assertFalse(registry.isActive(keccak256("NOPE")));
        assertFalse(registry.isRegistered(bytes32(0)));
        assertFalse(registry.isActive(bytes32(0)));
    }

    function test_pendingPayoutTokenChange_unknownIsEmpty() public view {
        (address token, uint64 eta) = registry.pendingPayoutTokenChange(keccak256("NOPE"));
        assertEq(token, address(0));
        assertEq(eta, 0);
    }

    function test_isValidSymbol_isValidUnitName() public view {
        assertTrue(registry.isValidSymbol(BTC));
        assertTrue(registry.isValidSymbol("X"));
        assertFalse(registry.isValidSymbol("X-"));
        assertTrue(registry.isValidUnitName("TiB/day"));
        assertFalse(registry.isValidUnitName("TiB day"));
    }

    function _registerMany(uint256 n) internal returns (bytes32[] memory ids) {
        ids = new bytes32[](n);
        vm.startPrank(owner);
        for (uint256 i; i < n; i++) {
            ids[i] = registry.registerAssetClass(string.concat("AC-", vm.toString(i)), "H/s", 0, address(wbtc));
        }
        vm.stopPrank();
    }

    function test_assetClassIds_pagination() public {
        bytes32[] memory all = _registerMany(7);
        bytes32[] memory page = registry.assetClassIds(2, 3);
        assertEq(page.length, 3);
        assertEq(page[0], all[2]);
        assertEq(page[2], all[4]);

        page = registry.assetClassIds(5, 10); // partial last page
        assertEq(page.length, 2);
        assertEq(page[0], all[5]);
        assertEq(page[1], all[6]);

        assertEq(registry.assetClassIds(7, 10).length, 0); // offset == count
        assertEq(registry.assetClassIds(100, 10).length, 0); // offset past the end
        assertEq(registry.assetClassIds(type(uint256).max, type(uint256).max).length, 0);
        assertEq(registry.assetClassIds(0, 0).length, 0); // limit 0
        assertEq(registry.assetClassIds(6, type(uint256).max).length, 1);
    }

    function test_assetClassIds_limitIsCappedAtMaxPageSize() public {
        bytes32[] memory all = _registerMany(105);
        bytes32[] memory page = registry.assetClassIds(0, 1000);
        assertEq(page.length, 100);
        assertEq(page[99], all[99]);
        page = registry.assetClassIds(100, 1000);
        assertEq(page.length, 5);
        assertEq(page[4], all[104]);
    }

    // =====================================================================================
    // admin hand-over (AccessManager ADMIN_ROLE; replaces Ownable2Step)
    // =====================================================================================

    /// The admin hands over by granting ADMIN_ROLE and renouncing its own; the old admin then has
    /// no admin right left, the new one has them all.
    function test_item31_adminHandOver() public {
        address newAdmin = makeAddr("newAdmin");
        uint64 adminRole = manager.ADMIN_ROLE();

        // nobody but the admin can grant the role
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, adminRole)
        );
        vm.prank(stranger);
        manager.grantRole(adminRole, stranger, 0);

        vm.prank(owner);
        manager.grantRole(adminRole, newAdmin, 0);
        (bool isAdmin,) = manager.hasRole(adminRole, newAdmin);
        assertTrue(isAdmin);
        vm.prank(owner);
        manager.renounceRole(adminRole, owner);
        (isAdmin,) = manager.hasRole(adminRole, owner);
        assertFalse(isAdmin);

        // the old admin lost every admin right
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));

        vm.prank(newAdmin);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    /// Moving the registry to another manager: only its current authority can (via
    /// `updateAuthority`), and only to a contract.
    function test_item31_setAuthority_onlyThroughCurrentManager() public {
        HashMixAccessManager other = new HashMixAccessManager(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        registry.setAuthority(address(other));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner); // the admin of the manager is not the manager
        registry.setAuthority(address(other));
        // the manager's own updateAuthority is admin-only
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, uint64(0))
        );
        vm.prank(stranger);
        manager.updateAuthority(address(registry), address(other));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedInvalidAuthority.selector, stranger));
        vm.prank(owner);
        manager.updateAuthority(address(registry), stranger);

        vm.prank(owner);
        manager.updateAuthority(address(registry), address(other));
        assertEq(registry.authority(), address(other));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
        vm.prank(stranger); // the new manager's admin
        registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    function test_item31_revokeAndRenounce_revertForNonAdmin() public {
        uint64 adminRole = manager.ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, adminRole)
        );
        vm.prank(stranger);
        manager.revokeRole(adminRole, owner);
        // renouncing is only for oneself
        vm.expectRevert(IAccessManager.AccessManagerBadConfirmation.selector);
        vm.prank(stranger);
        manager.renounceRole(adminRole, owner);
        (bool isAdmin,) = manager.hasRole(adminRole, owner);
        assertTrue(isAdmin);
    }

    /// @dev Renouncing the last admin freezes the registry; an already-scheduled change can still be
    /// applied by anyone after its delay (it was announced), but nothing new can be scheduled or
    /// cancelled.
    function test_item31_renounceFreezesAdmin() public {
        bytes32 id = _registerBtc();
        uint64 eta = _schedule(id, address(wetc));
        uint64 adminRole = manager.ADMIN_ROLE();
        vm.prank(owner);
        manager.renounceRole(adminRole, owner);
        (bool isAdmin,) = manager.hasRole(adminRole, owner);
        assertFalse(isAdmin);

        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.setActive(id, false);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        registry.cancelPayoutTokenChange(id);

        vm.warp(eta);
        registry.applyPayoutTokenChange(id);
        assertEq(registry.assetClass(id).payoutToken, address(wetc));
    }
}
