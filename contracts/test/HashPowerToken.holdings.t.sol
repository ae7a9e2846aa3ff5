// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HoldingERC721} from "../src/token/HoldingERC721.sol";
import {IHoldingHistory} from "../src/interfaces/IHoldingHistory.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {Roles} from "../src/common/Roles.sol";
import {UnknownProduct, ZeroUnits} from "../src/common/Errors.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";

/// @notice Holding history, carve, token nonce, trade state and the product status hook of the
/// fulfillment vault (markDefaulted, role PRODUCT_DEFAULTER).
contract HashPowerTokenHoldingsTest is HashPowerFixtures {
    address internal bob = makeAddr("bob");
    address internal vault = makeAddr("vault");
    uint256 internal productId;
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        (productId, tokenId) = _mintDefault();
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
        assertEq(h.productId, productId, "product");
    }

    // ---------------------------------------------------------------- holdings

    function test_holding_mintOpensOneHolding() public view {
        assertEq(hpt.holdingCount(tokenId), 1);
        _assertHolding(tokenId, 0, issuer, T0, type(uint64).max, CAPACITY);
    }

    function test_holding_lateMintStartsAtProductStart() public {
        vm.warp(T0 + 10 days);
        HashPowerToken.ProductAttestation memory a = _attestation(2);
        a.deadline = uint64(block.timestamp + 1);
        (, uint256 id) = _mint(a);
        assertEq(hpt.holding(id, 0).start, T0, "credited from the product start");
    }

    function test_holding_earlyMintStartsAtMintTime() public {
        HashPowerToken.ProductAttestation memory a = _attestation(2);
        a.start = uint64(T0 + 30 days);
        a.end = uint64(T0 + 60 days);
        (, uint256 id) = _mint(a);
        assertEq(hpt.holding(id, 0).start, T0);
    }

    function test_holding_transfersCloseAndOpen() public {
        vm.warp(T0 + 100);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tokenId);
        vm.warp(T0 + 250);
        vm.prank(alice);
        hpt.transferFrom(alice, bob, tokenId);

        assertEq(hpt.holdingCount(tokenId), 3);
        _assertHolding(tokenId, 0, issuer, T0, T0 + 100, CAPACITY);
        _assertHolding(tokenId, 1, alice, T0 + 100, T0 + 250, CAPACITY);
        _assertHolding(tokenId, 2, bob, T0 + 250, type(uint64).max, CAPACITY);
        assertEq(hpt.tokenNonce(tokenId), 2);
    }

    function test_holding_zeroLengthHoldingsAreSkipped() public {
        vm.warp(T0 + 100);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tokenId);
        vm.prank(alice); // same block: alice's holding has no length
        hpt.transferFrom(alice, bob, tokenId);
        assertEq(hpt.holdingCount(tokenId), 2);
        _assertHolding(tokenId, 0, issuer, T0, T0 + 100, CAPACITY);
        _assertHolding(tokenId, 1, bob, T0 + 100, type(uint64).max, CAPACITY);
        assertEq(hpt.tokenNonce(tokenId), 2, "the nonce still counts both transfers");
    }

    function test_holding_splitClosesTheBurntToken() public {
        vm.warp(T0 + 500);
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(tokenId, _units(400e6, 600e6));
        assertEq(hpt.holdingCount(tokenId), 1, "burnt: no open holding");
        _assertHolding(tokenId, 0, issuer, T0, T0 + 500, CAPACITY);
        _assertHolding(ids[0], 0, issuer, T0 + 500, type(uint64).max, 400e6);
        _assertHolding(ids[1], 0, issuer, T0 + 500, type(uint64).max, 600e6);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, tokenId, 1));
        hpt.holding(tokenId, 1);
    }

    function test_holding_mergeClosesEveryPart() public {
        vm.warp(T0 + 10);
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(tokenId, _units(400e6, 600e6));
        vm.warp(T0 + 20);
        vm.prank(issuer);
        uint256 merged = hpt.merge(ids);
        _assertHolding(ids[0], 0, issuer, T0 + 10, T0 + 20, 400e6);
        _assertHolding(ids[1], 0, issuer, T0 + 10, T0 + 20, 600e6);
        _assertHolding(merged, 0, issuer, T0 + 20, type(uint64).max, CAPACITY);
    }

    function test_holding_revertsForUnknown() public {
        assertEq(hpt.holdingCount(999), 0);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, 999, 0));
        hpt.holding(999, 0);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, tokenId, 1));
        hpt.holding(tokenId, 1);
    }

    // ---------------------------------------------------------------- carve

    function test_carve_keepsIdOwnerAndNonce() public {
        vm.warp(T0 + 300);
        vm.prank(issuer);
        uint256 newId = hpt.carve(tokenId, 250e6, alice);

        assertEq(hpt.ownerOf(tokenId), issuer);
        assertEq(hpt.ownerOf(newId), alice);
        assertEq(hpt.tokenData(tokenId).units, 750e6);
        assertEq(hpt.tokenData(newId).units, 250e6);
        assertEq(hpt.tokenNonce(tokenId), 0, "carve does not bump the nonce");
        assertEq(_liveSum(productId), CAPACITY);
        // the issuer's holding is split at the carve because its units changed
        _assertHolding(tokenId, 0, issuer, T0, T0 + 300, CAPACITY);
        _assertHolding(tokenId, 1, issuer, T0 + 300, type(uint64).max, 750e6);
        _assertHolding(newId, 0, alice, T0 + 300, type(uint64).max, 250e6);
    }

    function test_carve_emitsEvent() public {
        vm.expectEmit(address(hpt));
        emit HashPowerToken.TokenCarved(productId, tokenId, 2, 1, alice);
        vm.prank(issuer);
        hpt.carve(tokenId, 1, alice);
    }

    function test_carve_byOperator() public {
        vm.prank(issuer);
        hpt.setApprovalForAll(alice, true);
        vm.prank(alice);
        uint256 newId = hpt.carve(tokenId, 10, bob);
        assertEq(hpt.ownerOf(newId), bob);
    }

    function test_carve_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, stranger, tokenId));
        vm.prank(stranger);
        hpt.carve(tokenId, 1, stranger);

        vm.startPrank(issuer);
        vm.expectRevert(ZeroUnits.selector);
        hpt.carve(tokenId, 0, alice);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnitsMismatch.selector, CAPACITY, CAPACITY));
        hpt.carve(tokenId, CAPACITY, alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 77));
        hpt.carve(77, 1, alice);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- nonce and trade state

    function test_bumpTokenNonce() public {
        vm.expectEmit(address(hpt));
        emit HashPowerToken.TokenNonceBumped(tokenId, 1);
        vm.prank(issuer);
        hpt.bumpTokenNonce(tokenId);
        assertEq(hpt.tokenNonce(tokenId), 1);
        assertEq(hpt.tokenData(tokenId).nonce, 1);

        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, stranger, tokenId));
        vm.prank(stranger);
        hpt.bumpTokenNonce(tokenId);
    }

    function test_tradeState() public {
        (address o, uint256 units, uint32 nonce, bool tradable) = hpt.tradeState(tokenId);
        assertEq(o, issuer);
        assertEq(units, CAPACITY);
        assertEq(nonce, 0);
        assertTrue(tradable);

        _setVault();
        vm.prank(vault);
        hpt.markDefaulted(productId);
        (,,, tradable) = hpt.tradeState(tokenId);
        assertFalse(tradable, "defaulted products are not tradable");
        assertTrue(hpt.tokenData(tokenId).defaulted);
        assertTrue(hpt.product(productId).defaulted);
        // but they still move (claims are per holding)
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tokenId);
    }

    // ---------------------------------------------------------------- product status hooks
    // (collateral take/release moved to the CollateralVault: CollateralVault.t.sol)

    /// Replaces `setFulfillmentVault`: the fulfillment vault is wired by the AccessManager (role
    /// PRODUCT_DEFAULTER); here a stand-in account gets the role the way the deployment grants it.
    function _setVault() internal {
        _register("FulfillmentVault", vault);
        _wire();
    }

    function test_setVault_wiringGrantsTheDefaulterRoleOnly() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, vault));
        vm.prank(vault); // not wired yet
        hpt.markDefaulted(productId);
        _setVault();
        (bool isMember,) = manager.hasRole(Roles.PRODUCT_DEFAULTER, vault);
        assertTrue(isMember);
        assertEq(manager.getTargetFunctionRole(address(hpt), hpt.markDefaulted.selector), Roles.PRODUCT_DEFAULTER);
        // the defaulter cannot freeze
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, vault));
        vm.prank(vault);
        hpt.freeze(productId);
    }

    function test_vaultHooks_onlyVault() public {
        _setVault();
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        hpt.markDefaulted(productId);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner); // the admin does not hold the role either
        hpt.markDefaulted(productId);

        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 9));
        vm.prank(vault);
        hpt.markDefaulted(9);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        vm.prank(vault);
        hpt.markDefaulted(0);
    }

    function test_markDefaulted_emitsOnce() public {
        _setVault();
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductDefaulted(productId);
        vm.recordLogs();
        vm.startPrank(vault);
        hpt.markDefaulted(productId);
        hpt.markDefaulted(productId);
        vm.stopPrank();
        assertEq(vm.getRecordedLogs().length, 1);
        // a defaulted product still splits, merges and carves (only markets refuse it)
        vm.startPrank(issuer);
        uint256[] memory ids = hpt.split(tokenId, _units(1, CAPACITY - 1));
        uint256 merged = hpt.merge(ids);
        hpt.carve(merged, 1, alice);
        vm.stopPrank();
        assertEq(_liveSum(productId), CAPACITY);
    }

    function test_mint_revertsOnCapacityAbove64Bits() public {
        HashPowerToken.ProductAttestation memory a = _attestation(2);
        a.capacity = uint256(type(uint64).max) + 1;
        AttestorSignature[] memory sigs = _sigs(a, 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.CapacityTooLarge.selector, a.capacity));
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    // ---------------------------------------------------------------- fuzz

    /// Any sequence of transfers at random times leaves a gap-free holding history whose units x time
    /// adds up to the token's units x elapsed time.
    function testFuzz_holdings_tileTheTokenLife(uint32[8] calldata gaps, uint8 who) public {
        address[3] memory people = [alice, bob, issuer];
        address current = issuer;
        uint256 t = T0;
        for (uint256 i; i < gaps.length; i++) {
            t += bound(gaps[i], 0, 30 days);
            vm.warp(t);
            address next = people[(uint256(who) + i) % 3];
            if (next == current) next = people[(uint256(who) + i + 1) % 3];
            vm.prank(current);
            hpt.transferFrom(current, next, tokenId);
            current = next;
        }
        uint256 n = hpt.holdingCount(tokenId);
        uint256 cursor = T0;
        for (uint256 k; k < n; k++) {
            IHoldingHistory.Holding memory h = hpt.holding(tokenId, k);
            assertEq(h.start, cursor, "no gap, no overlap");
            assertEq(h.units, CAPACITY);
            if (k + 1 == n) {
                assertEq(h.end, type(uint64).max, "the last one is open");
            } else {
                assertGt(h.end, h.start, "no zero-length closed holding");
                cursor = h.end;
            }
        }
        assertEq(hpt.holding(tokenId, n - 1).holder, current);
        assertEq(hpt.tokenNonce(tokenId), gaps.length);
    }
}
