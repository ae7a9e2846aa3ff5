// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Enumerable.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HoldingERC721} from "../src/token/HoldingERC721.sol";
import {IHoldingHistory} from "../src/interfaces/IHoldingHistory.sol";
import {TokenAreaFixtures} from "./utils/TokenAreaFixtures.sol";
import {
    OzReferenceERC721,
    AcceptingReceiver,
    WrongMagicReceiver,
    RevertingReceiver,
    SilentRevertReceiver,
    NonReceiver
} from "./mocks/TokenAreaMocks.sol";

/// @notice HoldingERC721 (through HashPowerToken) against OpenZeppelin's ERC721 semantics: every
/// call is made on both the hash power token and an unchanged OpenZeppelin ERC721 holding the same
/// ids, and their success, return or revert data and events must be identical (ERC-6093 errors,
/// their order, receiver checks, approvals). Then the holding history: exact holdings across
/// transfers, carves, splits, merges and burns, zero-length holdings skipped.
contract HoldingERC721Test is TokenAreaFixtures {
    OzReferenceERC721 internal ref;
    AcceptingReceiver internal accepting;
    uint256[] internal ids; // 2, 3, 4 in both tokens, owned by the issuer

    function setUp() public override {
        super.setUp();
        ref = new OzReferenceERC721();
        accepting = new AcceptingReceiver();
        _mintDefault();
        vm.prank(issuer);
        ids = hpt.split(1, _three(100e6, 300e6, 600e6));
        for (uint256 i; i < ids.length; i++) {
            ref.mint(issuer, ids[i]);
        }
    }

    // ---------------------------------------------------------------- differential helpers
    // solhint-disable avoid-low-level-calls

    /// Calls both tokens with the same calldata as `caller`; success, return data and events must match.
    function _both(address caller, bytes memory data) internal returns (bool ok, bytes memory ret) {
        uint256 snap = vm.snapshotState();
        vm.recordLogs();
        vm.getRecordedLogs(); // drop whatever was recorded before
        vm.prank(caller);
        (bool okRef, bytes memory retRef) = address(ref).call(data);
        Vm.Log[] memory logsRef = vm.getRecordedLogs();
        vm.revertToState(snap); // the receivers see the same state for both calls
        vm.recordLogs();
        vm.prank(caller);
        (ok, ret) = address(hpt).call(data);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(ok, okRef, "success differs from OpenZeppelin");
        assertEq(ret, retRef, "return or revert data differs from OpenZeppelin");
        // (the cheatcode also records events of reverted calls: OpenZeppelin emits Transfer before
        // its `from` check reverts; only the events of successful calls are compared)
        if (ok) _assertSameLogs(logs, logsRef);
        if (okRef) {
            // apply the reference call again so both tokens move on together
            vm.prank(caller);
            (bool again,) = address(ref).call(data);
            assertTrue(again);
            vm.getRecordedLogs();
        }
    }

    function _assertSameLogs(Vm.Log[] memory a, Vm.Log[] memory b) internal view {
        assertEq(a.length, b.length, "event count differs");
        for (uint256 i; i < a.length; i++) {
            bool aIsToken = a[i].emitter == address(hpt);
            assertEq(aIsToken, b[i].emitter == address(ref), "emitter differs");
            if (!aIsToken) assertEq(a[i].emitter, b[i].emitter);
            assertEq(a[i].topics.length, b[i].topics.length);
            for (uint256 k; k < a[i].topics.length; k++) {
                assertEq(a[i].topics[k], b[i].topics[k], "event topic differs");
            }
            assertEq(a[i].data, b[i].data, "event data differs");
        }
    }

    function _expectBoth(address caller, bytes memory data, bytes memory err) internal {
        (bool ok, bytes memory ret) = _both(caller, data);
        assertFalse(ok);
        assertEq(ret, err);
    }

    function _view(bytes memory data) internal view returns (bool ok, bytes memory ret) {
        bool okRef;
        bytes memory retRef;
        (okRef, retRef) = address(ref).staticcall(data);
        (ok, ret) = address(hpt).staticcall(data);
        assertEq(ok, okRef, "view success differs");
        assertEq(ret, retRef, "view data differs");
    }

    function _assertSameState(address[] memory accounts) internal view {
        for (uint256 i; i < ids.length; i++) {
            _view(abi.encodeCall(IERC721.ownerOf, (ids[i])));
            _view(abi.encodeCall(IERC721.getApproved, (ids[i])));
        }
        for (uint256 i; i < accounts.length; i++) {
            _view(abi.encodeCall(IERC721.balanceOf, (accounts[i])));
            for (uint256 j; j < accounts.length; j++) {
                _view(abi.encodeCall(IERC721.isApprovedForAll, (accounts[i], accounts[j])));
            }
        }
    }

    // solhint-enable avoid-low-level-calls

    // =====================================================================================
    // ERC-165
    // =====================================================================================

    function test_supportsInterface() public view {
        bytes4[6] memory ifaces = [
            type(IERC165).interfaceId,
            type(IERC721).interfaceId,
            type(IERC721Metadata).interfaceId,
            type(IERC721Enumerable).interfaceId,
            bytes4(0xffffffff),
            type(IHoldingHistory).interfaceId
        ];
        bool[6] memory expected = [true, true, true, false, false, false];
        for (uint256 i; i < ifaces.length; i++) {
            assertEq(hpt.supportsInterface(ifaces[i]), expected[i]);
            assertEq(ref.supportsInterface(ifaces[i]), expected[i]);
        }
        assertEq(type(IERC165).interfaceId, bytes4(0x01ffc9a7));
        assertEq(type(IERC721).interfaceId, bytes4(0x80ac58cd));
        assertEq(type(IERC721Metadata).interfaceId, bytes4(0x5b5e139f));
    }

    // =====================================================================================
    // balanceOf / ownerOf
    // =====================================================================================

    function test_balanceOfAndOwnerOf() public view {
        (, bytes memory ret) = _view(abi.encodeCall(IERC721.balanceOf, (issuer)));
        assertEq(abi.decode(ret, (uint256)), 3);
        (, ret) = _view(abi.encodeCall(IERC721.balanceOf, (alice)));
        assertEq(abi.decode(ret, (uint256)), 0);
        bool ok;
        (ok, ret) = _view(abi.encodeCall(IERC721.balanceOf, (address(0))));
        assertFalse(ok);
        assertEq(ret, abi.encodeWithSelector(IERC721Errors.ERC721InvalidOwner.selector, address(0)));
        (, ret) = _view(abi.encodeCall(IERC721.ownerOf, (ids[0])));
        assertEq(abi.decode(ret, (address)), issuer);
        (ok, ret) = _view(abi.encodeCall(IERC721.ownerOf, (99)));
        assertFalse(ok);
        assertEq(ret, abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99));
        // a burnt id (token 1, burnt by the split) is nonexistent too
        vm.assertFalse(hpt.balanceOf(issuer) == 0);
        (ok,) = address(hpt).staticcall(abi.encodeCall(IERC721.ownerOf, (1)));
        assertFalse(ok);
    }

    // =====================================================================================
    // approve / getApproved / setApprovalForAll
    // =====================================================================================

    function test_approve_byOwnerOperatorAndOthers() public {
        uint256 id = ids[0];
        // by the owner
        _both(issuer, abi.encodeCall(IERC721.approve, (alice, id)));
        assertEq(hpt.getApproved(id), alice);
        // by the approved account (not an operator): refused
        _expectBoth(
            alice,
            abi.encodeCall(IERC721.approve, (bob, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidApprover.selector, alice)
        );
        // by a stranger: refused
        _expectBoth(
            stranger,
            abi.encodeCall(IERC721.approve, (stranger, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidApprover.selector, stranger)
        );
        // by an operator of the owner
        _both(issuer, abi.encodeCall(IERC721.setApprovalForAll, (bob, true)));
        _both(bob, abi.encodeCall(IERC721.approve, (carol, id)));
        assertEq(hpt.getApproved(id), carol);
        // approving the zero address clears the approval
        _both(issuer, abi.encodeCall(IERC721.approve, (address(0), id)));
        assertEq(hpt.getApproved(id), address(0));
        // approving the owner itself is allowed, as in OpenZeppelin
        _both(issuer, abi.encodeCall(IERC721.approve, (issuer, id)));
        // nonexistent token
        _expectBoth(
            issuer,
            abi.encodeCall(IERC721.approve, (alice, 99)),
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99)
        );
        (bool ok, bytes memory ret) = _view(abi.encodeCall(IERC721.getApproved, (99)));
        assertFalse(ok);
        assertEq(ret, abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99));
        address[] memory accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (issuer, alice, bob, carol);
        _assertSameState(accounts);
    }

    function test_getApproved_clearedByTransfer() public {
        uint256 id = ids[1];
        _both(issuer, abi.encodeCall(IERC721.approve, (alice, id)));
        _both(alice, abi.encodeCall(IERC721.transferFrom, (issuer, bob, id)));
        assertEq(hpt.getApproved(id), address(0));
        assertEq(ref.getApproved(id), address(0));
        // the old approval does not revive if the token comes back
        _both(bob, abi.encodeCall(IERC721.transferFrom, (bob, issuer, id)));
        _expectBoth(
            alice,
            abi.encodeCall(IERC721.transferFrom, (issuer, alice, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, alice, id)
        );
    }

    function test_setApprovalForAll() public {
        _expectBoth(
            issuer,
            abi.encodeCall(IERC721.setApprovalForAll, (address(0), true)),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidOperator.selector, address(0))
        );
        _expectBoth(
            issuer,
            abi.encodeCall(IERC721.setApprovalForAll, (address(0), false)),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidOperator.selector, address(0))
        );
        _both(issuer, abi.encodeCall(IERC721.setApprovalForAll, (alice, true)));
        assertTrue(hpt.isApprovedForAll(issuer, alice));
        _both(issuer, abi.encodeCall(IERC721.setApprovalForAll, (alice, true))); // again: same event
        _both(alice, abi.encodeCall(IERC721.transferFrom, (issuer, alice, ids[2])));
        _both(issuer, abi.encodeCall(IERC721.setApprovalForAll, (alice, false)));
        assertFalse(hpt.isApprovedForAll(issuer, alice));
        _expectBoth(
            alice,
            abi.encodeCall(IERC721.transferFrom, (issuer, alice, ids[0])),
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, alice, ids[0])
        );
        // anyone may approve an operator for itself (even without tokens), and itself as operator
        _both(stranger, abi.encodeCall(IERC721.setApprovalForAll, (stranger, true)));
    }

    // =====================================================================================
    // transferFrom: authorization and the order of errors
    // =====================================================================================

    function test_transferFrom_errorOrder() public {
        uint256 id = ids[0];
        // to == 0 first, even for a nonexistent token and an unauthorized caller
        _expectBoth(
            stranger,
            abi.encodeCall(IERC721.transferFrom, (alice, address(0), 99)),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0))
        );
        // then existence
        _expectBoth(
            stranger,
            abi.encodeCall(IERC721.transferFrom, (alice, bob, 99)),
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99)
        );
        // then authorization (before the `from` check)
        _expectBoth(
            stranger,
            abi.encodeCall(IERC721.transferFrom, (alice, bob, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, stranger, id)
        );
        // then the owner: an authorized caller naming the wrong `from`
        _expectBoth(
            issuer,
            abi.encodeCall(IERC721.transferFrom, (alice, bob, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, alice, id, issuer)
        );
        // an operator of `from` who is not the owner's operator
        _both(alice, abi.encodeCall(IERC721.setApprovalForAll, (bob, true)));
        _expectBoth(
            bob,
            abi.encodeCall(IERC721.transferFrom, (alice, bob, id)),
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, bob, id)
        );
    }

    function test_transferFrom_byOwnerApprovedOperatorAndToSelf() public {
        _both(issuer, abi.encodeCall(IERC721.transferFrom, (issuer, alice, ids[0])));
        _both(alice, abi.encodeCall(IERC721.approve, (bob, ids[0])));
        _both(bob, abi.encodeCall(IERC721.transferFrom, (alice, carol, ids[0])));
        _both(carol, abi.encodeCall(IERC721.setApprovalForAll, (alice, true)));
        _both(alice, abi.encodeCall(IERC721.transferFrom, (carol, alice, ids[0])));
        _both(alice, abi.encodeCall(IERC721.transferFrom, (alice, alice, ids[0]))); // to self
        address[] memory accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (issuer, alice, bob, carol);
        _assertSameState(accounts);
        assertEq(hpt.ownerOf(ids[0]), alice);
        assertEq(hpt.tokenNonce(ids[0]), 4, "every transfer bumps the token nonce, to self too");
    }

    // =====================================================================================
    // safeTransferFrom: receiver checks
    // =====================================================================================

    bytes4 internal constant SAFE_TRANSFER = bytes4(keccak256("safeTransferFrom(address,address,uint256)"));
    bytes4 internal constant SAFE_TRANSFER_DATA = bytes4(keccak256("safeTransferFrom(address,address,uint256,bytes)"));

    function test_safeTransferFrom_toEoaAndAcceptingContract() public {
        _both(issuer, abi.encodeWithSelector(SAFE_TRANSFER, issuer, alice, ids[0]));
        _both(issuer, abi.encodeWithSelector(SAFE_TRANSFER_DATA, issuer, address(accepting), ids[1], hex"c0ffee"));
        assertEq(accepting.lastOperator(), issuer);
        assertEq(accepting.lastFrom(), issuer);
        assertEq(accepting.lastTokenId(), ids[1]);
        assertEq(accepting.lastData(), hex"c0ffee");
        // by an operator: the operator is reported
        _both(issuer, abi.encodeCall(IERC721.setApprovalForAll, (bob, true)));
        _both(bob, abi.encodeWithSelector(SAFE_TRANSFER, issuer, address(accepting), ids[2]));
        assertEq(accepting.lastOperator(), bob);
        assertEq(accepting.lastData(), "");
        assertEq(hpt.ownerOf(ids[2]), address(accepting));
    }

    function test_safeTransferFrom_refusingReceivers() public {
        address wrong = address(new WrongMagicReceiver());
        address reverting = address(new RevertingReceiver());
        address silent = address(new SilentRevertReceiver());
        address none = address(new NonReceiver());
        uint256 id = ids[0];
        _expectBoth(
            issuer,
            abi.encodeWithSelector(SAFE_TRANSFER, issuer, wrong, id),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, wrong)
        );
        _expectBoth(
            issuer,
            abi.encodeWithSelector(SAFE_TRANSFER_DATA, issuer, reverting, id, hex"01"),
            abi.encodeWithSelector(RevertingReceiver.NoThanks.selector, id) // bubbled up as is
        );
        _expectBoth(
            issuer,
            abi.encodeWithSelector(SAFE_TRANSFER, issuer, silent, id),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, silent)
        );
        _expectBoth(
            issuer,
            abi.encodeWithSelector(SAFE_TRANSFER, issuer, none, id),
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, none)
        );
        // a plain transferFrom does not ask the receiver
        _both(issuer, abi.encodeCall(IERC721.transferFrom, (issuer, none, id)));
        assertEq(hpt.ownerOf(id), none);
        // the token's own checks come before the receiver's
        _expectBoth(
            issuer,
            abi.encodeWithSelector(SAFE_TRANSFER, issuer, wrong, 99),
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99)
        );
    }

    // =====================================================================================
    // differential fuzz against OpenZeppelin
    // =====================================================================================

    /// Random sequences of approve / setApprovalForAll / transferFrom / safeTransferFrom by random
    /// callers, to random recipients (the zero address and refusing contracts included): the hash
    /// power token behaves exactly like OpenZeppelin's ERC721 (success, revert data, events, owners,
    /// balances, approvals).
    function testFuzz_differential_againstOpenZeppelin(uint256 seed) public {
        address[6] memory actors = [issuer, alice, bob, address(accepting), address(new WrongMagicReceiver()), address(0)];
        for (uint256 step; step < 8; step++) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            address caller = actors[seed % 3];
            address a = actors[(seed >> 8) % 6];
            address b = actors[(seed >> 16) % 6];
            uint256 id = (seed >> 24) % 4 == 3 ? 99 : ids[(seed >> 24) % 4 % 3];
            uint256 op = (seed >> 32) % 5;
            bytes memory data;
            if (op == 0) data = abi.encodeCall(IERC721.approve, (a, id));
            else if (op == 1) data = abi.encodeCall(IERC721.setApprovalForAll, (a, (seed >> 40) % 2 == 0));
            else if (op == 2) data = abi.encodeCall(IERC721.transferFrom, ((seed >> 48) % 2 == 0 ? hpt.ownerOf(ids[0]) : a, b, id));
            else if (op == 3) data = abi.encodeWithSelector(SAFE_TRANSFER, a, b, id);
            else data = abi.encodeWithSelector(SAFE_TRANSFER_DATA, a, b, id, abi.encode(seed));
            _both(caller, data);
        }
        address[] memory accounts = new address[](5);
        for (uint256 i; i < 5; i++) {
            accounts[i] = actors[i];
        }
        _assertSameState(accounts);
    }

    // =====================================================================================
    // holding history
    // =====================================================================================

    function _holding(uint256 id, uint256 index) internal view returns (IHoldingHistory.Holding memory) {
        return hpt.holding(id, index);
    }

    function _assertHolding(uint256 id, uint256 index, address holder, uint256 start, uint256 end, uint256 units)
        internal
        view
    {
        IHoldingHistory.Holding memory h = hpt.holding(id, index);
        assertEq(h.holder, holder, "holder");
        assertEq(h.start, start, "start");
        assertEq(h.end, end, "end");
        assertEq(h.units, units, "units");
        assertEq(h.productId, hpt.tokenData(ids[0]).productId, "product");
    }

    uint256 internal constant OPEN = type(uint64).max;

    /// The burnt token 1 (split at T0, the second it was minted) has no holding at all: its only
    /// holding had zero length.
    function test_holdings_zeroLengthMintThenSplitLeavesNothing() public {
        assertEq(hpt.holdingCount(1), 0);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, 1, 0));
        hpt.holding(1, 0);
        assertEq(hpt.holdingCount(ids[0]), 1);
        _assertHolding(ids[0], 0, issuer, T0, OPEN, 100e6);
    }

    function test_holdings_exactAcrossTransfersCarveSplitMergeAndBurn() public {
        uint256 id = ids[2]; // 600e6 units, issuer since T0
        vm.warp(T0 + 10);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, id); // closes [T0, T0+10) issuer 600
        vm.prank(alice);
        hpt.transferFrom(alice, bob, id); // same second: alice's holding has no length
        vm.warp(T0 + 30);
        vm.prank(bob);
        uint256 carved = hpt.carve(id, 200e6, carol); // closes [T0+10, T0+30) bob 600; bob keeps 400
        vm.warp(T0 + 45);
        vm.prank(bob);
        uint256[] memory parts = hpt.split(id, _units(150e6, 250e6)); // burns id: [T0+30, T0+45) bob 400
        vm.warp(T0 + 60);
        vm.prank(bob);
        hpt.transferFrom(bob, carol, parts[0]);
        vm.warp(T0 + 80);
        vm.prank(carol);
        uint256 merged = hpt.merge(_ids(carved, parts[0])); // 200 + 150, carol

        assertEq(hpt.holdingCount(id), 3);
        _assertHolding(id, 0, issuer, T0, T0 + 10, 600e6);
        _assertHolding(id, 1, bob, T0 + 10, T0 + 30, 600e6);
        _assertHolding(id, 2, bob, T0 + 30, T0 + 45, 400e6);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, id, 3));
        hpt.holding(id, 3);

        assertEq(hpt.holdingCount(carved), 1);
        _assertHolding(carved, 0, carol, T0 + 30, T0 + 80, 200e6);
        assertEq(hpt.holdingCount(parts[0]), 2);
        _assertHolding(parts[0], 0, bob, T0 + 45, T0 + 60, 150e6);
        _assertHolding(parts[0], 1, carol, T0 + 60, T0 + 80, 150e6);
        assertEq(hpt.holdingCount(parts[1]), 1);
        _assertHolding(parts[1], 0, bob, T0 + 45, OPEN, 250e6);
        assertEq(hpt.holdingCount(merged), 1);
        _assertHolding(merged, 0, carol, T0 + 80, OPEN, 350e6);

        vm.warp(T0 + 100);
        _assertUnitsTimesTimeConserved(100);

        // balances follow
        assertEq(hpt.balanceOf(bob), 1);
        assertEq(hpt.balanceOf(carol), 1);
        assertEq(hpt.balanceOf(alice), 0);
        assertEq(hpt.balanceOf(issuer), 2);
    }

    /// Units x time of the product is conserved: every second of [T0, T0 + elapsed) is covered by
    /// exactly CAPACITY units across all of the product's tokens' holdings.
    function _assertUnitsTimesTimeConserved(uint256 elapsed) internal view {
        uint256 total;
        uint256 next = hpt.nextTokenId();
        for (uint256 t = 1; t < next; t++) {
            uint256 n = hpt.holdingCount(t);
            for (uint256 k; k < n; k++) {
                IHoldingHistory.Holding memory h = hpt.holding(t, k);
                uint256 end = h.end == OPEN ? block.timestamp : h.end;
                total += h.units * (end - h.start);
            }
        }
        assertEq(total, CAPACITY * elapsed);
    }

    /// A carve in the second the holding began records nothing for the old units (zero length):
    /// the holding simply continues with the new units from that second.
    function test_holdings_zeroLengthCarve() public {
        uint256 id = ids[2];
        vm.warp(T0 + 5);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, id);
        vm.prank(alice);
        hpt.carve(id, 100e6, bob); // same second
        assertEq(hpt.holdingCount(id), 2);
        _assertHolding(id, 0, issuer, T0, T0 + 5, 600e6);
        _assertHolding(id, 1, alice, T0 + 5, OPEN, 500e6);
    }

    /// A product minted after its start credits the issuer from the start: a transfer in the
    /// second of the mint still closes a holding of non-zero length.
    function test_holdings_lateMintCreditsFromTheStart() public {
        vm.warp(T0 + 1 days);
        HashPowerToken.ProductAttestation memory a = _attestation(2);
        (, uint256 id) = _mint(a);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, id);
        assertEq(hpt.holdingCount(id), 2);
        IHoldingHistory.Holding memory h = hpt.holding(id, 0);
        assertEq(h.holder, issuer);
        assertEq(h.start, T0);
        assertEq(h.end, T0 + 1 days);
        h = hpt.holding(id, 1);
        assertEq(h.holder, alice);
        assertEq(h.start, T0 + 1 days);
        assertEq(h.end, OPEN);
    }

    /// Minting to the zero address (a carve to address(0)) is refused with OpenZeppelin's error.
    function test_mint_toZeroAddressReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        vm.prank(issuer);
        hpt.carve(ids[2], 1, address(0));
    }

    function test_holdings_unknownTokens() public {
        assertEq(hpt.holdingCount(0), 0);
        assertEq(hpt.holdingCount(999), 0);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, 999, 0));
        hpt.holding(999, 0);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, ids[0], 1));
        hpt.holding(ids[0], 1);
    }

    /// Many transfers at distinct times: the holdings tile the token's life without gaps.
    function testFuzz_holdings_transfersTileTheTimeline(uint8[6] memory gaps) public {
        uint256 id = ids[0];
        address[3] memory people = [alice, bob, carol];
        address current = issuer;
        uint256 t = T0;
        for (uint256 i; i < gaps.length; i++) {
            t += gaps[i];
            vm.warp(t);
            address next = people[i % 3];
            vm.prank(current);
            hpt.transferFrom(current, next, id);
            current = next;
        }
        uint256 n = hpt.holdingCount(id);
        uint256 cursor = T0;
        uint256 nonZeroGaps;
        for (uint256 i; i < gaps.length; i++) {
            if (gaps[i] != 0) nonZeroGaps++;
        }
        assertEq(n, nonZeroGaps + 1, "one closed holding per transfer after a non-zero gap, plus the open one");
        for (uint256 k; k < n; k++) {
            IHoldingHistory.Holding memory h = hpt.holding(id, k);
            assertEq(h.start, cursor);
            if (k + 1 < n) {
                assertGt(h.end, h.start);
                cursor = h.end;
            } else {
                assertEq(h.end, OPEN);
                assertEq(h.holder, current);
            }
        }
    }

    // ------------------------------------------------ every holding against a model

    struct ModelHolding {
        address holder;
        uint256 start;
        uint256 end;
        uint256 units;
    }

    uint256[] internal live; // the model's live tokens
    uint256[] internal modelTokens; // every token the model knows, live or burnt
    mapping(uint256 id => address) internal modelOwner;
    mapping(uint256 id => uint256) internal modelUnits;
    mapping(uint256 id => uint256) internal modelSince;
    mapping(uint256 id => ModelHolding[]) internal modelClosed;

    /// The token is about to change owner or units (or burn): its open holding closes now, unless it
    /// began this second (a holding of zero length is not recorded).
    function _modelClose(uint256 id) internal {
        if (modelSince[id] < block.timestamp) {
            modelClosed[id].push(ModelHolding(modelOwner[id], modelSince[id], block.timestamp, modelUnits[id]));
        }
        modelSince[id] = block.timestamp;
    }

    function _modelAdd(uint256 id, address owner, uint256 units, uint256 since) internal {
        modelOwner[id] = owner;
        modelUnits[id] = units;
        modelSince[id] = since;
        live.push(id);
        modelTokens.push(id);
    }

    /// Random transfers, carves (of carved tokens too, several in one holding, in the second of an
    /// earlier carve, before and after transfers), splits and merges: every holding of every token, read
    /// from the token, is exactly the one a plain model of "closed by every transfer, carve and
    /// burn, zero-length ones skipped" gives (so every account's units x time is exactly what it
    /// held), whether a carve's holding sits in the slice or in its own slot. Fulfillment pays by
    /// these holdings, so a wrong one is a wrong payout.
    function testFuzz_holdings_matchAModelOfOwnership(uint256 seed) public {
        address[4] memory people = [issuer, alice, bob, carol];
        uint256 productId = hpt.tokenData(ids[0]).productId;
        for (uint256 i; i < ids.length; i++) {
            _modelAdd(ids[i], issuer, hpt.tokenData(ids[i]).units, T0);
        }
        for (uint256 step; step < 14; step++) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            vm.warp(block.timestamp + (seed % 3 == 0 ? 0 : 1 + (seed >> 8) % 50)); // a third in the same second
            _modelStep(seed, people);
        }
        vm.warp(block.timestamp + 7);
        _assertHistoryMatchesModel(productId);
        _assertUnitsTimesTimeConserved(block.timestamp - T0);
    }

    /// One random operation on a random live token, as its owner: transfer, carve, split, or merge
    /// with another token of the same owner (a transfer when the token cannot be carved or split, or
    /// the owner has no other token).
    function _modelStep(uint256 seed, address[4] memory people) internal {
        uint256 id = live[(seed >> 16) % live.length];
        address owner = modelOwner[id];
        uint256 units = modelUnits[id];
        uint256 op = (seed >> 32) % 4;
        uint256 other = op == 3 ? _otherLiveTokenOf(owner, id) : 0;
        if ((op == 1 || op == 2) && units < 2 || op == 3 && other == 0) op = 0;
        _modelClose(id);
        vm.startPrank(owner);
        if (op == 0) {
            address to = people[(seed >> 24) % 4];
            hpt.transferFrom(owner, to, id);
            modelOwner[id] = to;
        } else if (op == 1) {
            uint256 part = 1 + (seed >> 40) % (units - 1);
            address to = people[(seed >> 24) % 4];
            uint256 newId = hpt.carve(id, part, to);
            modelUnits[id] = units - part;
            _modelAdd(newId, to, part, block.timestamp);
        } else if (op == 2) {
            uint256 part = 1 + (seed >> 40) % (units - 1);
            uint256[] memory parts = new uint256[](2);
            (parts[0], parts[1]) = (part, units - part);
            uint256[] memory newIds = hpt.split(id, parts);
            _removeLive(id);
            _modelAdd(newIds[0], owner, part, block.timestamp);
            _modelAdd(newIds[1], owner, units - part, block.timestamp);
        } else {
            _modelClose(other);
            uint256 newId = hpt.merge(_ids(id, other));
            _removeLive(id);
            _removeLive(other);
            _modelAdd(newId, owner, units + modelUnits[other], block.timestamp);
        }
        vm.stopPrank();
    }

    function _otherLiveTokenOf(address owner, uint256 id) internal view returns (uint256) {
        for (uint256 i; i < live.length; i++) {
            if (live[i] != id && modelOwner[live[i]] == owner) return live[i];
        }
        return 0;
    }

    function _removeLive(uint256 id) internal {
        for (uint256 i; i < live.length; i++) {
            if (live[i] == id) {
                live[i] = live[live.length - 1];
                live.pop();
                return;
            }
        }
    }

    function _assertHistoryMatchesModel(uint256 productId) internal view {
        for (uint256 i; i < modelTokens.length; i++) {
            uint256 id = modelTokens[i];
            ModelHolding[] storage closed = modelClosed[id];
            bool isLive = _isLiveInModel(id);
            assertEq(hpt.holdingCount(id), closed.length + (isLive ? 1 : 0), "holding count");
            for (uint256 k; k <= closed.length; k++) {
                if (k == closed.length && !isLive) break;
                ModelHolding memory m = k < closed.length
                    ? closed[k]
                    : ModelHolding(modelOwner[id], modelSince[id], OPEN, modelUnits[id]);
                IHoldingHistory.Holding memory h = hpt.holding(id, k);
                assertEq(h.holder, m.holder, "holder");
                assertEq(h.start, m.start, "start");
                assertEq(h.end, m.end, "end");
                assertEq(h.units, m.units, "units");
                assertEq(h.productId, productId, "product");
            }
        }
    }

    function _isLiveInModel(uint256 id) internal view returns (bool) {
        for (uint256 i; i < live.length; i++) {
            if (live[i] == id) return true;
        }
        return false;
    }

    /// The slice keeps the holding a carve closes (no new slot); it moves to a slot of its own when
    /// the slice needs the room (a later carve) or when the holding after it closes in the second it
    /// opened (it names the kept one's holder). Each path, and the history reads the same.
    function test_holdings_carveKeepsItsClosedHoldingInTheSlice() public {
        uint256 id = ids[2]; // 600e6 units, issuer since T0
        vm.warp(T0 + 10);
        vm.prank(issuer);
        uint256 c1 = hpt.carve(id, 100e6, alice); // [T0, T0+10) issuer 600 kept in the slice
        _assertHolding(id, 0, issuer, T0, T0 + 10, 600e6);
        _assertHolding(id, 1, issuer, T0 + 10, OPEN, 500e6);
        vm.warp(T0 + 20);
        vm.prank(issuer);
        hpt.transferFrom(issuer, bob, id); // the holding after the kept one closes: it names the holder
        _assertHolding(id, 0, issuer, T0, T0 + 10, 600e6);
        _assertHolding(id, 1, issuer, T0 + 10, T0 + 20, 500e6);
        vm.warp(T0 + 30);
        vm.prank(bob);
        uint256 c2 = hpt.carve(id, 50e6, carol); // moves the issuer's kept holding, keeps bob's
        vm.prank(bob);
        hpt.carve(id, 50e6, carol); // same second: nothing closes
        vm.prank(bob);
        hpt.transferFrom(bob, alice, id); // same second: the kept holding moves out, with bob
        vm.warp(T0 + 40);
        vm.prank(alice);
        hpt.carve(id, 100e6, alice);
        vm.warp(T0 + 50);
        vm.prank(alice);
        uint256[] memory parts = hpt.split(id, _units(100e6, 200e6)); // burns id with a kept holding

        assertEq(hpt.holdingCount(id), 5);
        _assertHolding(id, 0, issuer, T0, T0 + 10, 600e6);
        _assertHolding(id, 1, issuer, T0 + 10, T0 + 20, 500e6);
        _assertHolding(id, 2, bob, T0 + 20, T0 + 30, 500e6);
        _assertHolding(id, 3, alice, T0 + 30, T0 + 40, 400e6);
        _assertHolding(id, 4, alice, T0 + 40, T0 + 50, 300e6);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, id, 5));
        hpt.holding(id, 5);
        _assertHolding(c1, 0, alice, T0 + 10, OPEN, 100e6);
        _assertHolding(c2, 0, carol, T0 + 30, OPEN, 50e6);
        _assertHolding(parts[0], 0, alice, T0 + 50, OPEN, 100e6);

        // a carve, then a burn in the same second: the kept holding moves out before the owner goes
        uint256 other = ids[1]; // 300e6, issuer since T0
        vm.warp(T0 + 60);
        vm.startPrank(issuer);
        hpt.carve(other, 100e6, issuer);
        hpt.split(other, _units(100e6, 100e6));
        vm.stopPrank();
        assertEq(hpt.holdingCount(other), 1);
        _assertHolding(other, 0, issuer, T0, T0 + 60, 300e6);

        vm.warp(T0 + 70);
        _assertUnitsTimesTimeConserved(70);
    }
}
