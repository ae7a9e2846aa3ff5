// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Roles} from "../src/common/Roles.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {ITokenMetadataRenderer} from "../src/interfaces/ITokenMetadataRenderer.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {AccessFixtures} from "./utils/AccessFixtures.sol";

/// @notice SECURITY-CHECKLIST item 31, "every admin function has an access test; parameter changes
/// that can hurt users go through a delay", over the whole protocol behind one AccessManager:
/// every `restricted` function refuses a stranger with `AccessManagedUnauthorized` and works for
/// its role (the admin for admin functions, the wired protocol contract for hooks); the wiring
/// maps each function to the role of deploy/access-wiring.json; and the manager's grant delays,
/// execution delays (schedule, then execute) and target admin delays hold.
contract AccessControlTest is AccessFixtures {
    function _unauthorized(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, who);
    }

    /// Calls `target` with `data` as `caller`; returns success and revert data.
    function _callAs(address caller, address target, bytes memory data) internal returns (bool ok, bytes memory ret) {
        vm.prank(caller);
        // solhint-disable-next-line avoid-low-level-calls
        (ok, ret) = target.call(data);
    }

    // =====================================================================================
    // the table: every restricted function, its role, its refusal
    // =====================================================================================

    /// Each restricted function maps to the role the wiring table gives it (admin if none).
    function test_item31_everyRestrictedFunction_mapsToItsRole() public view {
        Restricted[] memory fns = _restrictedFunctions();
        for (uint256 i; i < fns.length; i++) {
            assertEq(
                manager.getTargetFunctionRole(fns[i].target, bytes4(fns[i].data)), fns[i].role, fns[i].name
            );
        }
        for (uint256 i; i < _managedContracts().length; i++) {
            assertEq(IAccessManaged(_managedContracts()[i]).authority(), address(manager));
        }
    }

    /// The table covers every function the wiring file names (so a newly wired hook can't miss
    /// its access test).
    function test_item31_tableCoversTheWiringFile() public view {
        WiringEntry[] memory wiring = _wiring();
        Restricted[] memory fns = _restrictedFunctions();
        for (uint256 w; w < wiring.length; w++) {
            bytes4 selector = bytes4(keccak256(bytes(wiring[w].signature)));
            address target = _deployedAt(wiring[w].target);
            bool found;
            for (uint256 i; i < fns.length; i++) {
                if (fns[i].target == target && bytes4(fns[i].data) == selector) {
                    assertEq(fns[i].role, _roleId(wiring[w].role), fns[i].name);
                    found = true;
                }
            }
            assertTrue(found, wiring[w].signature);
        }
    }

    /// Whether the wiring table grants `role` to the admin (CURRENCY_ADMIN, PRICE_GUARDIAN).
    function _grantedToAdmin(uint64 role) private view returns (bool) {
        WiringEntry[] memory wiring = _wiring();
        for (uint256 w; w < wiring.length; w++) {
            if (keccak256(bytes(wiring[w].grantee)) == keccak256("$admin") && _roleId(wiring[w].role) == role) {
                return true;
            }
        }
        return false;
    }

    /// A stranger is refused by every restricted function with AccessManagedUnauthorized(stranger);
    /// the admin is refused by every hook (roles it does not hold).
    function test_item31_everyRestrictedFunction_refusesStranger() public {
        Restricted[] memory fns = _restrictedFunctions();
        for (uint256 i; i < fns.length; i++) {
            (bool ok, bytes memory ret) = _callAs(stranger, fns[i].target, fns[i].data);
            assertFalse(ok, fns[i].name);
            assertEq(ret, _unauthorized(stranger), fns[i].name);
            if (fns[i].role != Roles.ADMIN && !_grantedToAdmin(fns[i].role)) {
                (ok, ret) = _callAs(owner, fns[i].target, fns[i].data);
                assertFalse(ok, fns[i].name);
                assertEq(ret, _unauthorized(owner), fns[i].name);
            }
        }
    }

    /// Any caller holding no role is refused everywhere.
    function testFuzz_item31_everyRestrictedFunction_refusesAnyOutsider(address caller) public {
        vm.assume(caller != owner && caller != address(manager));
        Restricted[] memory fns = _restrictedFunctions();
        for (uint256 i; i < fns.length; i++) {
            (bool member,) = manager.hasRole(fns[i].role, caller);
            if (member) continue; // a wired protocol contract, for its own hook
            (bool ok, bytes memory ret) = _callAs(caller, fns[i].target, fns[i].data);
            assertFalse(ok, fns[i].name);
            assertEq(ret, _unauthorized(caller), fns[i].name);
        }
    }

    /// Only the manager can move a contract to another authority; not the admin directly, not a
    /// stranger.
    function test_item31_setAuthority_onlyByTheManager() public {
        address[] memory c = _managedContracts();
        for (uint256 i; i < c.length; i++) {
            (bool ok, bytes memory ret) =
                _callAs(stranger, c[i], abi.encodeCall(IAccessManaged.setAuthority, (address(manager))));
            assertFalse(ok);
            assertEq(ret, _unauthorized(stranger));
            (ok, ret) = _callAs(owner, c[i], abi.encodeCall(IAccessManaged.setAuthority, (address(manager))));
            assertFalse(ok);
            assertEq(ret, _unauthorized(owner));
        }
    }

    // =====================================================================================
    // admin functions: stranger refused, admin succeeds
    // =====================================================================================

    function test_item31_AssetClassRegistry_adminFunctions() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        assetClasses.registerAssetClass("FIL-STORAGE", "TiB", 9, address(wbtc));
        vm.prank(owner);
        bytes32 fil = assetClasses.registerAssetClass("FIL-STORAGE", "TiB", 9, address(wbtc));
        assertTrue(assetClasses.isActive(fil));

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        assetClasses.setActive(fil, false);
        vm.prank(owner);
        assetClasses.setActive(fil, false);
        assertFalse(assetClasses.isActive(fil));

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        assetClasses.schedulePayoutTokenChange(fil, address(usd));
        vm.prank(owner);
        assetClasses.schedulePayoutTokenChange(fil, address(usd));
        (address pending,) = assetClasses.pendingPayoutTokenChange(fil);
        assertEq(pending, address(usd));

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        assetClasses.cancelPayoutTokenChange(fil);
        vm.prank(owner);
        assetClasses.cancelPayoutTokenChange(fil);
        (pending,) = assetClasses.pendingPayoutTokenChange(fil);
        assertEq(pending, address(0));
    }

    function test_item31_AttestorRegistry_adminFunctions() public {
        address newMember = makeAddr("newMember");
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        attestorRegistry.addAttestor(newMember);
        vm.prank(owner);
        attestorRegistry.addAttestor(newMember);
        assertTrue(attestorRegistry.attestorInfo(newMember).member);

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        attestorRegistry.removeAttestor(newMember);
        vm.prank(owner);
        attestorRegistry.removeAttestor(newMember);
        assertFalse(attestorRegistry.attestorInfo(newMember).member);

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        attestorRegistry.setThreshold(btc, 1);
        vm.prank(owner);
        attestorRegistry.setThreshold(btc, 1);
        assertEq(attestorRegistry.threshold(btc), 1);
    }

    function test_item31_HashPowerToken_pauseUnpause() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        hpt.pause();
        vm.prank(owner);
        hpt.pause();
        assertTrue(hpt.paused());
        // paused: minting stops
        HashPowerToken.ProductAttestation memory a = _attestation(77);
        AttestorSignature[] memory sigs = _sigs(a, 0, THRESHOLD);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        hpt.unpause();
        vm.prank(owner);
        hpt.unpause();
        assertFalse(hpt.paused());
        _mint(a);
    }

    function test_item31_HashPowerToken_setMetadataRenderer() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(address(0)));
        assertEq(hpt.metadataRenderer(), address(renderer));
        vm.expectEmit(address(hpt));
        emit HashPowerToken.MetadataRendererSet(address(0));
        vm.prank(owner);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(address(0)));
        assertEq(hpt.metadataRenderer(), address(0));
    }

    function test_item31_FulfillmentVault_setEpochConfig() public {
        bytes32 other = keccak256("OTHER");
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        fv.setEpochConfig(other, 1 days, 1 hours, 2 hours);
        vm.prank(owner);
        fv.setEpochConfig(other, 1 days, 1 hours, 2 hours);
        IFulfillmentVault.EpochConfig memory c = fv.epochConfig(other);
        assertEq(c.epochLength, 1 days);
        assertEq(c.reportWindow, 1 hours);
        assertEq(c.depositWindow, 2 hours);
    }

    /// The Bitcoin evidence binding's admin functions: class parameters (set at once for a new class,
    /// scheduled behind the contract's own delay for a configured one), cancelling a change, and the
    /// one-time vault link (already made by the deployment, so the admin passes the access check and
    /// meets VaultAlreadySet).
    function test_item31_BitcoinEvidence_adminFunctions() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        evidence.scheduleClassParams(btc, 6, 1 days, 2 hours, 1);
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 6, 1 days, 2 hours, 1);
        assertTrue(evidence.classParams(btc).configured);
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 3, 1 days, 2 hours, 1);
        (, uint64 eta) = evidence.pendingClassParams(btc);
        assertEq(eta, block.timestamp + evidence.PARAMS_DELAY());

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        evidence.cancelClassParams(btc);
        vm.prank(owner);
        evidence.cancelClassParams(btc);
        (, eta) = evidence.pendingClassParams(btc);
        assertEq(eta, 0);

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        evidence.setFulfillmentVault(fv);
        vm.expectRevert(BitcoinEvidence.VaultAlreadySet.selector);
        vm.prank(owner);
        evidence.setFulfillmentVault(fv);
        assertEq(address(evidence.fulfillmentVault()), address(fv));
    }

    function test_item31_HashMixMarket_setFee() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        market.setFee(stranger, 1_000);
        vm.prank(owner);
        market.setFee(alice, 100);
        (address recipient, uint16 bps) = market.feeConfig();
        assertEq(recipient, alice);
        assertEq(bps, 100);
    }

    /// Currency admin is its own role (CURRENCY_ADMIN, wired to the deployment's admin): revoking it
    /// from the admin takes the functions away even though it still holds ADMIN.
    function test_item31_HashMixMarket_scheduleAndDisallowCurrency() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        market.scheduleCurrency(address(usd));
        vm.prank(owner);
        market.scheduleCurrency(address(usd));
        assertEq(market.currencyEta(address(usd)), block.timestamp + market.CURRENCY_DELAY());

        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        market.disallowCurrency(address(usd));
        vm.prank(owner);
        market.disallowCurrency(address(usd));
        assertEq(market.currencyEta(address(usd)), 0);

        vm.prank(owner);
        manager.revokeRole(Roles.CURRENCY_ADMIN, owner);
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        market.scheduleCurrency(address(usd));
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        market.disallowCurrency(address(usd));
    }

    // =====================================================================================
    // hooks: stranger and admin refused, the wired contract succeeds
    // =====================================================================================

    function test_item31_BtcSpvVerifier_consumePayment() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        spv.consumePayment(p);
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        spv.consumePayment(p);
        vm.prank(address(fv));
        (, uint256 amount) = spv.consumePayment(p);
        assertEq(amount, 175_000_000);
    }

    /// The Bitcoin evidence binding holds the same hook: it consumes a proof the vault has not.
    function test_item31_BtcSpvVerifier_consumePayment_byTheEvidenceBinding() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        vm.prank(address(evidence));
        (, uint256 amount) = spv.consumePayment(p);
        assertEq(amount, 175_000_000);
        (bool member,) = manager.hasRole(Roles.SPV_CONSUMER, address(evidence));
        assertTrue(member);
    }

    function test_item31_AttestorRegistry_hooks() public {
        address[] memory one = new address[](1);
        one[0] = att[0];
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        attestorRegistry.lockBonds(one, uint64(T0 + 10 days));
        vm.prank(address(hpt));
        attestorRegistry.lockBonds(one, uint64(T0 + 10 days));
        assertEq(attestorRegistry.attestorInfo(att[0]).lockedUntil, T0 + 10 days);

        vm.expectRevert(_unauthorized(address(hpt)));
        vm.prank(address(hpt)); // the locker can't slash
        attestorRegistry.slash(att[0]);
        vm.prank(address(hardwareRegistry));
        assertEq(attestorRegistry.slash(att[0]), MIN_BOND);
    }

    function test_item31_HashPowerToken_freezeAndMarkDefaulted() public {
        (uint256 pid,) = _defaultProduct();
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        hpt.freeze(pid);
        vm.expectRevert(_unauthorized(address(fv)));
        vm.prank(address(fv)); // the defaulter can't freeze
        hpt.freeze(pid);
        vm.prank(address(hardwareRegistry));
        hpt.freeze(pid);
        assertTrue(hpt.product(pid).frozen);

        vm.expectRevert(_unauthorized(address(hardwareRegistry)));
        vm.prank(address(hardwareRegistry)); // the freezer can't mark defaulted
        hpt.markDefaulted(pid);
        vm.prank(address(fv));
        hpt.markDefaulted(pid);
        assertTrue(hpt.product(pid).defaulted);
    }

    function test_item31_CollateralVault_hooks() public {
        uint256 pid = 999;
        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        collateralVault.lock(pid, address(wbtc), issuer, 100);
        vm.expectRevert(_unauthorized(address(fv)));
        vm.prank(address(fv)); // the manager can't lock
        collateralVault.lock(pid, address(wbtc), issuer, 100);
        vm.prank(address(hpt));
        collateralVault.lock(pid, address(wbtc), issuer, 100);
        (, uint256 amount) = collateralVault.collateralOf(pid);
        assertEq(amount, 100);

        vm.expectRevert(_unauthorized(address(hpt)));
        vm.prank(address(hpt)); // the locker can't take
        collateralVault.take(pid, 10);
        vm.prank(address(fv));
        assertEq(collateralVault.take(pid, 10), 10);

        vm.expectRevert(_unauthorized(address(hardwareRegistry)));
        vm.prank(address(hardwareRegistry)); // the forfeiter can't release
        collateralVault.release(pid, issuer);
        vm.expectRevert(_unauthorized(address(fv)));
        vm.prank(address(fv)); // the manager can't forfeit
        collateralVault.forfeit(pid, challenger, 1_000);
        vm.prank(address(hardwareRegistry));
        (uint256 bounty, uint256 forfeited) = collateralVault.forfeit(pid, challenger, 1_000);
        assertEq(bounty, 9);
        assertEq(forfeited, 81);

        vm.expectRevert(_unauthorized(owner));
        vm.prank(owner);
        collateralVault.payForfeited(pid, alice, 81);
        vm.prank(address(hardwareRegistry));
        collateralVault.payForfeited(pid, alice, 81);
        assertEq(wbtc.balanceOf(alice), 81);

        vm.prank(address(fv));
        assertEq(collateralVault.release(pid, issuer), 0);
    }

    // =====================================================================================
    // delays (the second half of item 31)
    // =====================================================================================

    /// `setGrantDelay(role, 2 days)`: once in force, a new grantee can't act for 2 days. The new
    /// grant delay itself only comes into force after the manager's minimum setback (5 days), so a
    /// compromised admin can't shorten it, nor raise it unnoticed.
    function test_item31_grantDelay_newGranteeWaits() public {
        address newAdmin = makeAddr("newCurrencyAdmin");
        vm.prank(owner);
        manager.setGrantDelay(Roles.CURRENCY_ADMIN, 2 days);
        uint256 setback = manager.minSetback();
        assertEq(setback, 5 days);
        assertEq(manager.getRoleGrantDelay(Roles.CURRENCY_ADMIN), 0); // not yet in force
        vm.warp(block.timestamp + setback);
        assertEq(manager.getRoleGrantDelay(Roles.CURRENCY_ADMIN), 2 days);

        uint256 grantedAt = block.timestamp;
        vm.prank(owner);
        manager.grantRole(Roles.CURRENCY_ADMIN, newAdmin, 0);
        (bool member,) = manager.hasRole(Roles.CURRENCY_ADMIN, newAdmin);
        assertFalse(member);
        vm.expectRevert(_unauthorized(newAdmin));
        vm.prank(newAdmin);
        market.scheduleCurrency(address(usd));

        vm.warp(grantedAt + 2 days - 1);
        vm.expectRevert(_unauthorized(newAdmin));
        vm.prank(newAdmin);
        market.scheduleCurrency(address(usd));

        vm.warp(grantedAt + 2 days);
        (member,) = manager.hasRole(Roles.CURRENCY_ADMIN, newAdmin);
        assertTrue(member);
        vm.prank(newAdmin);
        market.scheduleCurrency(address(usd));
        assertEq(market.currencyEta(address(usd)), block.timestamp + market.CURRENCY_DELAY());
    }

    /// The same for the admin role: a new admin waits out the grant delay before any admin call.
    function test_item31_grantDelay_newAdminWaits() public {
        address newAdmin = makeAddr("newAdmin");
        vm.prank(owner);
        manager.setGrantDelay(Roles.ADMIN, 2 days);
        vm.warp(block.timestamp + manager.minSetback());
        uint256 grantedAt = block.timestamp;
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, newAdmin, 0);
        vm.expectRevert(_unauthorized(newAdmin));
        vm.prank(newAdmin);
        hpt.pause();
        vm.warp(grantedAt + 2 days);
        vm.prank(newAdmin);
        hpt.pause();
        assertTrue(hpt.paused());
    }

    /// Until the new grant delay is in force, grants are still immediate: deployments must set
    /// grant delays at least `minSetback` before relying on them.
    function test_item31_grantDelay_notInForceBeforeSetback() public {
        address early = makeAddr("early");
        vm.prank(owner);
        manager.setGrantDelay(Roles.CURRENCY_ADMIN, 2 days);
        vm.warp(block.timestamp + manager.minSetback() - 1);
        vm.prank(owner);
        manager.grantRole(Roles.CURRENCY_ADMIN, early, 0);
        vm.prank(early);
        market.scheduleCurrency(address(usd)); // immediate
    }

    /// An admin with an execution delay must schedule: a direct call reverts (not scheduled), the
    /// scheduled call can't run before the delay, runs once after it, and expires a week later.
    function test_item31_executionDelay_mustScheduleThenExecute() public {
        address timelocked = makeAddr("timelockedAdmin");
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, timelocked, 2 days);
        bytes memory data = abi.encodeCall(HashMixMarket.setFee, (alice, 1_000));
        bytes32 opId = manager.hashOperation(timelocked, address(market), data);

        // direct call: refused, it was not scheduled
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotScheduled.selector, opId));
        vm.prank(timelocked);
        market.setFee(alice, 1_000);

        vm.prank(timelocked);
        (bytes32 scheduled,) = manager.schedule(address(market), data, 0);
        assertEq(scheduled, opId);
        uint256 readyAt = block.timestamp + 2 days;
        assertEq(manager.getSchedule(opId), readyAt);

        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotReady.selector, opId));
        vm.prank(timelocked);
        manager.execute(address(market), data);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotReady.selector, opId));
        vm.prank(timelocked);
        market.setFee(alice, 1_000);
        (address recipient, uint16 bps) = market.feeConfig();
        assertEq(bps, FEE_BPS);

        vm.warp(readyAt);
        vm.prank(timelocked);
        manager.execute(address(market), data);
        (recipient, bps) = market.feeConfig();
        assertEq(recipient, alice);
        assertEq(bps, 1_000);

        // consumed: it can't run twice
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotScheduled.selector, opId));
        vm.prank(timelocked);
        manager.execute(address(market), data);
    }

    /// A stranger can neither schedule an admin call nor execute one someone else scheduled.
    function test_item31_executionDelay_strangerCannotScheduleOrExecute() public {
        address timelocked = makeAddr("timelockedAdmin");
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, timelocked, 2 days);
        bytes memory data = abi.encodeCall(HashMixMarket.setFee, (stranger, 1_000));
        bytes memory refused = abi.encodeWithSelector(
            IAccessManager.AccessManagerUnauthorizedCall.selector, stranger, address(market), HashMixMarket.setFee.selector
        );
        vm.expectRevert(refused);
        vm.prank(stranger);
        manager.schedule(address(market), data, 0);

        vm.prank(timelocked);
        manager.schedule(address(market), data, 0);
        vm.warp(block.timestamp + 2 days);
        vm.expectRevert(refused);
        vm.prank(stranger);
        manager.execute(address(market), data);
        (address recipient,) = market.feeConfig();
        assertEq(recipient, feeSink);
    }

    /// After the delay the delayed admin may also call the target directly: the restricted check
    /// consumes the scheduled operation. An operation not executed within `expiration()` (1 week)
    /// of becoming ready expires.
    function test_item31_executionDelay_directCallAfterDelayAndExpiry() public {
        address timelocked = makeAddr("timelockedAdmin");
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, timelocked, 2 days);

        bytes memory pauseData = abi.encodeCall(HashPowerToken.pause, ());
        vm.prank(timelocked);
        manager.schedule(address(hpt), pauseData, 0);
        vm.warp(block.timestamp + 2 days);
        vm.prank(timelocked);
        hpt.pause();
        assertTrue(hpt.paused());

        bytes memory unpauseData = abi.encodeCall(HashPowerToken.unpause, ());
        vm.prank(timelocked);
        (bytes32 opId,) = manager.schedule(address(hpt), unpauseData, 0);
        assertEq(manager.expiration(), 1 weeks);
        vm.warp(block.timestamp + 2 days + 1 weeks);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerExpired.selector, opId));
        vm.prank(timelocked);
        manager.execute(address(hpt), unpauseData);
        assertTrue(hpt.paused());
    }

    /// A scheduled operation can be cancelled (by its scheduler or the admin) before it runs.
    function test_item31_executionDelay_cancel() public {
        address timelocked = makeAddr("timelockedAdmin");
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, timelocked, 2 days);
        bytes memory data = abi.encodeCall(AssetClassRegistry.setActive, (btc, false));
        vm.prank(timelocked);
        (bytes32 opId,) = manager.schedule(address(assetClasses), data, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessManager.AccessManagerUnauthorizedCancel.selector,
                stranger,
                timelocked,
                address(assetClasses),
                AssetClassRegistry.setActive.selector
            )
        );
        vm.prank(stranger);
        manager.cancel(timelocked, address(assetClasses), data);
        vm.prank(owner);
        manager.cancel(timelocked, address(assetClasses), data);
        vm.warp(block.timestamp + 2 days);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotScheduled.selector, opId));
        vm.prank(timelocked);
        manager.execute(address(assetClasses), data);
        assertTrue(assetClasses.isActive(btc));
    }

    /// The admin can put itself behind a delay: raising its own execution delay takes effect at
    /// once, and from then on its parameter changes wait.
    function test_item31_executionDelay_adminDelaysItself() public {
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, owner, 2 days);
        (, uint32 delay) = manager.hasRole(Roles.ADMIN, owner);
        assertEq(delay, 2 days);
        bytes32 opId = manager.hashOperation(owner, address(fv), abi.encodeCall(fv.setEpochConfig, (btc, 1, 1, 1)));
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotScheduled.selector, opId));
        vm.prank(owner);
        fv.setEpochConfig(btc, 1, 1, 1);
        // CURRENCY_ADMIN was granted without a delay: that role's functions stay immediate
        vm.prank(owner);
        market.disallowCurrency(address(usd));
    }

    /// A target admin delay makes rewiring a contract's functions wait: once in force (after the
    /// minimum setback), the admin must schedule `setTargetFunctionRole` for that contract.
    function test_item31_targetAdminDelay_rewiringWaits() public {
        vm.prank(owner);
        manager.setTargetAdminDelay(address(attestorRegistry), 3 days);
        vm.warp(block.timestamp + manager.minSetback());
        assertEq(manager.getTargetAdminDelay(address(attestorRegistry)), 3 days);

        bytes4[] memory sel = new bytes4[](1);
        sel[0] = attestorRegistry.slash.selector;
        bytes memory data = abi.encodeCall(IAccessManager.setTargetFunctionRole, (address(attestorRegistry), sel, Roles.ADMIN));
        bytes32 opId = manager.hashOperation(owner, address(manager), data);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerNotScheduled.selector, opId));
        vm.prank(owner);
        manager.setTargetFunctionRole(address(attestorRegistry), sel, Roles.ADMIN);

        vm.prank(owner);
        manager.schedule(address(manager), data, 0);
        vm.warp(block.timestamp + 3 days);
        vm.prank(owner);
        manager.execute(address(manager), data);
        assertEq(manager.getTargetFunctionRole(address(attestorRegistry), sel[0]), Roles.ADMIN);
    }
}
