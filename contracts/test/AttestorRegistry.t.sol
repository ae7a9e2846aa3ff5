// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";
import {NativeTransferFailed, ZeroAddress, ZeroAmount} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {AttestorInfo, AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {NativeRejecter, NativeReentrant} from "./mocks/NativeReceivers.sol";
import {ERC1271GasHungry, ERC1271Wallet} from "./mocks/ERC1271Mocks.sol";

/// @notice Unit tests of AttestorRegistry: every function, every error with its exact arguments,
/// every event, access control of every admin function and of the two hooks, which are roles
/// BOND_LOCKER and BOND_SLASHER of the AccessManager (SECURITY-CHECKLIST item 31).
contract AttestorRegistryTest is HashPowerFixtures {
    AttestorRegistry internal reg;
    /// holds BOND_LOCKER (as the hash power token does)
    address internal locker = makeAddr("locker");
    /// holds BOND_SLASHER (as the hardware registry does)
    address internal slasher = makeAddr("slasher");
    address internal newcomer = makeAddr("newcomer");
    bytes32 internal constant DIGEST = keccak256("digest");

    function setUp() public override {
        super.setUp();
        reg = attestorRegistry;
        vm.startPrank(owner);
        manager.grantRole(Roles.BOND_LOCKER, locker, 0);
        manager.grantRole(Roles.BOND_SLASHER, slasher, 0);
        vm.stopPrank();
    }

    function _info(address a) internal view returns (AttestorInfo memory) {
        return reg.attestorInfo(a);
    }

    function _lock(address a, uint64 until) internal {
        address[] memory list = new address[](1);
        list[0] = a;
        vm.prank(locker);
        reg.lockBonds(list, until);
    }

    // =====================================================================================
    // constructor / constants
    // =====================================================================================

    function test_constructor_setsParameters() public {
        AttestorRegistry r = new AttestorRegistry(address(manager), 5 ether, 3 days);
        assertEq(r.authority(), address(manager));
        assertEq(r.minBond(), 5 ether);
        assertEq(r.exitDelay(), 3 days);
        assertEq(r.epoch(), 0);
        assertEq(r.attestors().length, 0);
        assertEq(r.threshold(btc), 0);
        assertEq(r.totalBurned(), 0);
        // a fresh deployment is not wired: its hooks stay with the admin role, the token can't lock
        assertEq(manager.getTargetFunctionRole(address(r), AttestorRegistry.lockBonds.selector), Roles.ADMIN);
        assertEq(manager.getTargetFunctionRole(address(r), AttestorRegistry.slash.selector), Roles.ADMIN);
        (bool allowed,) = manager.canCall(address(hpt), address(r), AttestorRegistry.lockBonds.selector);
        assertFalse(allowed);
    }

    /// The zero-owner check lives in the manager now; a registry given a zero authority fails
    /// closed (every restricted function refused).
    function test_constructor_zeroAuthorityFailsClosed() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerInvalidInitialAdmin.selector, address(0)));
        new HashMixAccessManager(address(0));
        AttestorRegistry r = new AttestorRegistry(address(0), 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        r.addAttestor(newcomer);
        address[] memory none = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt)));
        vm.prank(address(hpt));
        r.lockBonds(none, 1);
    }

    function test_constructor_revertsOnZeroMinBond() public {
        vm.expectRevert(ZeroAmount.selector);
        new AttestorRegistry(address(manager), 0, 1);
    }

    /// Audit fix 3: an exit delay near 2^64 would overflow `now + exitDelay` and block every exit.
    function test_constructor_revertsOnExitDelayAboveMax() public {
        uint64 max = 365 days;
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.ExitDelayTooLong.selector, max + 1, max));
        new AttestorRegistry(address(manager), 1, max + 1);
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.ExitDelayTooLong.selector, type(uint64).max, max)
        );
        new AttestorRegistry(address(manager), 1, type(uint64).max);
    }

    function test_constructor_maxExitDelayAllowedAndExitWorks() public {
        AttestorRegistry r = new AttestorRegistry(address(manager), 1, 365 days);
        assertEq(r.exitDelay(), 365 days);
        vm.startPrank(owner);
        r.addAttestor(newcomer);
        r.removeAttestor(newcomer);
        vm.stopPrank();
        assertEq(r.attestorInfo(newcomer).exitAvailableAt, uint64(block.timestamp) + 365 days);
    }

    function test_constructor_zeroExitDelayAllowed() public {
        AttestorRegistry r = new AttestorRegistry(address(manager), 1, 0);
        assertEq(r.exitDelay(), 0);
    }

    function test_constants() public view {
        assertEq(reg.MAX_COMMITTEE_SIZE(), 32);
        assertEq(reg.MAX_EXIT_DELAY(), 365 days);
        assertEq(reg.totalBurned(), 0);
    }

    function test_fixture_state() public view {
        assertEq(reg.epoch(), N_ATTESTORS); // one bump per add
        assertEq(reg.attestors().length, N_ATTESTORS);
        for (uint256 i; i < N_ATTESTORS; i++) {
            assertTrue(reg.isActiveAttestor(att[i]));
            AttestorInfo memory info = _info(att[i]);
            assertTrue(info.member);
            assertEq(info.bond, MIN_BOND);
            assertEq(info.lockedUntil, 0);
            assertEq(info.exitAvailableAt, 0);
        }
        assertEq(reg.threshold(btc), THRESHOLD);
        // the hooks are wired as the deployment wires them: the token locks, the hardware registry slashes
        assertEq(manager.getTargetFunctionRole(address(reg), AttestorRegistry.lockBonds.selector), Roles.BOND_LOCKER);
        assertEq(manager.getTargetFunctionRole(address(reg), AttestorRegistry.slash.selector), Roles.BOND_SLASHER);
        (bool isLocker,) = manager.hasRole(Roles.BOND_LOCKER, address(hpt));
        (bool isSlasher,) = manager.hasRole(Roles.BOND_SLASHER, address(hardwareRegistry));
        assertTrue(isLocker);
        assertTrue(isSlasher);
        (isSlasher,) = manager.hasRole(Roles.BOND_SLASHER, address(hpt));
        assertFalse(isSlasher);
    }

    // =====================================================================================
    // addAttestor
    // =====================================================================================

    function test_addAttestor_addsAndBumpsEpoch() public {
        uint64 e = reg.epoch();
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorAdded(newcomer, e + 1);
        vm.prank(owner);
        reg.addAttestor(newcomer);
        assertEq(reg.epoch(), e + 1);
        assertTrue(_info(newcomer).member);
        assertFalse(reg.isActiveAttestor(newcomer)); // no bond yet
        address[] memory list = reg.attestors();
        assertEq(list.length, N_ATTESTORS + 1);
        assertEq(list[N_ATTESTORS], newcomer);
    }

    function test_item31_addAttestor_revertsForNonAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.addAttestor(newcomer);
    }

    function test_addAttestor_revertsOnZeroAddress() public {
        vm.expectRevert(ZeroAddress.selector);
        vm.prank(owner);
        reg.addAttestor(address(0));
    }

    function test_addAttestor_revertsOnMember() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.AlreadyMember.selector, att[0]));
        vm.prank(owner);
        reg.addAttestor(att[0]);
    }

    function test_addAttestor_revertsWhenFull() public {
        vm.startPrank(owner);
        for (uint256 i = N_ATTESTORS; i < 32; i++) {
            reg.addAttestor(address(uint160(0x1000 + i)));
        }
        assertEq(reg.attestors().length, 32);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.CommitteeFull.selector, 32));
        reg.addAttestor(newcomer);
        vm.stopPrank();
    }

    function test_addAttestor_readdingCancelsExitAndKeepsBond() public {
        vm.prank(att[0]);
        reg.requestExit();
        assertGt(_info(att[0]).exitAvailableAt, 0);
        vm.prank(owner);
        reg.addAttestor(att[0]);
        AttestorInfo memory info = _info(att[0]);
        assertTrue(info.member);
        assertEq(info.exitAvailableAt, 0);
        assertEq(info.bond, MIN_BOND);
        assertTrue(reg.isActiveAttestor(att[0]));
    }

    // =====================================================================================
    // removeAttestor
    // =====================================================================================

    function test_removeAttestor_removesStartsExitAndBumpsEpoch() public {
        uint64 e = reg.epoch();
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorRemoved(att[1], e + 1);
        vm.prank(owner);
        reg.removeAttestor(att[1]);
        assertEq(reg.epoch(), e + 1);
        AttestorInfo memory info = _info(att[1]);
        assertFalse(info.member);
        assertEq(info.bond, MIN_BOND); // bond stays
        assertEq(info.exitAvailableAt, T0 + EXIT_DELAY);
        assertFalse(reg.isActiveAttestor(att[1]));
        address[] memory list = reg.attestors();
        assertEq(list.length, N_ATTESTORS - 1);
        for (uint256 i; i < list.length; i++) {
            assertTrue(list[i] != att[1]);
        }
    }

    function test_removeAttestor_swapAndPopKeepsListConsistent() public {
        vm.startPrank(owner);
        reg.removeAttestor(att[0]); // first
        reg.removeAttestor(att[4]); // now last? order changed by swap
        reg.removeAttestor(att[2]);
        vm.stopPrank();
        address[] memory list = reg.attestors();
        assertEq(list.length, 2);
        assertTrue((list[0] == att[1] && list[1] == att[3]) || (list[0] == att[3] && list[1] == att[1]));
        // re-adding all works (positions were cleaned up)
        vm.startPrank(owner);
        reg.addAttestor(att[0]);
        reg.addAttestor(att[2]);
        reg.addAttestor(att[4]);
        reg.removeAttestor(att[3]);
        vm.stopPrank();
        assertEq(reg.attestors().length, 4);
    }

    function test_item31_removeAttestor_revertsForNonAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.removeAttestor(att[0]);
    }

    function test_removeAttestor_revertsForNonMember() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, newcomer));
        vm.prank(owner);
        reg.removeAttestor(newcomer);
    }

    // =====================================================================================
    // setThreshold / hook roles / admin hand-over
    // =====================================================================================

    function test_setThreshold_setsAndEmits() public {
        bytes32 fil = keccak256("FIL-STORAGE");
        vm.expectEmit(address(reg));
        emit AttestorRegistry.ThresholdSet(fil, 32);
        vm.prank(owner);
        reg.setThreshold(fil, 32);
        assertEq(reg.threshold(fil), 32);
        vm.prank(owner);
        reg.setThreshold(fil, 1);
        assertEq(reg.threshold(fil), 1);
    }

    function test_setThreshold_revertsOnZeroAndAboveMax() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidThreshold.selector, 0));
        reg.setThreshold(btc, 0);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidThreshold.selector, 33));
        reg.setThreshold(btc, 33);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidThreshold.selector, 255));
        reg.setThreshold(btc, 255);
        vm.stopPrank();
    }

    function test_item31_setThreshold_revertsForNonAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.setThreshold(btc, 1);
    }

    /// Granting BOND_LOCKER lets an account lock bonds; revoking it takes that away (was setConsumer).
    function test_item31_bondLockerRole_grantAndRevoke() public {
        address[] memory list = _one(att[0]);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.lockBonds(list, 1);

        vm.expectEmit(address(manager));
        emit IAccessManager.RoleGranted(Roles.BOND_LOCKER, stranger, 0, uint48(block.timestamp), true);
        vm.prank(owner);
        manager.grantRole(Roles.BOND_LOCKER, stranger, 0);
        vm.prank(stranger);
        reg.lockBonds(list, 1);
        assertEq(_info(att[0]).lockedUntil, 1);

        vm.expectEmit(address(manager));
        emit IAccessManager.RoleRevoked(Roles.BOND_LOCKER, stranger);
        vm.prank(owner);
        manager.revokeRole(Roles.BOND_LOCKER, stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.lockBonds(list, 2);
    }

    /// Granting BOND_SLASHER lets an account slash; revoking it takes that away.
    function test_item31_bondSlasherRole_grantAndRevoke() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.slash(att[0]);
        vm.prank(owner);
        manager.grantRole(Roles.BOND_SLASHER, stranger, 0);
        vm.prank(stranger);
        assertEq(reg.slash(att[0]), MIN_BOND);
        vm.prank(owner);
        manager.revokeRole(Roles.BOND_SLASHER, stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.slash(att[1]);
    }

    /// The two hook roles are separate: a locker can't slash and a slasher can't lock; neither
    /// opens an admin function.
    function test_item31_hookRoles_areSeparate() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, locker));
        vm.prank(locker);
        reg.slash(att[0]);
        address[] memory list = _one(att[0]);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, slasher));
        vm.prank(slasher);
        reg.lockBonds(list, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, slasher));
        vm.prank(slasher);
        reg.removeAttestor(att[0]);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, locker));
        vm.prank(locker);
        reg.setThreshold(btc, 1);
    }

    /// Only the manager's admin can hand out the hook roles or remap the hooks (was: setConsumer
    /// reverts for non-owner).
    function test_item31_hookRoles_grantRevertsForNonAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, Roles.ADMIN)
        );
        vm.prank(stranger);
        manager.grantRole(Roles.BOND_LOCKER, stranger, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, locker, Roles.ADMIN)
        );
        vm.prank(locker); // a holder can't pass a role on
        manager.grantRole(Roles.BOND_LOCKER, stranger, 0);
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = AttestorRegistry.slash.selector;
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, slasher, Roles.ADMIN)
        );
        vm.prank(slasher);
        manager.setTargetFunctionRole(address(reg), sel, Roles.BOND_LOCKER);
    }

    /// The admin hands over by granting ADMIN_ROLE and renouncing its own (was Ownable2Step).
    function test_item31_adminHandOver() public {
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, stranger, 0);
        vm.prank(owner);
        manager.renounceRole(Roles.ADMIN, owner);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        reg.addAttestor(newcomer);
        vm.prank(stranger);
        reg.addAttestor(newcomer);
        assertTrue(_info(newcomer).member);
    }

    // =====================================================================================
    // depositBond
    // =====================================================================================

    function test_depositBond_accumulatesAndEmits() public {
        vm.deal(att[0], 3 ether);
        vm.expectEmit(address(reg));
        emit AttestorRegistry.BondDeposited(att[0], 2 ether, MIN_BOND + 2 ether);
        vm.prank(att[0]);
        reg.depositBond{value: 2 ether}();
        assertEq(_info(att[0]).bond, MIN_BOND + 2 ether);
        assertEq(address(reg).balance, N_ATTESTORS * MIN_BOND + 2 ether);
    }

    function test_depositBond_activeExactlyAtMinBond() public {
        vm.prank(owner);
        reg.addAttestor(newcomer);
        _bond(newcomer, MIN_BOND - 1);
        assertFalse(reg.isActiveAttestor(newcomer));
        _bond(newcomer, 1);
        assertTrue(reg.isActiveAttestor(newcomer));
    }

    function test_depositBond_revertsForNonMember() public {
        vm.deal(newcomer, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, newcomer));
        vm.prank(newcomer);
        reg.depositBond{value: 1 ether}();
    }

    function test_depositBond_revertsForFormerMember() public {
        vm.prank(att[0]);
        reg.requestExit();
        vm.deal(att[0], 1 ether);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, att[0]));
        vm.prank(att[0]);
        reg.depositBond{value: 1 ether}();
    }

    function test_depositBond_revertsOnZero() public {
        vm.expectRevert(ZeroAmount.selector);
        vm.prank(att[0]);
        reg.depositBond();
    }

    // =====================================================================================
    // requestExit / withdrawBond
    // =====================================================================================

    function test_requestExit_leavesAndEmits() public {
        uint64 e = reg.epoch();
        vm.expectEmit(address(reg));
        emit AttestorRegistry.ExitRequested(att[2], uint64(T0 + EXIT_DELAY), e + 1);
        vm.prank(att[2]);
        reg.requestExit();
        assertEq(reg.epoch(), e + 1);
        assertFalse(_info(att[2]).member);
        assertEq(_info(att[2]).exitAvailableAt, T0 + EXIT_DELAY);
        assertEq(reg.attestors().length, N_ATTESTORS - 1);
    }

    function test_requestExit_revertsForNonMember() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, newcomer));
        vm.prank(newcomer);
        reg.requestExit();
        vm.prank(att[0]);
        reg.requestExit();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, att[0]));
        vm.prank(att[0]);
        reg.requestExit();
    }

    function test_withdrawBond_afterExitDelay() public {
        vm.prank(att[0]);
        reg.requestExit();
        vm.warp(T0 + EXIT_DELAY); // exactly at availability
        uint256 before = att[0].balance;
        vm.expectEmit(address(reg));
        emit AttestorRegistry.BondWithdrawn(att[0], MIN_BOND);
        vm.prank(att[0]);
        reg.withdrawBond();
        assertEq(att[0].balance, before + MIN_BOND);
        assertEq(_info(att[0]).bond, 0);
        assertEq(address(reg).balance, (N_ATTESTORS - 1) * MIN_BOND);
    }

    function test_withdrawBond_revertsForMember() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.AlreadyMember.selector, att[0]));
        vm.prank(att[0]);
        reg.withdrawBond();
    }

    function test_withdrawBond_revertsWithNothing() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, newcomer));
        vm.prank(newcomer);
        reg.withdrawBond();
        // and after a full withdrawal
        vm.prank(att[0]);
        reg.requestExit();
        vm.warp(T0 + EXIT_DELAY);
        vm.prank(att[0]);
        reg.withdrawBond();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[0]));
        vm.prank(att[0]);
        reg.withdrawBond();
    }

    /// SECURITY-CHECKLIST item 8: an attestor who requested exit cannot withdraw before exitDelay.
    function test_item8_withdrawBond_revertsBeforeExitDelay() public {
        vm.prank(att[0]);
        reg.requestExit();
        vm.warp(T0 + EXIT_DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[0], uint64(T0 + EXIT_DELAY)));
        vm.prank(att[0]);
        reg.withdrawBond();
    }

    /// SECURITY-CHECKLIST item 8: nor before lockedUntil (pending challenges on signed products).
    function test_item8_withdrawBond_revertsBeforeLockedUntil() public {
        uint64 until = uint64(T0 + 30 days);
        _lock(att[0], until);
        vm.prank(att[0]);
        reg.requestExit();
        vm.warp(T0 + EXIT_DELAY); // delay over, lock not
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[0], until));
        vm.prank(att[0]);
        reg.withdrawBond();
        vm.warp(until - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[0], until));
        vm.prank(att[0]);
        reg.withdrawBond();
        vm.warp(until);
        vm.prank(att[0]);
        reg.withdrawBond();
        assertEq(_info(att[0]).bond, 0);
    }

    function test_item8_removedAttestor_sameRules() public {
        vm.prank(owner);
        reg.removeAttestor(att[3]);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[3], uint64(T0 + EXIT_DELAY)));
        vm.prank(att[3]);
        reg.withdrawBond();
        vm.warp(T0 + EXIT_DELAY);
        vm.prank(att[3]);
        reg.withdrawBond();
    }

    function test_withdrawBond_revertsWhenRecipientRejects() public {
        NativeRejecter r = new NativeRejecter();
        vm.prank(owner);
        reg.addAttestor(address(r));
        vm.deal(address(this), 2 ether);
        r.exec{value: 2 ether}(address(reg), 2 ether, abi.encodeCall(AttestorRegistry.depositBond, ()));
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.requestExit, ()));
        vm.warp(T0 + EXIT_DELAY);
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, address(r), 2 ether));
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.withdrawBond, ()));
        assertEq(_info(address(r)).bond, 2 ether); // nothing lost
    }

    /// SECURITY-CHECKLIST item 15: re-entering withdrawBond from the receive hook fails.
    function test_item15_withdrawBond_reentrancyBlocked() public {
        NativeReentrant r = new NativeReentrant(reg);
        vm.prank(owner);
        reg.addAttestor(address(r));
        vm.deal(address(this), 2 ether);
        r.exec{value: 2 ether}(address(reg), 2 ether, abi.encodeCall(AttestorRegistry.depositBond, ()));
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.requestExit, ()));
        vm.warp(T0 + EXIT_DELAY);
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.withdrawBond, ()));
        assertEq(r.received(), 2 ether); // paid once
        assertEq(r.lastError(), abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        assertEq(address(reg).balance, N_ATTESTORS * MIN_BOND);
    }

    // =====================================================================================
    // lockBonds
    // =====================================================================================

    function test_lockBonds_extendsAndEmits() public {
        address[] memory list = new address[](2);
        list[0] = att[0];
        list[1] = att[1];
        vm.expectEmit(address(reg));
        emit AttestorRegistry.BondsLocked(att[0], 500);
        vm.expectEmit(address(reg));
        emit AttestorRegistry.BondsLocked(att[1], 500);
        vm.prank(locker);
        reg.lockBonds(list, 500);
        assertEq(_info(att[0]).lockedUntil, 500);
        assertEq(_info(att[1]).lockedUntil, 500);
    }

    function test_lockBonds_neverShortensAndEmitsNothingThen() public {
        _lock(att[0], 1000);
        vm.recordLogs();
        _lock(att[0], 999);
        _lock(att[0], 1000);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(_info(att[0]).lockedUntil, 1000);
        _lock(att[0], 1001);
        assertEq(_info(att[0]).lockedUntil, 1001);
    }

    function test_item31_lockBonds_revertsWithoutRole() public {
        address[] memory list = new address[](1);
        list[0] = att[0];
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        reg.lockBonds(list, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner); // not even the admin: the hook is role BOND_LOCKER
        reg.lockBonds(list, 1);
        assertEq(_info(att[0]).lockedUntil, 0);
    }

    function test_item31_lockBonds_revokedRoleRejected() public {
        vm.prank(owner);
        manager.revokeRole(Roles.BOND_LOCKER, locker);
        address[] memory list = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, locker));
        vm.prank(locker);
        reg.lockBonds(list, 1);
    }

    // =====================================================================================
    // slash (the whole bond is burnt: no beneficiary, no proceeds)
    // =====================================================================================

    /// Registry balance == sum of bonds + totalBurned.
    function _assertAccounting(address[] memory others) internal view {
        uint256 sum = reg.totalBurned();
        for (uint256 i; i < att.length; i++) {
            sum += _info(att[i]).bond;
        }
        sum += _info(newcomer).bond;
        for (uint256 i; i < others.length; i++) {
            sum += _info(others[i]).bond;
        }
        assertEq(address(reg).balance, sum, "balance != bonds + burned");
    }

    function _one(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    /// The whole bond is slashed and burnt (issue #10: no challenger share), and the slashed
    /// member leaves the committee (epoch bump, exit delay, event).
    function test_slash_burnsWholeBondAndRemoves() public {
        _bond(att[0], 2 ether); // bond = 3 ether
        _lock(att[0], uint64(T0 + 100 days)); // locked bonds are slashable
        uint64 epochBefore = reg.epoch();
        uint256 slasherBefore = slasher.balance;
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorSlashed(att[0], 3 ether);
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorRemoved(att[0], epochBefore + 1);
        vm.prank(slasher);
        uint256 slashed = reg.slash(att[0]);
        assertEq(slashed, 3 ether);
        AttestorInfo memory info = _info(att[0]);
        assertEq(info.bond, 0);
        assertFalse(info.member);
        assertEq(info.exitAvailableAt, uint64(T0) + EXIT_DELAY);
        assertEq(info.lockedUntil, uint64(T0 + 100 days));
        assertEq(reg.epoch(), epochBefore + 1);
        assertEq(reg.attestors().length, N_ATTESTORS - 1);
        assertFalse(reg.isActiveAttestor(att[0]));
        assertEq(reg.totalBurned(), 3 ether);
        assertEq(slasher.balance, slasherBefore); // the caller gets nothing
        assertEq(address(reg).balance, (N_ATTESTORS + 2) * MIN_BOND); // coin stays in the registry
        _assertAccounting(new address[](0));
    }

    /// No rounding any more: an odd bond is burnt to the last wei (was: share rounds down).
    function test_slash_oddBondBurntInFull() public {
        vm.prank(owner);
        reg.addAttestor(newcomer);
        _bond(newcomer, 19);
        vm.prank(slasher);
        assertEq(reg.slash(newcomer), 19);
        assertEq(reg.totalBurned(), 19);
        assertEq(_info(newcomer).bond, 0);
        _assertAccounting(new address[](0));
    }

    /// SECURITY-CHECKLIST item 8: a slash never exceeds the bond; a second slash takes nothing.
    function test_item8_slash_neverExceedsBond() public {
        vm.startPrank(slasher);
        assertEq(reg.slash(att[0]), MIN_BOND);
        uint64 epochAfter = reg.epoch();
        vm.recordLogs();
        assertEq(reg.slash(att[0]), 0);
        assertEq(reg.slash(newcomer), 0);
        vm.stopPrank();
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(reg.epoch(), epochAfter); // an empty slash changes nothing
        assertEq(reg.totalBurned(), MIN_BOND);
        _assertAccounting(new address[](0));
    }

    /// An empty bond of a member: nothing slashed, the member stays (nothing to punish).
    function test_slash_zeroBondMemberStays() public {
        vm.prank(owner);
        reg.addAttestor(newcomer);
        uint64 e = reg.epoch();
        vm.prank(slasher);
        assertEq(reg.slash(newcomer), 0);
        assertTrue(_info(newcomer).member);
        assertEq(reg.epoch(), e);
    }

    function test_slash_accumulatesBurnt() public {
        vm.startPrank(slasher);
        reg.slash(att[0]);
        reg.slash(att[1]);
        vm.stopPrank();
        assertEq(reg.totalBurned(), 2 * MIN_BOND);
        assertEq(reg.epoch(), N_ATTESTORS + 2); // one bump per slashed member
        _assertAccounting(new address[](0));
    }

    /// Attestors who collude (e.g. one of them challenges the others' duplicate) recover nothing:
    /// every slashed bond is burnt in full and nobody can withdraw it (was: 90% lost, 10% back).
    function test_colludingAttestorsLoseTheirWholeBonds() public {
        address colluder = att[0];
        uint256 before = colluder.balance;
        vm.startPrank(slasher);
        reg.slash(att[0]);
        reg.slash(att[1]);
        reg.slash(att[2]);
        vm.stopPrank();
        uint256 bonds = 3 * MIN_BOND;
        assertEq(reg.totalBurned(), bonds);
        _assertAccounting(new address[](0));

        vm.warp(T0 + EXIT_DELAY);
        for (uint256 i; i < 3; i++) {
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[i]));
            vm.prank(att[i]);
            reg.withdrawBond();
        }
        assertEq(colluder.balance, before); // nothing comes back
        assertEq(address(reg).balance, 2 * MIN_BOND + reg.totalBurned()); // burnt coin stays put
        _assertAccounting(new address[](0));
    }

    /// Audit fix 2: a slashed member that is re-added and re-bonds starts in a new epoch, so what
    /// it signed before the slash no longer verifies.
    function test_slash_reAddedMemberOldSignaturesStale() public {
        uint64 signedEpoch = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, THRESHOLD);
        vm.prank(slasher);
        reg.slash(att[0]);
        vm.prank(owner);
        reg.addAttestor(att[0]);
        _bond(att[0], MIN_BOND);
        assertTrue(reg.isActiveAttestor(att[0]));
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, reg.epoch())
        );
        reg.verifySignatures(DIGEST, btc, signedEpoch, sigs);
    }

    function test_item31_slash_revertsWithoutRole() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner); // not even the admin: the hook is role BOND_SLASHER
        reg.slash(att[0]);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, att[1]));
        vm.prank(att[1]);
        reg.slash(att[0]);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt)));
        vm.prank(address(hpt)); // the token locks but can't slash
        reg.slash(att[0]);
        assertEq(_info(att[0]).bond, MIN_BOND);
    }

    function test_item31_slash_revokedRoleRejected() public {
        vm.prank(owner);
        manager.revokeRole(Roles.BOND_SLASHER, slasher);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, slasher));
        vm.prank(slasher);
        reg.slash(att[0]);
    }

    function test_slash_formerMemberDuringExit() public {
        vm.prank(att[0]);
        reg.requestExit();
        uint64 e = reg.epoch();
        vm.warp(T0 + 1 days);
        vm.recordLogs();
        vm.prank(slasher);
        assertEq(reg.slash(att[0]), MIN_BOND);
        assertEq(vm.getRecordedLogs().length, 1); // AttestorSlashed only; no AttestorRemoved
        assertEq(reg.epoch(), e); // not a member: no epoch bump
        assertEq(_info(att[0]).exitAvailableAt, uint64(T0) + EXIT_DELAY); // exit timer unchanged
        vm.warp(T0 + EXIT_DELAY);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[0]));
        vm.prank(att[0]);
        reg.withdrawBond();
    }

    /// Burnt coin never leaves: after every other member exits and withdraws, the registry holds
    /// exactly totalBurned, and the removed withdrawSlashProceeds entry point does not exist
    /// (was: withdrawSlashProceeds pays and emits).
    function test_slash_burntCoinNeverLeaves() public {
        vm.prank(slasher);
        reg.slash(att[0]);
        for (uint256 i = 1; i < N_ATTESTORS; i++) {
            vm.prank(att[i]);
            reg.requestExit();
        }
        vm.warp(T0 + EXIT_DELAY);
        for (uint256 i = 1; i < N_ATTESTORS; i++) {
            vm.prank(att[i]);
            reg.withdrawBond();
        }
        assertEq(address(reg).balance, MIN_BOND);
        assertEq(reg.totalBurned(), MIN_BOND);
        _assertAccounting(new address[](0));
        for (uint256 i; i < N_ATTESTORS; i++) {
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[i]));
            vm.prank(att[i]);
            reg.withdrawBond();
        }
        vm.prank(challenger);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = address(reg).call(abi.encodeWithSignature("withdrawSlashProceeds()"));
        assertFalse(ok);
        assertEq(address(reg).balance, MIN_BOND);
    }

    /// The registry takes coin only through depositBond (no receive/fallback), so nothing can be
    /// mixed into the burnt balance (was: withdrawSlashProceeds reverts with nothing).
    function test_registry_refusesPlainCoin() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = address(reg).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(address(reg).balance, N_ATTESTORS * MIN_BOND);
    }

    /// SECURITY-CHECKLIST item 32: a slash pushes nothing, so an attestor contract that rejects
    /// coin cannot block it (was: a rejecting beneficiary only blocks itself).
    function test_item32_slash_rejectingAttestorCannotBlock() public {
        NativeRejecter r = new NativeRejecter();
        vm.prank(owner);
        reg.addAttestor(address(r));
        vm.deal(address(this), 2 ether);
        r.exec{value: 2 ether}(address(reg), 2 ether, abi.encodeCall(AttestorRegistry.depositBond, ()));
        vm.prank(slasher);
        assertEq(reg.slash(address(r)), 2 ether);
        assertEq(reg.totalBurned(), 2 ether);
        assertFalse(_info(address(r)).member);
    }

    /// SECURITY-CHECKLIST item 15: a slash makes no external call, so a re-entrant attestor contract
    /// gets no callback to re-enter from (was: re-entering withdrawSlashProceeds fails).
    function test_item15_slash_noCallbackToReenter() public {
        NativeReentrant r = new NativeReentrant(reg);
        vm.prank(owner);
        reg.addAttestor(address(r));
        vm.deal(address(this), 2 ether);
        r.exec{value: 2 ether}(address(reg), 2 ether, abi.encodeCall(AttestorRegistry.depositBond, ()));
        vm.prank(slasher);
        assertEq(reg.slash(address(r)), 2 ether);
        assertEq(r.received(), 0);
        assertEq(r.lastError().length, 0);
        assertFalse(_info(address(r)).member);
    }

    // =====================================================================================
    // verifySignatures
    // =====================================================================================

    function test_verify_thresholdPasses() public view {
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        address[] memory signers = reg.verifySignatures(DIGEST, btc, reg.epoch(), sigs);
        assertEq(signers.length, 3);
        for (uint256 i; i < 3; i++) {
            assertEq(signers[i], att[i]);
        }
        // all five also pass
        assertEq(reg.verifySignatures(DIGEST, btc, reg.epoch(), _sigsOver(DIGEST, 0, 5)).length, 5);
    }

    function test_verify_revertsOnStaleEpoch() public {
        uint64 e = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e - 1, e));
        reg.verifySignatures(DIGEST, btc, e - 1, sigs);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e + 1, e));
        reg.verifySignatures(DIGEST, btc, e + 1, sigs);
    }

    function test_verify_revertsWhenThresholdNotSet() public {
        bytes32 other = keccak256("OTHER");
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.ThresholdNotSet.selector, other));
        reg.verifySignatures(DIGEST, other, e, sigs);
    }

    function test_verify_revertsOnInactiveMember() public {
        vm.prank(owner);
        reg.addAttestor(newcomer); // bumps epoch, no bond
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(newcomer, hex"00");
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, newcomer));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    function test_verify_revertsOnZeroSigner() public {
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(address(0), hex"");
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, address(0), address(0)));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    function test_verify_revertsOnSignatureOverOtherDigest() public {
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        sigs[1].signature = _signDigest(attKey[1], keccak256("other"));
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    function test_verify_revertsOnSignatureByOtherKey() public {
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        sigs[2].signature = _signDigest(attKey[0], DIGEST); // att[0] signs in att[2]'s name
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[2]));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    function test_verify_higherThresholdNeedsMore() public {
        vm.prank(owner);
        reg.setThreshold(btc, 5);
        uint64 e = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 4);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 4, 5));
        reg.verifySignatures(DIGEST, btc, e, sigs);
        assertEq(reg.verifySignatures(DIGEST, btc, e, _sigsOver(DIGEST, 0, 5)).length, 5);
    }

    function test_verify_isView_noLogs() public {
        vm.recordLogs();
        reg.verifySignatures(DIGEST, btc, reg.epoch(), _sigsOver(DIGEST, 0, 3));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 0);
    }

    /// SECURITY-CHECKLIST item 1: M-1 signatures fail, an empty list fails.
    function test_item1_verify_belowThresholdAndEmpty() public {
        uint64 e = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, THRESHOLD - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, THRESHOLD - 1, THRESHOLD));
        reg.verifySignatures(DIGEST, btc, e, sigs);
        AttestorSignature[] memory none = new AttestorSignature[](0);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, THRESHOLD));
        reg.verifySignatures(DIGEST, btc, e, none);
    }

    /// SECURITY-CHECKLIST item 1: the same signer twice, and unsorted signers, fail.
    function test_item1_verify_duplicateAndUnsortedSigners() public {
        uint64 e = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, 3);
        sigs[2] = sigs[1];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[1]));
        reg.verifySignatures(DIGEST, btc, e, sigs);
        sigs = _sigsOver(DIGEST, 0, 3);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[0]));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    /// SECURITY-CHECKLIST item 1: a non-member's valid signature fails.
    function test_item1_verify_nonMemberFails() public {
        (address outsider, uint256 key) = makeAddrAndKey("outsider");
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(outsider, _signDigest(key, DIGEST));
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, outsider));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    /// An EIP-1271 wallet member signs through the protocol's SignaturePolicy; the same wallet
    /// twice still fails (SECURITY-CHECKLIST items 1 and 5).
    function test_item1_verify_erc1271MemberCountsOnce() public {
        (address walletKey, uint256 key) = makeAddrAndKey("walletKey");
        ERC1271Wallet w = new ERC1271Wallet(walletKey);
        vm.prank(owner);
        reg.addAttestor(address(w));
        _bond(address(w), MIN_BOND);
        vm.prank(owner);
        reg.setThreshold(btc, 1);
        uint64 e = reg.epoch();
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(address(w), _signDigest(key, DIGEST));
        assertEq(reg.verifySignatures(DIGEST, btc, e, sigs)[0], address(w));
        AttestorSignature[] memory twice = new AttestorSignature[](2);
        twice[0] = sigs[0];
        twice[1] = sigs[0];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, address(w), address(w)));
        reg.verifySignatures(DIGEST, btc, e, twice);
        // the wallet's key signing as the wallet's address with another key's signature fails
        sigs[0].signature = _signDigest(attKey[0], DIGEST);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, address(w)));
        reg.verifySignatures(DIGEST, btc, e, sigs);
    }

    /// SECURITY-CHECKLIST item 5: a wallet member gets at most the policy's 100,000 gas; one that
    /// needs more simply does not sign.
    function test_item5_verify_erc1271GasCapApplies() public {
        ERC1271GasHungry w = new ERC1271GasHungry();
        vm.prank(owner);
        reg.addAttestor(address(w));
        _bond(address(w), MIN_BOND);
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(address(w), hex"");
        uint64 e = reg.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, address(w)));
        reg.verifySignatures{gas: 5_000_000}(DIGEST, btc, e, sigs);
    }
}
