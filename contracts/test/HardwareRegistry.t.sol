// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HoldingERC721} from "../src/token/HoldingERC721.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {IAttestorRegistry, AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {ICollateralVault} from "../src/interfaces/ICollateralVault.sol";
import {Roles} from "../src/common/Roles.sol";
import {LengthMismatch, UnknownProduct, ZeroAddress} from "../src/common/Errors.sol";
import {TokenAreaFixtures} from "./utils/TokenAreaFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {ICreditRecorder} from "../src/interfaces/ICreditRecorder.sol";

/// @notice Unit tests of HardwareRegistry: every function, every error with its exact arguments,
/// every event. The duplicate-hardware challenge tests moved here from the token (issue #10);
/// the regression tests of issue #10's holes 2 and 3 are in HardwareRegistry.attacks.t.sol.
contract HardwareRegistryTest is TokenAreaFixtures {
    // =====================================================================================
    // constructor / constants / leaf rule
    // =====================================================================================

    function test_constructor_setsImmutablesAndConstants() public view {
        assertEq(address(hardwareRegistry.token()), address(hpt));
        assertEq(address(hardwareRegistry.collateralVault()), address(collateralVault));
        assertEq(address(hardwareRegistry.attestorRegistry()), address(attestorRegistry));
        assertEq(hardwareRegistry.CHALLENGE_BOUNTY_BPS(), 1_000);
        assertEq(hardwareRegistry.MAX_ITEMS(), 500);
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new HardwareRegistry(IHashPowerToken(address(0)), collateralVault, attestorRegistry, ICreditRecorder(address(0)));
        vm.expectRevert(ZeroAddress.selector);
        new HardwareRegistry(hpt, ICollateralVault(address(0)), attestorRegistry, ICreditRecorder(address(0)));
        vm.expectRevert(ZeroAddress.selector);
        new HardwareRegistry(hpt, collateralVault, IAttestorRegistry(address(0)), ICreditRecorder(address(0)));
    }

    /// The wiring table gives the registry exactly the roles it needs: freeze, forfeit, payForfeited, slash.
    function test_wiring_rolesOfTheRegistry() public view {
        uint64[3] memory held = [Roles.PRODUCT_FREEZER, Roles.COLLATERAL_FORFEITER, Roles.BOND_SLASHER];
        for (uint256 i; i < held.length; i++) {
            (bool member,) = manager.hasRole(held[i], address(hardwareRegistry));
            assertTrue(member);
        }
        uint64[3] memory notHeld = [Roles.COLLATERAL_MANAGER, Roles.COLLATERAL_LOCKER, Roles.PRODUCT_DEFAULTER];
        for (uint256 i; i < notHeld.length; i++) {
            (bool member,) = manager.hasRole(notHeld[i], address(hardwareRegistry));
            assertFalse(member);
        }
    }

    function test_hardwareLeaf_isTheDoubleHashedAbiEncoding(bytes32 id) public view {
        assertEq(hardwareRegistry.hardwareLeaf(id), keccak256(bytes.concat(keccak256(abi.encode(id)))));
        assertEq(hardwareRegistry.hardwareLeaf(id), MerkleHelper.leaf(id));
    }

    function test_views_defaultsForUnknownIds() public view {
        (uint256 forfeited, uint256 capacity,,) = hardwareRegistry.frozenPool(1);
        assertEq(forfeited, 0);
        assertEq(capacity, 0);
        assertFalse(hardwareRegistry.isRedeemed(1));
    }

    // =====================================================================================
    // challengeDuplicateHardware (moved from the token)
    // =====================================================================================

    function test_challenge_freezesLaterPaysBountyForfeitsRestAndSlashesCommonSigners() public {
        _twoProductsSharingHardware();
        bytes32[] memory proofA = MerkleHelper.proof(hw, 1);
        bytes32[] memory proofB = MerkleHelper.proof(hwB, 1);
        uint256 bounty = COLLATERAL / 10;
        uint64 epochAfter = attestorRegistry.epoch() + 1;

        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductFrozen(2);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralForfeited(2, challenger, bounty, COLLATERAL - bounty);
        vm.expectEmit(address(wbtc));
        emit IERC20.Transfer(address(collateralVault), challenger, bounty);
        vm.expectEmit(address(attestorRegistry));
        emit AttestorRegistry.AttestorSlashed(att[2], MIN_BOND);
        vm.expectEmit(address(attestorRegistry));
        emit AttestorRegistry.AttestorRemoved(att[2], epochAfter);
        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.DuplicateHardwareChallenged(hw[1], 2, 1, challenger, bounty, MIN_BOND);
        vm.prank(challenger);
        (uint256 frozenId, uint256 paid, uint256 slashed) =
            hardwareRegistry.challengeDuplicateHardware(hw[1], 1, proofA, 2, proofB);

        assertEq(frozenId, 2);
        assertEq(paid, bounty);
        assertEq(slashed, MIN_BOND);
        assertTrue(hpt.product(2).frozen);
        assertFalse(hpt.product(1).frozen);
        assertEq(hpt.product(2).collateral, COLLATERAL, "the attested amount is a record");
        (address token, uint256 left) = collateralVault.collateralOf(2);
        assertEq(token, address(wbtc));
        assertEq(left, 0, "nothing can return to the issuer");
        assertEq(collateralVault.forfeitedOf(2), COLLATERAL - bounty);
        (, left) = collateralVault.collateralOf(1);
        assertEq(left, COLLATERAL);
        (uint256 pool, uint256 capacity,,) = hardwareRegistry.frozenPool(2);
        assertEq(pool, COLLATERAL - bounty);
        assertEq(capacity, CAPACITY);
        assertEq(wbtc.balanceOf(challenger), bounty);
        assertEq(wbtc.balanceOf(address(collateralVault)), 2 * COLLATERAL - bounty);
        // only the attestor who signed both is slashed, its whole bond burnt
        assertEq(attestorRegistry.attestorInfo(att[2]).bond, 0);
        for (uint256 i; i < N_ATTESTORS; i++) {
            if (i != 2) assertEq(attestorRegistry.attestorInfo(att[i]).bond, MIN_BOND);
        }
        assertEq(attestorRegistry.totalBurned(), MIN_BOND);
        assertEq(challenger.balance, 0, "no share of the slashed bond");
        assertFalse(attestorRegistry.attestorInfo(att[2]).member); // slashed: out of the committee
        assertEq(attestorRegistry.attestors().length, N_ATTESTORS - 1);
        assertTrue(hpt.tokenData(2).frozen);
    }

    function test_challenge_argumentOrderDoesNotMatter() public {
        _twoProductsSharingHardware();
        vm.prank(challenger);
        (uint256 frozenId,,) = hardwareRegistry.challengeDuplicateHardware(
            hw[1], 2, MerkleHelper.proof(hwB, 1), 1, MerkleHelper.proof(hw, 1)
        );
        assertEq(frozenId, 2);
        assertTrue(hpt.product(2).frozen);
        assertFalse(hpt.product(1).frozen);
    }

    /// Deliberate change of issue #10: frozen tokens still transfer (each is a claim on the
    /// forfeited collateral) but cannot be split, merged or carved.
    function test_challenge_frozenTokensTransferButCannotSplitMergeCarve() public {
        _twoProductsSharingHardware();
        vm.prank(alice);
        uint256[] memory ids = hpt.split(2, _units(1, CAPACITY - 1)); // 3, 4
        _challenge21(challenger);
        vm.startPrank(alice);
        hpt.transferFrom(alice, bob, ids[0]);
        hpt.safeTransferFrom(alice, bob, ids[1]);
        vm.stopPrank();
        assertEq(hpt.ownerOf(ids[0]), bob);
        assertEq(hpt.ownerOf(ids[1]), bob);
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.split(ids[1], _units(1, CAPACITY - 2));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.carve(ids[1], 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.merge(ids);
        vm.stopPrank();
        (,,, bool tradable) = hpt.tradeState(ids[0]);
        assertFalse(tradable, "markets refuse frozen tokens");
        // product 1 is unaffected
        vm.prank(issuer);
        hpt.split(1, _units(1, CAPACITY - 1));
    }

    function test_challenge_revertsOnSameProduct() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(HardwareRegistry.SameProduct.selector);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 1, p);
        vm.expectRevert(HardwareRegistry.SameProduct.selector); // checked before existence
        hardwareRegistry.challengeDuplicateHardware(hw[0], 7, p, 7, p);
    }

    function test_challenge_revertsOnUnknownProduct() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        hardwareRegistry.challengeDuplicateHardware(hw[0], 0, p, 1, p);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 2, p);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 3)); // A is looked up first
        hardwareRegistry.challengeDuplicateHardware(hw[0], 3, p, 2, p);
    }

    function test_challenge_revertsOnBadProof() public {
        _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        // hardware only in product 1
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[0], 2));
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[1], 1));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pb, 2, pb); // wrong proof for A
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[1], 1));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pb, 2, pa); // both wrong: A is reported
        // a leaf given as the hardware id itself (not double hashed) fails
        bytes32 leafAsId = MerkleHelper.leaf(hw[1]);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, leafAsId, 1));
        hardwareRegistry.challengeDuplicateHardware(leafAsId, 1, pa, 2, pb);
        // an inner node of the tree given as the hardware id fails too
        bytes32 inner = MerkleHelper.hashPair(MerkleHelper.leaf(hw[0]), MerkleHelper.leaf(hw[1]));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, inner, 1));
        hardwareRegistry.challengeDuplicateHardware(inner, 1, MerkleHelper.proof(hw, 2), 2, pb);
    }

    /// Replaces "revertsOnFrozen": a second challenge of the same pair finds the later product
    /// frozen and its common signer already slashed: nothing to do.
    function test_challenge_againstAFrozenProductWithNothingLeftReverts() public {
        _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NothingToChallenge.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NothingToChallenge.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 2, pb, 1, pa);
    }

    /// Only the later product must be live: at the end of both, the later one is reported.
    function test_challenge_revertsWhenLaterProductNotLive() public {
        _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        vm.warp(T0 + 365 days); // end == now: over
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.ProductNotLive.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
    }

    function test_challenge_revertsWhenSecondNotLive() public {
        _mintDefault();
        bytes32[] memory hwB2 = new bytes32[](1);
        hwB2[0] = hw[2];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB2, 2);
        b.start = uint64(T0 - 10 days);
        b.end = uint64(T0 + 10 days);
        _mint(b);
        vm.warp(T0 + 10 days);
        bytes32[] memory pa = MerkleHelper.proof(hw, 2);
        bytes32[] memory pb = MerkleHelper.proof(hwB2, 0);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.ProductNotLive.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[2], 1, pa, 2, pb);
        vm.warp(T0 + 10 days - 1); // one second before its end it is still live
        hardwareRegistry.challengeDuplicateHardware(hw[2], 1, pa, 2, pb);
        assertTrue(hpt.product(2).frozen);
    }

    /// New in issue #10: the earlier product is only evidence; it may have ended.
    function test_challenge_evidenceProductMayHaveEnded() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.end = uint64(T0 + 10 days);
        _mint(a);
        _mint(_attestation(2)); // same machines, T0 .. T0 + 365 days
        vm.warp(T0 + 20 days);
        bytes32[] memory p = MerkleHelper.proof(hw, 3);
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty, uint256 slashed) =
            hardwareRegistry.challengeDuplicateHardware(hw[3], 1, p, 2, p);
        assertEq(frozenId, 2);
        assertEq(bounty, COLLATERAL / 10);
        assertEq(slashed, 3 * MIN_BOND);
    }

    /// New in issue #10: a defaulted evidence product still counts, and a defaulted later product
    /// (its collateral taken by the fulfillment vault) is still frozen, with no bounty and an empty pool.
    function test_challenge_defaultedProductsAndExhaustedCollateral() public {
        _wireFulfillmentStandIn();
        _mintDefault();
        _mint(_attestation(2)); // same machines
        _mint(_attestation(3)); // same machines
        vm.startPrank(fulfillment);
        hpt.markDefaulted(1);
        assertEq(collateralVault.take(3, type(uint256).max), COLLATERAL);
        hpt.markDefaulted(3);
        vm.stopPrank();
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty,) = hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 2, p);
        assertEq(frozenId, 2);
        assertEq(bounty, COLLATERAL / 10);
        // product 3 (same signers, already slashed) is frozen too: no bounty left, nothing slashed
        vm.prank(challenger);
        (frozenId, bounty,) = hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 3, p);
        assertEq(frozenId, 3);
        assertEq(bounty, 0);
        (uint256 pool, uint256 capacity,,) = hardwareRegistry.frozenPool(3);
        assertEq(pool, 0);
        assertEq(capacity, CAPACITY);
        assertTrue(hpt.product(3).frozen);
        assertTrue(hpt.product(3).defaulted);
    }

    /// The bounty is 10% of what is left of the collateral when the challenge lands.
    function test_challenge_bountyIsTenPercentOfWhatIsLeft() public {
        _wireFulfillmentStandIn();
        _twoProductsSharingHardware();
        vm.prank(fulfillment);
        collateralVault.take(2, 4e8);
        (, uint256 bounty,) = _challenge21(challenger);
        assertEq(bounty, 6e8 / 10);
        assertEq(collateralVault.forfeitedOf(2), 6e8 - 6e8 / 10);
    }

    function test_challenge_revertsWhenTermsDoNotOverlap() public {
        _mintDefault(); // T0 .. T0+365d
        bytes32[] memory hwB2 = new bytes32[](2);
        hwB2[0] = hw[3];
        hwB2[1] = keccak256("x");
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB2, 2);
        b.start = uint64(T0 + 365 days); // starts when A ends: adjacent, no overlap
        b.end = uint64(T0 + 730 days);
        _mint(b);
        bytes32[] memory pa = MerkleHelper.proof(hw, 3);
        bytes32[] memory pb = MerkleHelper.proof(hwB2, 0);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TermsDoNotOverlap.selector, 1, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[3], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TermsDoNotOverlap.selector, 2, 1));
        hardwareRegistry.challengeDuplicateHardware(hw[3], 2, pb, 1, pa);
    }

    function test_challenge_zeroCollateralNoBounty() public {
        _mintDefault();
        bytes32[] memory hwB2 = new bytes32[](1);
        hwB2[0] = hw[0];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB2, 2);
        b.collateral = 0;
        _mint(b);
        uint256 vaultBefore = wbtc.balanceOf(address(collateralVault));
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty, uint256 slashed) =
            hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, new bytes32[](0));
        assertEq(frozenId, 2);
        assertEq(bounty, 0);
        assertEq(wbtc.balanceOf(challenger), 0);
        assertEq(wbtc.balanceOf(address(collateralVault)), vaultBefore);
        (uint256 pool, uint256 capacity,,) = hardwareRegistry.frozenPool(2);
        assertEq(pool, 0);
        assertEq(capacity, CAPACITY);
        // the same three attestors signed both: all three slashed, all burnt
        assertEq(slashed, 3 * MIN_BOND);
        assertEq(attestorRegistry.totalBurned(), 3 * MIN_BOND);
    }

    /// Attestors who signed only one of the two products keep their bonds; a product signed by a
    /// committee disjoint from the other's freezes with nothing slashed.
    function test_challenge_disjointSignersFreezeWithoutSlashing() public {
        _mintWith(_attestation(1), 0, 3); // att 0,1,2
        (address extra, uint256 extraKey) = makeAddrAndKey("extra-attestor");
        vm.prank(owner);
        attestorRegistry.addAttestor(extra);
        _bond(extra, MIN_BOND);
        HashPowerToken.ProductAttestation memory c = _attestation(2); // same machines
        bytes32 digest = hpt.hashProductAttestation(c);
        address[3] memory signers = [att[3], att[4], extra];
        uint256[3] memory keys = [attKey[3], attKey[4], extraKey];
        for (uint256 i = 1; i < 3; i++) {
            for (uint256 j = i; j > 0 && signers[j] < signers[j - 1]; j--) {
                (signers[j], signers[j - 1]) = (signers[j - 1], signers[j]);
                (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
            }
        }
        AttestorSignature[] memory sigs = new AttestorSignature[](3);
        for (uint256 i; i < 3; i++) {
            sigs[i] = AttestorSignature(signers[i], _signDigest(keys[i], digest));
        }
        vm.prank(issuer);
        hpt.mintProduct(c, sigs);
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty, uint256 slashed) = hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 2, p);
        assertEq(frozenId, 2);
        assertEq(bounty, COLLATERAL / 10);
        assertEq(slashed, 0, "nobody signed both");
        assertTrue(hpt.product(2).frozen);
        for (uint256 i; i < N_ATTESTORS; i++) {
            assertEq(attestorRegistry.attestorInfo(att[i]).bond, MIN_BOND);
        }
        assertEq(attestorRegistry.attestorInfo(extra).bond, MIN_BOND);
        assertEq(attestorRegistry.totalBurned(), 0);
        // and a second challenge of the pair has nothing left to do
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NothingToChallenge.selector, 2));
        hardwareRegistry.challengeDuplicateHardware(hw[1], 2, MerkleHelper.proof(hw, 1), 1, MerkleHelper.proof(hw, 1));
    }

    // =====================================================================================
    // proveOwnership (moved from the token; takes the slice ids now)
    // =====================================================================================

    function test_proveOwnership_completeList() public {
        _mintDefault();
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, _units(300e6, 700e6));
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, ids[1]);
        HardwareRegistry.Ownership memory o = hardwareRegistry.proveOwnership(hw[2], 1, MerkleHelper.proof(hw, 2), ids);
        assertEq(o.productId, 1);
        assertEq(o.issuer, issuer);
        assertFalse(o.frozen);
        assertTrue(o.complete);
        assertEq(o.tokenIds, ids);
        assertEq(o.holders.length, 2);
        assertEq(o.holders[0], issuer);
        assertEq(o.holders[1], alice);
        assertEq(o.units[0], 300e6);
        assertEq(o.units[1], 700e6);
    }

    function test_proveOwnership_incompleteAndEmptyLists() public {
        _mintDefault();
        uint256[] memory ids = _splitEven(issuer, 1, 4);
        uint256[] memory some = _three(ids[0], ids[1], ids[3]);
        HardwareRegistry.Ownership memory o = hardwareRegistry.proveOwnership(hw[0], 1, MerkleHelper.proof(hw, 0), some);
        assertFalse(o.complete, "a slice is missing");
        assertEq(o.tokenIds, some);
        assertEq(o.units[2], CAPACITY / 4);
        o = hardwareRegistry.proveOwnership(hw[0], 1, MerkleHelper.proof(hw, 0), new uint256[](0));
        assertFalse(o.complete);
        assertEq(o.tokenIds.length, 0);
        assertEq(o.holders.length, 0);
        assertEq(o.units.length, 0);
        assertEq(o.issuer, issuer);
    }

    function test_proveOwnership_revertsOnForeignToken() public {
        _mintDefault();
        (, uint256 other) = _mint(_attestation(2));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TokenNotInProduct.selector, other, 1));
        hardwareRegistry.proveOwnership(hw[0], 1, MerkleHelper.proof(hw, 0), _ids(1, other));
    }

    function test_proveOwnership_revertsOnBurntToken() public {
        _mintDefault();
        uint256[] memory ids = _splitEven(issuer, 1, 2); // token 1 burnt
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        hardwareRegistry.proveOwnership(hw[0], 1, MerkleHelper.proof(hw, 0), _three(1, ids[0], ids[1]));
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99));
        hardwareRegistry.proveOwnership(hw[0], 1, MerkleHelper.proof(hw, 0), _ids(ids[1], 99));
    }

    function test_proveOwnership_revertsOnUnsortedOrDuplicateIds() public {
        _mintDefault();
        uint256[] memory ids = _splitEven(issuer, 1, 3); // 2, 3, 4
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TokenIdsNotAscending.selector, ids[1], ids[0]));
        hardwareRegistry.proveOwnership(hw[0], 1, p, _three(ids[1], ids[0], ids[2]));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TokenIdsNotAscending.selector, ids[1], ids[1]));
        hardwareRegistry.proveOwnership(hw[0], 1, p, _three(ids[0], ids[1], ids[1]));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TokenIdsNotAscending.selector, 0, 0));
        hardwareRegistry.proveOwnership(hw[0], 1, p, _ids(0, ids[0]));
    }

    function test_proveOwnership_reverts() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 2);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[1], 1));
        hardwareRegistry.proveOwnership(hw[1], 1, p, _one(1));
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 2));
        hardwareRegistry.proveOwnership(hw[2], 2, p, _one(1));
    }

    function test_proveOwnership_reportsFrozenProducts() public {
        _twoProductsSharingHardware();
        _challenge21(challenger);
        HardwareRegistry.Ownership memory o =
            hardwareRegistry.proveOwnership(hw[1], 2, MerkleHelper.proof(hwB, 1), _one(2));
        assertTrue(o.frozen);
        assertTrue(o.complete);
        assertEq(o.issuer, alice);
        assertEq(o.holders[0], alice);
    }

    /// Replaces the paged `productTokensPage` view: one proof takes at most MAX_ITEMS (500) ids.
    function test_proveOwnership_atMostMaxItemsIds() public {
        _mintDefault();
        uint256[] memory all = _manySlices(8); // 64 + 8 * 63 = 568 slices
        assertEq(all.length, 568);
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TooManyTokens.selector, 568, 500));
        hardwareRegistry.proveOwnership(hw[0], 1, p, all);
        uint256[] memory first = new uint256[](500);
        for (uint256 i; i < 500; i++) {
            first[i] = all[i];
        }
        HardwareRegistry.Ownership memory o = hardwareRegistry.proveOwnership(hw[0], 1, p, first);
        assertFalse(o.complete);
        assertEq(o.tokenIds.length, 500);
        // the hardware proof is checked before the count
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[1], 1));
        hardwareRegistry.proveOwnership(hw[1], 1, p, all);
    }

    // =====================================================================================
    // redeemFrozen
    // =====================================================================================

    /// Product 2 (alice's, collateral 10 tWBTC, 9 forfeited) split into 333,333,333 + 333,333,333
    /// + 333,333,334 units; alice (its issuer) keeps the first, sells the others to bob and carol;
    /// an hour later it is frozen. Shares are units * 9e8 / 1e9, rounded down; alice's is withheld.
    function _frozenThreeSlices() internal returns (uint256[] memory ids) {
        _twoProductsSharingHardware();
        vm.prank(alice);
        ids = hpt.split(2, _three(333_333_333, 333_333_333, 333_333_334)); // 3, 4, 5
        vm.startPrank(alice);
        hpt.transferFrom(alice, bob, ids[1]);
        hpt.transferFrom(alice, carol, ids[2]);
        vm.stopPrank();
        vm.warp(block.timestamp + 1 hours);
        _challenge21(challenger);
    }

    function test_redeem_paysTheHoldersAtTheFreezeButNotTheIssuer() public {
        uint256[] memory ids = _frozenThreeSlices();
        uint256 forfeited = COLLATERAL - COLLATERAL / 10;
        uint256 s1 = 333_333_333 * forfeited / CAPACITY;
        uint256 s2 = 333_333_334 * forfeited / CAPACITY;
        assertEq(s1, 299_999_999);
        assertEq(s2, 300_000_000);
        uint256[] memory at = _atFreeze(ids);
        uint256 aliceBefore = wbtc.balanceOf(alice);

        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(ids[0], 2, alice, 0); // the issuer's own slice
        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(ids[1], 2, bob, s1);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.ForfeitedPaid(2, bob, s1);
        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(ids[2], 2, carol, s2);
        vm.prank(stranger); // anyone may redeem; the holders are paid
        uint256 total = hardwareRegistry.redeemFrozen(ids, at);
        assertEq(total, s1 + s2);
        assertEq(wbtc.balanceOf(alice), aliceBefore, "the issuer is not paid for its own units");
        assertEq(wbtc.balanceOf(bob), s1);
        assertEq(wbtc.balanceOf(carol), s2);
        assertEq(wbtc.balanceOf(stranger), 0);
        for (uint256 i; i < 3; i++) {
            assertTrue(hardwareRegistry.isRedeemed(ids[i]));
        }
        // the issuer's share and the dust (1 unit of tWBTC) stay in the vault, booked as forfeited
        assertEq(collateralVault.forfeitedOf(2), forfeited - total);
        assertEq(forfeited - total, s1 + 2);
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL + (forfeited - total));
        (uint256 pool, uint256 capacity, uint64 frozenAt, address poolIssuer) = hardwareRegistry.frozenPool(2);
        assertEq(pool, forfeited, "the pool records what was forfeited, shares stay fixed");
        assertEq(capacity, CAPACITY);
        assertEq(frozenAt, block.timestamp);
        assertEq(poolIssuer, alice);
    }

    function test_redeem_oncePerToken() public {
        uint256[] memory ids = _frozenThreeSlices();
        uint256[] memory at = _atFreeze(ids);
        hardwareRegistry.redeemFrozen(_one(ids[1]), _one(at[1]));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, ids[1]));
        hardwareRegistry.redeemFrozen(_one(ids[1]), _one(at[1]));
        // a duplicate inside one call reverts the whole call
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, ids[2]));
        hardwareRegistry.redeemFrozen(_three(ids[2], ids[0], ids[2]), _three(at[2], at[0], at[2]));
        assertFalse(hardwareRegistry.isRedeemed(ids[2]));
        assertFalse(hardwareRegistry.isRedeemed(ids[0]));
        assertEq(wbtc.balanceOf(carol), 0);
        // the issuer's withheld slice is redeemed (for nothing) once too
        hardwareRegistry.redeemFrozen(_one(ids[0]), _one(at[0]));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, ids[0]));
        hardwareRegistry.redeemFrozen(_one(ids[0]), _one(at[0]));
        // after the token changes hands it still cannot be redeemed again, by any holding
        vm.prank(bob);
        hpt.transferFrom(bob, stranger, ids[1]);
        for (uint256 j; j < hpt.holdingCount(ids[1]); j++) {
            vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, ids[1]));
            hardwareRegistry.redeemFrozen(_one(ids[1]), _one(j));
        }
    }

    /// Issue #10 (hole found in review): the claim belongs to the holder at the freeze. Frozen
    /// tokens still transfer, but a transfer after the freeze moves no claim: bob, who held it, is
    /// paid; the buyer is not, and the issuer cannot launder its withheld slice through a fresh address.
    function test_redeem_paysTheHolderAtTheFreezeNotTheCurrentOwner() public {
        uint256[] memory ids = _frozenThreeSlices();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(bob);
        hpt.transferFrom(bob, stranger, ids[1]); // frozen tokens transfer
        vm.prank(alice);
        hpt.transferFrom(alice, stranger, ids[0]); // the issuer's unsold slice, after the freeze
        uint256[] memory at = _atFreeze(ids);
        uint256 share = 333_333_333 * (COLLATERAL - COLLATERAL / 10) / CAPACITY;

        // the stranger's holdings began after the freeze: naming them fails
        uint256 last1 = hpt.holdingCount(ids[1]) - 1;
        assertGt(last1, at[1]);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, ids[1], last1));
        hardwareRegistry.redeemFrozen(_one(ids[1]), _one(last1));
        uint256 last0 = hpt.holdingCount(ids[0]) - 1;
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, ids[0], last0));
        hardwareRegistry.redeemFrozen(_one(ids[0]), _one(last0));
        // an index past the last holding is the token's own error
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, ids[1], last1 + 1));
        hardwareRegistry.redeemFrozen(_one(ids[1]), _one(last1 + 1));

        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(ids[1], 2, bob, share);
        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(ids[0], 2, alice, 0);
        vm.prank(stranger);
        hardwareRegistry.redeemFrozen(_ids(ids[1], ids[0]), _ids(at[1], at[0]));
        assertEq(wbtc.balanceOf(bob), share);
        assertEq(wbtc.balanceOf(stranger), 0);
    }

    /// A holding that ended before the freeze (alice's, before she sold to bob) is not the one.
    function test_redeem_rejectsAHoldingThatEndedBeforeTheFreeze() public {
        _twoProductsSharingHardware();
        vm.prank(alice);
        uint256[] memory ids = hpt.split(2, _ids(500e6, 500e6));
        vm.warp(block.timestamp + 1 hours); // alice's holding of ids[1] lasts an hour
        vm.prank(alice);
        hpt.transferFrom(alice, bob, ids[1]);
        vm.warp(block.timestamp + 1 hours);
        _challenge21(challenger);
        assertEq(hpt.holdingCount(ids[1]), 2);
        assertEq(hpt.holding(ids[1], 0).holder, alice);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, ids[1], 0));
        hardwareRegistry.redeemFrozen(_one(ids[1]), _one(0));
        assertEq(_atFreeze(_one(ids[1]))[0], 1);
        assertEq(hardwareRegistry.redeemFrozen(_one(ids[1]), _one(1)), 500e6 * (COLLATERAL - COLLATERAL / 10) / CAPACITY);
    }

    /// Holdings are kept to the second: a transfer in the second of the freeze counts as made
    /// before it (the same as one mined just before the challenge, which no rule can tell apart).
    function test_redeem_aTransferInTheSecondOfTheFreezeCountsAsBefore() public {
        uint256[] memory ids = _frozenThreeSlices();
        vm.prank(bob);
        hpt.transferFrom(bob, stranger, ids[1]); // same timestamp as the freeze
        uint256[] memory at = _atFreeze(_one(ids[1]));
        assertEq(hpt.holding(ids[1], at[0]).holder, stranger);
        hardwareRegistry.redeemFrozen(_one(ids[1]), at);
        assertEq(wbtc.balanceOf(stranger), 333_333_333 * (COLLATERAL - COLLATERAL / 10) / CAPACITY);
        assertEq(wbtc.balanceOf(bob), 0);
    }

    function test_redeem_sumNeverExceedsForfeitedAndDustStays() public {
        _twoProductsSharingHardware();
        uint256[] memory ids = _splitEven(alice, 2, 7); // 1e9 / 7 does not divide
        vm.startPrank(alice); // sold, so that every share is paid
        for (uint256 i; i < ids.length; i++) {
            hpt.transferFrom(alice, bob, ids[i]);
        }
        vm.stopPrank();
        _challenge21(challenger);
        uint256[] memory at = _atFreeze(ids);
        uint256 total = hardwareRegistry.redeemFrozen(ids, at);
        uint256 forfeited = COLLATERAL - COLLATERAL / 10;
        assertLe(total, forfeited);
        assertLt(forfeited - total, ids.length, "dust below one unit per token");
        assertEq(collateralVault.forfeitedOf(2), forfeited - total);
        // nothing else can take the dust: every token is redeemed
        for (uint256 i; i < ids.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, ids[i]));
            hardwareRegistry.redeemFrozen(_one(ids[i]), _one(at[i]));
        }
    }

    function test_redeem_revertsForTokensOfLiveProducts() public {
        _twoProductsSharingHardware();
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotFrozen.selector, 1));
        hardwareRegistry.redeemFrozen(_one(1), _one(0));
        _challenge21(challenger);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotFrozen.selector, 1));
        hardwareRegistry.redeemFrozen(_ids(2, 1), _ids(0, 0)); // one live token reverts the whole call
        assertFalse(hardwareRegistry.isRedeemed(2));
    }

    /// A product frozen by another PRODUCT_FREEZER (if the admin ever granted the role elsewhere)
    /// has no pool here: its tokens cannot be redeemed at this registry.
    function test_redeem_revertsForProductsFrozenElsewhere() public {
        _mintDefault();
        vm.prank(owner);
        manager.grantRole(Roles.PRODUCT_FREEZER, stranger, 0);
        vm.prank(stranger);
        hpt.freeze(1);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotFrozen.selector, 1));
        hardwareRegistry.redeemFrozen(_one(1), _one(0));
    }

    function test_redeem_revertsForNonexistentTokens() public {
        _twoProductsSharingHardware();
        _challenge21(challenger);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        hardwareRegistry.redeemFrozen(_ids(2, 9), _ids(0, 0));
    }

    function test_redeem_atMostMaxRedeemItemsAndEqualLengths() public {
        assertEq(hardwareRegistry.MAX_REDEEM_ITEMS(), 200);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.TooManyTokens.selector, 201, 200));
        hardwareRegistry.redeemFrozen(new uint256[](201), new uint256[](201));
        vm.expectRevert(abi.encodeWithSelector(LengthMismatch.selector, 2, 1));
        hardwareRegistry.redeemFrozen(new uint256[](2), new uint256[](1));
        assertEq(hardwareRegistry.redeemFrozen(new uint256[](0), new uint256[](0)), 0, "empty list: nothing paid");
    }

    function test_redeem_tokensOfSeveralFrozenProductsInOneCall() public {
        _mintDefault(); // 1: hw
        _mint(_attestation(2)); // 2: same machines
        _mint(_attestation(3)); // 3: same machines
        vm.prank(issuer);
        hpt.transferFrom(issuer, bob, 2);
        vm.prank(issuer);
        hpt.transferFrom(issuer, carol, 3);
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 2, p);
        // the slashed committee left: the second challenge slashes nothing but still freezes
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 3, p);
        uint256[] memory ids = _ids(3, 2);
        uint256 total = hardwareRegistry.redeemFrozen(ids, _atFreeze(ids));
        uint256 share = COLLATERAL - COLLATERAL / 10;
        assertEq(total, 2 * share);
        assertEq(wbtc.balanceOf(bob), share);
        assertEq(wbtc.balanceOf(carol), share);
        assertEq(collateralVault.forfeitedOf(2), 0);
        assertEq(collateralVault.forfeitedOf(3), 0);
    }

    function test_redeem_zeroPoolPaysNothingButCounts() public {
        _mintDefault();
        HashPowerToken.ProductAttestation memory b = _attestation(2);
        b.collateral = 0;
        _mint(b);
        vm.prank(issuer);
        hpt.transferFrom(issuer, bob, 2);
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, p, 2, p);
        uint256[] memory at = _atFreeze(_one(2));
        vm.expectEmit(address(hardwareRegistry));
        emit HardwareRegistry.FrozenRedeemed(2, 2, bob, 0);
        assertEq(hardwareRegistry.redeemFrozen(_one(2), at), 0);
        assertTrue(hardwareRegistry.isRedeemed(2));
    }

    function test_redeem_worksAfterTheProductEnded() public {
        uint256[] memory ids = _frozenThreeSlices();
        vm.warp(T0 + 1_000 days);
        assertGt(hardwareRegistry.redeemFrozen(ids, _atFreeze(ids)), 0);
    }

    // =====================================================================================
    // fuzz
    // =====================================================================================

    /// Random slices of the later product, random collateral, random sales before the freeze and
    /// random resales after it: every share is exactly units * forfeited / capacity (rounded down),
    /// paid to whoever held the slice at the freeze, nothing for the issuer's (alice's) own slices,
    /// and the sum never exceeds what was forfeited.
    function testFuzz_redeem_sharesExactAndBounded(uint256 seed, uint8 partsSeed, uint96 collateral) public {
        _mintDefault();
        HashPowerToken.ProductAttestation memory b = _attestationFor(alice, hw, 2);
        b.collateral = bound(collateral, 0, 100e8);
        _fund(alice, 100e8);
        _mintWith(b, 0, 3);
        uint256 n = bound(partsSeed, 2, 16);
        (uint256[] memory units, uint256[] memory ids) = _splitRandomly(2, n, seed);
        address[3] memory people = [alice, bob, carol];
        for (uint256 i; i < n; i++) {
            address to = people[uint256(keccak256(abi.encode(seed, "to", i))) % 3];
            if (to != alice) {
                vm.prank(alice);
                hpt.transferFrom(alice, to, ids[i]);
            }
        }
        vm.warp(block.timestamp + 1 + seed % 30 days);
        bytes32[] memory p = MerkleHelper.proof(hw, 1);
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, p, 2, p);
        uint256 forfeited = b.collateral - b.collateral / 10;
        uint256[3] memory expected;
        uint256 sum;
        for (uint256 i; i < n; i++) {
            address o = hpt.ownerOf(ids[i]);
            uint256 share = o == alice ? 0 : units[i] * forfeited / CAPACITY;
            expected[o == alice ? 0 : o == bob ? 1 : 2] += share;
            sum += share;
        }
        // resales after the freeze move no claim
        vm.warp(block.timestamp + 1);
        _resellSome(ids, seed, stranger);
        uint256[3] memory before = [wbtc.balanceOf(alice), wbtc.balanceOf(bob), wbtc.balanceOf(carol)];
        uint256 total = hardwareRegistry.redeemFrozen(ids, _atFreeze(ids));
        assertEq(total, sum);
        assertLe(total, forfeited);
        assertEq(wbtc.balanceOf(alice) - before[0], expected[0]);
        assertEq(expected[0], 0, "the issuer is never paid");
        assertEq(wbtc.balanceOf(bob) - before[1], expected[1]);
        assertEq(wbtc.balanceOf(carol) - before[2], expected[2]);
        assertEq(wbtc.balanceOf(stranger), 0, "post-freeze buyers are not paid");
        assertEq(collateralVault.forfeitedOf(2), forfeited - total);
    }

    /// @dev Splits token `tokenId` (of capacity CAPACITY, held by alice) into `n` random non-zero parts.
    function _splitRandomly(uint256 tokenId, uint256 n, uint256 seed)
        private
        returns (uint256[] memory units, uint256[] memory ids)
    {
        units = new uint256[](n);
        uint256 remaining = CAPACITY;
        for (uint256 i; i < n - 1; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            units[i] = 1 + r % (remaining - (n - 1 - i));
            remaining -= units[i];
        }
        units[n - 1] = remaining;
        vm.prank(alice);
        ids = hpt.split(tokenId, units);
    }

    /// @dev Each token goes from its owner to `buyer` with probability 1/2 (by `seed`).
    function _resellSome(uint256[] memory ids, uint256 seed, address buyer) private {
        for (uint256 i; i < ids.length; i++) {
            if (uint256(keccak256(abi.encode(seed, "resell", i))) % 2 == 0) {
                address o = hpt.ownerOf(ids[i]);
                vm.prank(o);
                hpt.transferFrom(o, buyer, ids[i]);
            }
        }
    }
}
