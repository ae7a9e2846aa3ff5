// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {AttestorInfo, AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {NativeRejecter, NativeReentrant} from "./mocks/NativeReceivers.sol";

/// @notice Unit tests of AttestorRegistry: every function, every error with its exact arguments,
/// every event, access control of every admin and consumer function (SECURITY-CHECKLIST item 31).
contract AttestorRegistryTest is HashPowerFixtures {
    AttestorRegistry internal reg;
    address internal consumer = makeAddr("consumer");
    address internal newcomer = makeAddr("newcomer");
    bytes32 internal constant DIGEST = keccak256("digest");

    function setUp() public override {
        super.setUp();
        reg = attestorRegistry;
        vm.prank(owner);
        reg.setConsumer(consumer, true);
    }

    function _info(address a) internal view returns (AttestorInfo memory) {
        return reg.attestorInfo(a);
    }

    function _lock(address a, uint64 until) internal {
        address[] memory list = new address[](1);
        list[0] = a;
        vm.prank(consumer);
        reg.lockBonds(list, until);
    }

    // =====================================================================================
    // constructor / constants
    // =====================================================================================

    function test_constructor_setsParameters() public {
        AttestorRegistry r = new AttestorRegistry(owner, 5 ether, 3 days);
        assertEq(r.owner(), owner);
        assertEq(r.minBond(), 5 ether);
        assertEq(r.exitDelay(), 3 days);
        assertEq(r.epoch(), 0);
        assertEq(r.attestors().length, 0);
        assertEq(r.threshold(btc), 0);
        assertFalse(r.isConsumer(address(hpt)));
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new AttestorRegistry(address(0), 1, 1);
    }

    function test_constructor_revertsOnZeroMinBond() public {
        vm.expectRevert(AttestorRegistry.ZeroAmount.selector);
        new AttestorRegistry(owner, 0, 1);
    }

    /// Audit fix 3: an exit delay near 2^64 would overflow `now + exitDelay` and block every exit.
    function test_constructor_revertsOnExitDelayAboveMax() public {
        uint64 max = 365 days;
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.ExitDelayTooLong.selector, max + 1, max));
        new AttestorRegistry(owner, 1, max + 1);
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.ExitDelayTooLong.selector, type(uint64).max, max)
        );
        new AttestorRegistry(owner, 1, type(uint64).max);
    }

    function test_constructor_maxExitDelayAllowedAndExitWorks() public {
        AttestorRegistry r = new AttestorRegistry(owner, 1, 365 days);
        assertEq(r.exitDelay(), 365 days);
        vm.startPrank(owner);
        r.addAttestor(newcomer);
        r.removeAttestor(newcomer);
        vm.stopPrank();
        assertEq(r.attestorInfo(newcomer).exitAvailableAt, uint64(block.timestamp) + 365 days);
    }

    function test_constructor_zeroExitDelayAllowed() public {
        AttestorRegistry r = new AttestorRegistry(owner, 1, 0);
        assertEq(r.exitDelay(), 0);
    }

    function test_constants() public view {
        assertEq(reg.MAX_COMMITTEE_SIZE(), 32);
        assertEq(reg.ERC1271_GAS_LIMIT(), 100_000);
        assertEq(reg.CHALLENGER_SHARE_BPS(), 1_000);
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
        assertTrue(reg.isConsumer(address(hpt)));
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

    function test_addAttestor_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        reg.addAttestor(newcomer);
    }

    function test_addAttestor_revertsOnZeroAddress() public {
        vm.expectRevert(AttestorRegistry.ZeroAddress.selector);
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

    function test_removeAttestor_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        reg.removeAttestor(att[0]);
    }

    function test_removeAttestor_revertsForNonMember() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAMember.selector, newcomer));
        vm.prank(owner);
        reg.removeAttestor(newcomer);
    }

    // =====================================================================================
    // setThreshold / setConsumer
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

    function test_setThreshold_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        reg.setThreshold(btc, 1);
    }

    function test_setConsumer_setsAndEmits() public {
        vm.expectEmit(address(reg));
        emit AttestorRegistry.ConsumerSet(stranger, true);
        vm.prank(owner);
        reg.setConsumer(stranger, true);
        assertTrue(reg.isConsumer(stranger));
        vm.expectEmit(address(reg));
        emit AttestorRegistry.ConsumerSet(stranger, false);
        vm.prank(owner);
        reg.setConsumer(stranger, false);
        assertFalse(reg.isConsumer(stranger));
    }

    function test_setConsumer_revertsOnZero() public {
        vm.expectRevert(AttestorRegistry.ZeroAddress.selector);
        vm.prank(owner);
        reg.setConsumer(address(0), true);
    }

    function test_setConsumer_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        reg.setConsumer(stranger, true);
    }

    function test_ownable2Step_transfer() public {
        vm.prank(owner);
        reg.transferOwnership(stranger);
        assertEq(reg.owner(), owner);
        assertEq(reg.pendingOwner(), stranger);
        vm.prank(stranger);
        reg.acceptOwnership();
        assertEq(reg.owner(), stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, owner));
        vm.prank(owner);
        reg.addAttestor(newcomer);
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
        vm.expectRevert(AttestorRegistry.ZeroAmount.selector);
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
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NativeTransferFailed.selector, address(r), 2 ether));
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
        assertEq(r.lastError(), abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector));
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
        vm.prank(consumer);
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

    function test_lockBonds_revertsForNonConsumer() public {
        address[] memory list = new address[](1);
        list[0] = att[0];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, stranger));
        vm.prank(stranger);
        reg.lockBonds(list, 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, owner));
        vm.prank(owner); // not even the owner
        reg.lockBonds(list, 1);
    }

    function test_lockBonds_revokedConsumerRejected() public {
        vm.prank(owner);
        reg.setConsumer(consumer, false);
        address[] memory list = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, consumer));
        vm.prank(consumer);
        reg.lockBonds(list, 1);
    }

    // =====================================================================================
    // slash / withdrawSlashProceeds
    // =====================================================================================

    /// Registry balance == sum of bonds + sum of unclaimed proceeds + totalBurned.
    function _assertAccounting(address[] memory beneficiaries) internal view {
        uint256 sum = reg.totalBurned();
        for (uint256 i; i < att.length; i++) {
            sum += _info(att[i]).bond;
        }
        sum += _info(newcomer).bond;
        for (uint256 i; i < beneficiaries.length; i++) {
            sum += reg.slashProceeds(beneficiaries[i]);
        }
        assertEq(address(reg).balance, sum, "balance != bonds + proceeds + burned");
    }

    function _one(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    /// Audit fix 1: the whole bond is slashed, 10% is credited to the beneficiary, 90% burnt.
    /// Audit fix 2: the slashed member leaves the committee (epoch bump, exit delay, event).
    function test_slash_takesWholeBondCreditsShareBurnsRestAndRemoves() public {
        _bond(att[0], 2 ether); // bond = 3 ether
        _lock(att[0], uint64(T0 + 100 days)); // locked bonds are slashable
        uint64 epochBefore = reg.epoch();
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorSlashed(att[0], challenger, 3 ether);
        vm.expectEmit(address(reg));
        emit AttestorRegistry.SlashBurned(att[0], 2.7 ether);
        vm.expectEmit(address(reg));
        emit AttestorRegistry.AttestorRemoved(att[0], epochBefore + 1);
        vm.prank(consumer);
        uint256 slashed = reg.slash(att[0], challenger);
        assertEq(slashed, 3 ether);
        AttestorInfo memory info = _info(att[0]);
        assertEq(info.bond, 0);
        assertFalse(info.member);
        assertEq(info.exitAvailableAt, uint64(T0) + EXIT_DELAY);
        assertEq(info.lockedUntil, uint64(T0 + 100 days));
        assertEq(reg.epoch(), epochBefore + 1);
        assertEq(reg.attestors().length, N_ATTESTORS - 1);
        assertFalse(reg.isActiveAttestor(att[0]));
        assertEq(reg.slashProceeds(challenger), 0.3 ether);
        assertEq(reg.totalBurned(), 2.7 ether);
        assertEq(address(reg).balance, (N_ATTESTORS + 2) * MIN_BOND); // coin stays in the registry
        _assertAccounting(_one(challenger));
    }

    /// Rounding: the beneficiary share rounds down, the burnt part takes the remainder.
    function test_slash_shareRoundsDown() public {
        vm.prank(owner);
        reg.addAttestor(newcomer);
        _bond(newcomer, 19); // 19 wei: share 1, burnt 18
        vm.prank(consumer);
        assertEq(reg.slash(newcomer, challenger), 19);
        assertEq(reg.slashProceeds(challenger), 1);
        assertEq(reg.totalBurned(), 18);
        _assertAccounting(_one(challenger));
    }

    /// SECURITY-CHECKLIST item 8: a slash never exceeds the bond; a second slash takes nothing.
    function test_item8_slash_neverExceedsBond() public {
        vm.startPrank(consumer);
        assertEq(reg.slash(att[0], challenger), MIN_BOND);
        uint64 epochAfter = reg.epoch();
        vm.recordLogs();
        assertEq(reg.slash(att[0], challenger), 0);
        assertEq(reg.slash(newcomer, challenger), 0);
        vm.stopPrank();
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(reg.epoch(), epochAfter); // an empty slash changes nothing
        assertEq(reg.slashProceeds(challenger), MIN_BOND / 10);
        assertEq(reg.totalBurned(), MIN_BOND - MIN_BOND / 10);
    }

    /// An empty bond of a member: nothing slashed, the member stays (nothing to punish).
    function test_slash_zeroBondMemberStays() public {
        vm.prank(owner);
        reg.addAttestor(newcomer);
        uint64 e = reg.epoch();
        vm.prank(consumer);
        assertEq(reg.slash(newcomer, challenger), 0);
        assertTrue(_info(newcomer).member);
        assertEq(reg.epoch(), e);
    }

    function test_slash_accumulatesForBeneficiary() public {
        vm.startPrank(consumer);
        reg.slash(att[0], challenger);
        reg.slash(att[1], challenger);
        vm.stopPrank();
        assertEq(reg.slashProceeds(challenger), 2 * MIN_BOND / 10);
        assertEq(reg.totalBurned(), 2 * (MIN_BOND - MIN_BOND / 10));
        assertEq(reg.epoch(), N_ATTESTORS + 2); // one bump per slashed member
        _assertAccounting(_one(challenger));
    }

    /// Audit fix 1: attestors that challenge their own duplicate (beneficiary = one of them) get
    /// back only 10% of their bonds; 90% is burnt and nobody can withdraw it.
    function test_colludingAttestorsWhoChallengeThemselvesLose90PercentOfTheirBonds() public {
        address colluder = att[0];
        vm.startPrank(consumer);
        reg.slash(att[0], colluder);
        reg.slash(att[1], colluder);
        reg.slash(att[2], colluder);
        vm.stopPrank();
        uint256 bonds = 3 * MIN_BOND;
        assertEq(reg.slashProceeds(colluder), bonds / 10);
        assertEq(reg.totalBurned(), bonds - bonds / 10);
        _assertAccounting(_one(colluder));

        uint256 before = colluder.balance;
        vm.prank(colluder);
        reg.withdrawSlashProceeds();
        vm.warp(T0 + EXIT_DELAY);
        for (uint256 i; i < 3; i++) {
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[i]));
            vm.prank(att[i]);
            reg.withdrawBond();
        }
        assertEq(colluder.balance - before, bonds / 10); // 90% of the three bonds is lost
        assertEq(address(reg).balance, 2 * MIN_BOND + reg.totalBurned()); // burnt coin stays put
        _assertAccounting(new address[](0));
    }

    /// Audit fix 2: a slashed member that is re-added and re-bonds starts in a new epoch, so what
    /// it signed before the slash no longer verifies.
    function test_slash_reAddedMemberOldSignaturesStale() public {
        uint64 signedEpoch = reg.epoch();
        AttestorSignature[] memory sigs = _sigsOver(DIGEST, 0, THRESHOLD);
        vm.prank(consumer);
        reg.slash(att[0], challenger);
        vm.prank(owner);
        reg.addAttestor(att[0]);
        _bond(att[0], MIN_BOND);
        assertTrue(reg.isActiveAttestor(att[0]));
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, reg.epoch())
        );
        reg.verifySignatures(DIGEST, btc, signedEpoch, sigs);
    }

    function test_slash_revertsForNonConsumer() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, owner));
        vm.prank(owner);
        reg.slash(att[0], owner);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, att[1]));
        vm.prank(att[1]);
        reg.slash(att[0], att[1]);
    }

    function test_slash_revertsOnZeroBeneficiary() public {
        vm.expectRevert(AttestorRegistry.ZeroAddress.selector);
        vm.prank(consumer);
        reg.slash(att[0], address(0));
    }

    function test_slash_formerMemberDuringExit() public {
        vm.prank(att[0]);
        reg.requestExit();
        uint64 e = reg.epoch();
        vm.warp(T0 + 1 days);
        vm.recordLogs();
        vm.prank(consumer);
        assertEq(reg.slash(att[0], challenger), MIN_BOND);
        assertEq(vm.getRecordedLogs().length, 2); // AttestorSlashed, SlashBurned; no AttestorRemoved
        assertEq(reg.epoch(), e); // not a member: no epoch bump
        assertEq(_info(att[0]).exitAvailableAt, uint64(T0) + EXIT_DELAY); // exit timer unchanged
        vm.warp(T0 + EXIT_DELAY);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[0]));
        vm.prank(att[0]);
        reg.withdrawBond();
    }

    function test_withdrawSlashProceeds_paysAndEmits() public {
        vm.prank(consumer);
        reg.slash(att[0], challenger);
        uint256 before = challenger.balance;
        vm.expectEmit(address(reg));
        emit AttestorRegistry.SlashProceedsWithdrawn(challenger, MIN_BOND / 10);
        vm.prank(challenger);
        reg.withdrawSlashProceeds();
        assertEq(challenger.balance, before + MIN_BOND / 10);
        assertEq(reg.slashProceeds(challenger), 0);
        assertEq(address(reg).balance, (N_ATTESTORS - 1) * MIN_BOND + reg.totalBurned());
        _assertAccounting(_one(challenger));
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, challenger));
        vm.prank(challenger);
        reg.withdrawSlashProceeds();
    }

    function test_withdrawSlashProceeds_revertsWithNothing() public {
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, stranger));
        vm.prank(stranger);
        reg.withdrawSlashProceeds();
    }

    /// SECURITY-CHECKLIST item 32: a beneficiary that rejects coin only blocks itself (pull payment).
    function test_item32_withdrawSlashProceeds_rejectingBeneficiary() public {
        NativeRejecter r = new NativeRejecter();
        vm.startPrank(consumer);
        reg.slash(att[0], address(r));
        reg.slash(att[1], challenger);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.NativeTransferFailed.selector, address(r), MIN_BOND / 10)
        );
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.withdrawSlashProceeds, ()));
        assertEq(reg.slashProceeds(address(r)), MIN_BOND / 10);
        vm.prank(challenger); // others are unaffected
        reg.withdrawSlashProceeds();
    }

    /// SECURITY-CHECKLIST item 15: re-entering withdrawSlashProceeds fails.
    function test_item15_withdrawSlashProceeds_reentrancyBlocked() public {
        NativeReentrant r = new NativeReentrant(reg);
        r.setReenterSlash(true);
        vm.prank(consumer);
        reg.slash(att[0], address(r));
        r.exec(address(reg), 0, abi.encodeCall(AttestorRegistry.withdrawSlashProceeds, ()));
        assertEq(r.received(), MIN_BOND / 10);
        assertEq(r.lastError(), abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector));
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
}
