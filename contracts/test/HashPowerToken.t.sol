// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC721Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Unit tests of HashPowerToken: every function, every error with its exact arguments,
/// every event, access control (SECURITY-CHECKLIST item 31).
contract HashPowerTokenTest is HashPowerFixtures {
    // =====================================================================================
    // constructor / constants / EIP-712
    // =====================================================================================

    function test_constructor_setsEverything() public view {
        assertEq(hpt.name(), "HashMix Hash Power");
        assertEq(hpt.symbol(), "HMXHP");
        assertEq(hpt.owner(), owner);
        assertEq(address(hpt.assetClassRegistry()), address(assetClasses));
        assertEq(address(hpt.attestorRegistry()), address(attestorRegistry));
        assertEq(hpt.productCount(), 0);
        assertFalse(hpt.paused());
        assertTrue(hpt.supportsInterface(type(IERC721).interfaceId));
        assertTrue(hpt.supportsInterface(type(IERC721Metadata).interfaceId));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(HashPowerToken.ZeroAddress.selector);
        new HashPowerToken(owner, AssetClassRegistry(address(0)), attestorRegistry);
        vm.expectRevert(HashPowerToken.ZeroAddress.selector);
        new HashPowerToken(owner, assetClasses, AttestorRegistry(address(0)));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new HashPowerToken(address(0), assetClasses, attestorRegistry);
    }

    function test_constants() public view {
        assertEq(hpt.CHALLENGE_BOUNTY_BPS(), 1_000);
        assertEq(hpt.MAX_PARTS(), 64);
        assertEq(hpt.MAX_TERM(), 3_650 days);
        assertEq(hpt.MAX_PAGE_SIZE(), 500);
    }

    /// SECURITY-CHECKLIST item 6: the exact type string is pinned.
    function test_item6_typeHashPinned() public view {
        assertEq(
            hpt.PRODUCT_ATTESTATION_TYPEHASH(),
            keccak256(
                "ProductAttestation(address issuer,bytes32 assetClass,uint256 capacity,uint64 start,uint64 end,"
                "bytes32 hardwareRoot,uint32 hardwareCount,bytes32 metadataHash,address collateralToken,"
                "uint256 collateral,uint256 nonce,uint64 deadline,uint64 committeeEpoch)"
            )
        );
    }

    function test_domainSeparator_matchesEip712() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("HashMix"),
                keccak256("1"),
                block.chainid,
                address(hpt)
            )
        );
        assertEq(hpt.domainSeparator(), expected);
    }

    /// SECURITY-CHECKLIST item 6: the struct hash is abi.encode of every field, in order.
    function test_item6_hashProductAttestation_matchesManualEncoding() public view {
        HashPowerToken.ProductAttestation memory a = _attestation(42);
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(hpt.PRODUCT_ATTESTATION_TYPEHASH(), a.issuer, a.assetClass, a.capacity, a.start, a.end),
                abi.encode(a.hardwareRoot, a.hardwareCount, a.metadataHash, a.collateralToken, a.collateral),
                abi.encode(a.nonce, a.deadline, a.committeeEpoch)
            )
        );
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", hpt.domainSeparator(), structHash));
        assertEq(hpt.hashProductAttestation(a), digest);
    }

    // =====================================================================================
    // mintProduct
    // =====================================================================================

    function test_mint_storesProductAndToken() public {
        HashPowerToken.ProductAttestation memory a = _attestation(7);
        uint256 before = wbtc.balanceOf(issuer);
        (uint256 productId, uint256 tokenId) = _mint(a);
        assertEq(productId, 1);
        assertEq(tokenId, 1);
        assertEq(hpt.productCount(), 1);

        HashPowerToken.Product memory p = hpt.product(1);
        assertEq(p.issuer, issuer);
        assertEq(p.assetClass, btc);
        assertEq(p.capacity, CAPACITY);
        assertEq(p.start, a.start);
        assertEq(p.end, a.end);
        assertEq(p.hardwareRoot, a.hardwareRoot);
        assertEq(p.hardwareCount, 4);
        assertEq(p.metadataHash, a.metadataHash);
        assertEq(p.collateralToken, address(wbtc));
        assertEq(p.collateral, COLLATERAL);
        assertFalse(p.frozen);

        HashPowerToken.TokenData memory t = hpt.tokenData(1);
        assertEq(t.productId, 1);
        assertEq(t.assetClass, btc);
        assertEq(t.units, CAPACITY);
        assertEq(t.start, a.start);
        assertEq(t.end, a.end);
        assertEq(t.issuer, issuer);
        assertFalse(t.frozen);
        assertEq(hpt.ownerOf(1), issuer);
        assertEq(hpt.balanceOf(issuer), 1);

        uint256[] memory live = hpt.productTokens(1);
        assertEq(live.length, 1);
        assertEq(live[0], 1);
        address[] memory signers = hpt.productSigners(1);
        assertEq(signers.length, 3);
        for (uint256 i; i < 3; i++) {
            assertEq(signers[i], att[i]);
            assertEq(attestorRegistry.attestorInfo(att[i]).lockedUntil, a.end); // bonds locked
        }
        assertEq(attestorRegistry.attestorInfo(att[3]).lockedUntil, 0); // non-signer untouched
        assertTrue(hpt.isNonceUsed(7));
        assertFalse(hpt.isNonceUsed(8));
        assertEq(wbtc.balanceOf(address(hpt)), COLLATERAL);
        assertEq(wbtc.balanceOf(issuer), before - COLLATERAL);
    }

    function test_mint_emitsEvents() public {
        HashPowerToken.ProductAttestation memory a = _attestation(7);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.expectEmit(address(hpt));
        emit IERC721.Transfer(address(0), issuer, 1);
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductMinted(1, issuer, btc, CAPACITY, a.start, a.end, a.hardwareRoot, COLLATERAL, 1);
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductAttested(
            1, hpt.hashProductAttestation(a), 7, a.committeeEpoch, a.hardwareCount, a.metadataHash, address(wbtc)
        );
        vm.expectEmit(address(attestorRegistry));
        emit AttestorRegistry.BondsLocked(att[0], a.end);
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_idsIncrement() public {
        _mintDefault();
        vm.prank(issuer);
        hpt.split(1, _units(1, CAPACITY - 1));
        (uint256 p2, uint256 t2) = _mint(_attestation(2));
        assertEq(p2, 2);
        assertEq(t2, 4); // tokens 2 and 3 came from the split
    }

    function test_mint_zeroCollateralPullsNothing() public {
        HashPowerToken.ProductAttestation memory a = _attestation(3);
        a.collateral = 0;
        vm.prank(issuer);
        wbtc.approve(address(hpt), 0);
        _mint(a);
        assertEq(wbtc.balanceOf(address(hpt)), 0);
        assertEq(hpt.product(1).collateral, 0);
    }

    function test_mint_startInFutureAndPastAllowed() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.start = uint64(T0 + 30 days); // forward product
        _mint(a);
        a = _attestation(2);
        a.start = uint64(T0 - 30 days); // already started
        _mint(a);
        assertEq(hpt.productCount(), 2);
    }

    function test_mint_revertsForNonIssuer() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_deadlineBoundary() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.warp(a.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.AttestationExpired.selector, a.deadline));
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
        vm.warp(a.deadline); // exactly at the deadline is fine
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_revertsOnUsedNonce() public {
        _mint(_attestation(5));
        HashPowerToken.ProductAttestation memory a = _attestation(5);
        a.capacity = 1; // a different attestation, same nonce
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NonceAlreadyUsed.selector, 5));
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    function _expectMintRevert(HashPowerToken.ProductAttestation memory a, bytes memory err) internal {
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.expectRevert(err);
        vm.prank(a.issuer);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_revertsOnInvalidTerm() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.end = a.start;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.end = a.start - 1;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.start = uint64(T0 - 10 days);
        a.end = uint64(T0); // ends now: not in the future
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.end = uint64(T0 + 1);
        _mint(a);
    }

    /// Audit fix 4: a term longer than MAX_TERM (e.g. milliseconds given for seconds) would lock
    /// every signer's bond for ages; MAX_TERM itself is accepted, MAX_TERM + 1 is not.
    function test_mint_termBoundedByMaxTerm() public {
        uint64 maxTerm = hpt.MAX_TERM();
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.end = a.start + maxTerm + 1;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.end = uint64(a.start) * 1000; // milliseconds mistake
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.end = type(uint64).max;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
        a.end = a.start + maxTerm;
        _mint(a);
        assertEq(hpt.product(1).end, uint64(T0) + 3_650 days);
        assertEq(attestorRegistry.attestorInfo(att[0]).lockedUntil, uint64(T0) + 3_650 days);
    }

    /// Audit fix 6: the EIP-712 digest of each product is stored and emitted.
    function test_mint_storesDigest() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 d1 = hpt.hashProductAttestation(a);
        _mint(a);
        HashPowerToken.ProductAttestation memory b = _attestation(2);
        bytes32 d2 = hpt.hashProductAttestation(b);
        _mint(b);
        assertEq(hpt.productDigest(1), d1);
        assertEq(hpt.productDigest(2), d2);
        assertTrue(d1 != d2);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 3));
        hpt.productDigest(3);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 0));
        hpt.productDigest(0);
    }

    /// Audit fix 2: a bundle signed before one of its signers was slashed cannot mint, even after
    /// that signer re-joins and re-bonds (the slash removed it and bumped the epoch).
    function test_mint_bundleSignedBeforeSlashCannotMintAfterRebond() public {
        HashPowerToken.ProductAttestation memory stale = _attestation(9);
        AttestorSignature[] memory staleSigs = _sigs(stale, 0, 3);
        uint64 signedEpoch = stale.committeeEpoch;

        bytes32[] memory hwB = _twoProductsSharingHardware(); // att[2] signed both
        vm.prank(challenger);
        hpt.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        assertFalse(attestorRegistry.attestorInfo(att[2]).member);
        assertFalse(attestorRegistry.isActiveAttestor(att[2]));

        vm.prank(owner);
        attestorRegistry.addAttestor(att[2]);
        _bond(att[2], MIN_BOND);
        assertTrue(attestorRegistry.isActiveAttestor(att[2]));

        vm.expectRevert(
            abi.encodeWithSelector(
                AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, attestorRegistry.epoch()
            )
        );
        vm.prank(issuer);
        hpt.mintProduct(stale, staleSigs);

        // while it is out of the committee, its signatures do not count either
        vm.prank(owner);
        attestorRegistry.removeAttestor(att[2]);
        HashPowerToken.ProductAttestation memory fresh = _attestation(10);
        AttestorSignature[] memory sigs = _sigs(fresh, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, att[2]));
        vm.prank(issuer);
        hpt.mintProduct(fresh, sigs);
    }

    function test_mint_revertsOnZeroCapacity() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.capacity = 0;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.ZeroCapacity.selector));
    }

    function test_mint_revertsOnInvalidHardwareCommitment() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.hardwareRoot = bytes32(0);
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidHardwareCommitment.selector));
        a = _attestation(1);
        a.hardwareCount = 0;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidHardwareCommitment.selector));
    }

    function test_mint_revertsOnInactiveAssetClass() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.assetClass = keccak256("UNKNOWN");
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.AssetClassNotActive.selector, a.assetClass));
        vm.prank(owner);
        assetClasses.setActive(btc, false);
        a = _attestation(1);
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.AssetClassNotActive.selector, btc));
    }

    function test_mint_revertsOnWrongCollateralToken() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.collateralToken = stranger;
        _expectMintRevert(
            a, abi.encodeWithSelector(HashPowerToken.WrongCollateralToken.selector, address(wbtc), stranger)
        );
    }

    function test_mint_revertsWithoutAllowance() public {
        vm.prank(issuer);
        wbtc.approve(address(hpt), COLLATERAL - 1);
        _expectMintRevert(
            _attestation(1),
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(hpt), COLLATERAL - 1, COLLATERAL
            )
        );
    }

    function test_mint_revertsBelowThreshold() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 2, 3));
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_revertsWhenNotConsumer() public {
        vm.prank(owner);
        attestorRegistry.setConsumer(address(hpt), false);
        _expectMintRevert(
            _attestation(1), abi.encodeWithSelector(AttestorRegistry.NotAConsumer.selector, address(hpt))
        );
    }

    // =====================================================================================
    // pause
    // =====================================================================================

    function test_pause_stopsMintingOnly() public {
        _mintDefault();
        vm.expectEmit(address(hpt));
        emit Pausable.Paused(owner);
        vm.prank(owner);
        hpt.pause();
        _expectMintRevert(_attestation(2), abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        // transfers, split, merge keep working
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, 1);
        vm.prank(alice);
        uint256[] memory ids = hpt.split(1, _units(10, CAPACITY - 10));
        vm.prank(alice);
        hpt.merge(ids);
        vm.expectEmit(address(hpt));
        emit Pausable.Unpaused(owner);
        vm.prank(owner);
        hpt.unpause();
        _mint(_attestation(2));
    }

    function test_pause_accessControl() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        hpt.pause();
        vm.prank(owner);
        hpt.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        hpt.unpause();
        vm.prank(owner);
        hpt.unpause();
    }

    function test_pause_twiceReverts() public {
        vm.startPrank(owner);
        hpt.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        hpt.pause();
        hpt.unpause();
        vm.expectRevert(Pausable.ExpectedPause.selector);
        hpt.unpause();
        vm.stopPrank();
    }

    function test_ownable2Step_transfer() public {
        vm.prank(owner);
        hpt.transferOwnership(alice);
        vm.prank(alice);
        hpt.acceptOwnership();
        assertEq(hpt.owner(), alice);
    }

    // =====================================================================================
    // split
    // =====================================================================================

    function test_split_burnsAndMintsInOrder() public {
        _mintDefault();
        uint256[] memory units = new uint256[](3);
        units[0] = 100e6;
        units[1] = 400e6;
        units[2] = 500e6;
        uint256[] memory expectedIds = new uint256[](3);
        expectedIds[0] = 2;
        expectedIds[1] = 3;
        expectedIds[2] = 4;
        vm.expectEmit(address(hpt));
        emit HashPowerToken.TokenSplit(1, expectedIds, units);
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, units);
        assertEq(ids, expectedIds);
        for (uint256 i; i < 3; i++) {
            assertEq(hpt.ownerOf(ids[i]), issuer);
            assertEq(hpt.tokenData(ids[i]).units, units[i]);
            assertEq(hpt.tokenData(ids[i]).productId, 1);
        }
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        hpt.ownerOf(1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        hpt.tokenData(1);
        assertEq(hpt.productTokens(1).length, 3);
        assertEq(_liveSum(1), CAPACITY);
        assertEq(hpt.balanceOf(issuer), 3);
    }

    function test_split_byApprovedOperatorGoesToOwner() public {
        _mintDefault();
        vm.prank(issuer);
        hpt.approve(alice, 1);
        vm.prank(alice);
        uint256[] memory ids = hpt.split(1, _units(1, CAPACITY - 1));
        assertEq(hpt.ownerOf(ids[0]), issuer);
        assertEq(hpt.ownerOf(ids[1]), issuer);
        assertEq(hpt.getApproved(ids[0]), address(0)); // approval does not carry over
        vm.prank(issuer);
        hpt.setApprovalForAll(alice, true);
        vm.prank(alice);
        hpt.split(ids[1], _units(1, CAPACITY - 2));
    }

    function test_split_revertsForUnauthorized() public {
        _mintDefault();
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, stranger, 1));
        vm.prank(stranger);
        hpt.split(1, _units(1, CAPACITY - 1));
    }

    function test_split_revertsForNonexistent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        hpt.split(9, _units(1, 1));
    }

    function test_split_revertsOnPartCount() public {
        _mintDefault();
        uint256[] memory one = new uint256[](1);
        one[0] = CAPACITY;
        vm.startPrank(issuer);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 1));
        hpt.split(1, one);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 0));
        hpt.split(1, new uint256[](0));
        uint256[] memory many = new uint256[](65);
        for (uint256 i; i < 65; i++) {
            many[i] = 1;
        }
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 65));
        hpt.split(1, many);
        // 64 is the maximum
        uint256[] memory max = new uint256[](64);
        for (uint256 i; i < 64; i++) {
            max[i] = i == 0 ? CAPACITY - 63 : 1;
        }
        assertEq(hpt.split(1, max).length, 64);
        vm.stopPrank();
        assertEq(_liveSum(1), CAPACITY);
    }

    function test_split_revertsOnZeroUnits() public {
        _mintDefault();
        vm.expectRevert(HashPowerToken.ZeroUnits.selector);
        vm.prank(issuer);
        hpt.split(1, _units(0, CAPACITY));
    }

    function test_split_revertsOnMismatch() public {
        _mintDefault();
        vm.startPrank(issuer);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnitsMismatch.selector, CAPACITY, CAPACITY - 1));
        hpt.split(1, _units(1, CAPACITY - 2));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnitsMismatch.selector, CAPACITY, CAPACITY + 1));
        hpt.split(1, _units(1, CAPACITY));
        vm.stopPrank();
    }

    // =====================================================================================
    // merge
    // =====================================================================================

    function _splitDefault() internal returns (uint256[] memory ids) {
        _mintDefault();
        uint256[] memory units = new uint256[](4);
        units[0] = 100e6;
        units[1] = 200e6;
        units[2] = 300e6;
        units[3] = 400e6;
        vm.prank(issuer);
        ids = hpt.split(1, units); // 2, 3, 4, 5
    }

    function test_merge_burnsAndMints() public {
        uint256[] memory ids = _splitDefault();
        uint256[] memory set = new uint256[](3);
        set[0] = ids[3];
        set[1] = ids[0];
        set[2] = ids[2];
        vm.expectEmit(address(hpt));
        emit HashPowerToken.TokensMerged(set, 6);
        vm.prank(issuer);
        uint256 id = hpt.merge(set);
        assertEq(id, 6);
        assertEq(hpt.ownerOf(6), issuer);
        assertEq(hpt.tokenData(6).units, 800e6);
        assertEq(hpt.productTokens(1).length, 2);
        assertEq(_liveSum(1), CAPACITY);
        for (uint256 i; i < 3; i++) {
            vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, set[i]));
            hpt.ownerOf(set[i]);
        }
    }

    function test_merge_byOperator() public {
        uint256[] memory ids = _splitDefault();
        vm.prank(issuer);
        hpt.setApprovalForAll(alice, true);
        vm.prank(alice);
        uint256 id = hpt.merge(_ids(ids[0], ids[1]));
        assertEq(hpt.ownerOf(id), issuer);
    }

    function test_merge_revertsOnPartCount() public {
        uint256[] memory ids = _splitDefault();
        uint256[] memory one = new uint256[](1);
        one[0] = ids[0];
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 1));
        vm.prank(issuer);
        hpt.merge(one);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 65));
        vm.prank(issuer);
        hpt.merge(new uint256[](65));
    }

    function test_merge_revertsOnDuplicate() public {
        uint256[] memory ids = _splitDefault();
        uint256[] memory set = new uint256[](3);
        set[0] = ids[0];
        set[1] = ids[1];
        set[2] = ids[0];
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.DuplicateToken.selector, ids[0]));
        vm.prank(issuer);
        hpt.merge(set);
    }

    function test_merge_revertsOnNonexistent() public {
        uint256[] memory ids = _splitDefault();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        vm.prank(issuer);
        hpt.merge(_ids(ids[0], 1)); // 1 was burnt by the split
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        vm.prank(issuer);
        hpt.merge(_ids(1, ids[0]));
    }

    function test_merge_revertsOnProductMismatch() public {
        uint256[] memory ids = _splitDefault();
        (, uint256 other) = _mint(_attestation(2));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductMismatch.selector, other));
        vm.prank(issuer);
        hpt.merge(_ids(ids[0], other));
    }

    function test_merge_revertsOnOwnerMismatch() public {
        uint256[] memory ids = _splitDefault();
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, ids[1]);
        vm.prank(issuer);
        hpt.setApprovalForAll(alice, true);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.OwnerMismatch.selector, ids[1]));
        vm.prank(alice); // authorized for both, but they have different owners
        hpt.merge(_ids(ids[0], ids[1]));
    }

    function test_merge_revertsForUnauthorized() public {
        uint256[] memory ids = _splitDefault();
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, stranger, ids[0]));
        vm.prank(stranger);
        hpt.merge(_ids(ids[0], ids[1]));
        // approval for one token only is not enough
        vm.prank(issuer);
        hpt.approve(alice, ids[0]);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, alice, ids[1]));
        vm.prank(alice);
        hpt.merge(_ids(ids[0], ids[1]));
    }

    // =====================================================================================
    // challengeDuplicateHardware
    // =====================================================================================

    /// Product 1 by issuer (att 0,1,2) and product 2 by alice (att 2,3,4) share hw[1].
    function _twoProductsSharingHardware() internal returns (bytes32[] memory hwB) {
        _mintDefault();
        hwB = new bytes32[](3);
        hwB[0] = keccak256("other-1");
        hwB[1] = hw[1];
        hwB[2] = keccak256("other-2");
        _fund(alice, 100e8);
        HashPowerToken.ProductAttestation memory b = _attestationFor(alice, hwB, 2);
        _mintWith(b, 2, 3);
    }

    function test_challenge_freezesLaterPaysBountyAndSlashesCommonSigners() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        bytes32[] memory proofA = MerkleHelper.proof(hw, 1);
        bytes32[] memory proofB = MerkleHelper.proof(hwB, 1);
        uint256 bounty = COLLATERAL / 10;

        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductFrozen(2);
        vm.expectEmit(address(hpt));
        emit HashPowerToken.DuplicateHardwareChallenged(hw[1], 2, 1, challenger, bounty);
        vm.expectEmit(address(attestorRegistry));
        emit AttestorRegistry.AttestorSlashed(att[2], challenger, MIN_BOND);
        vm.expectEmit(address(attestorRegistry));
        emit AttestorRegistry.SlashBurned(att[2], MIN_BOND - MIN_BOND / 10);
        vm.prank(challenger);
        (uint256 frozenId, uint256 paid) = hpt.challengeDuplicateHardware(hw[1], 1, proofA, 2, proofB);

        assertEq(frozenId, 2);
        assertEq(paid, bounty);
        assertTrue(hpt.product(2).frozen);
        assertFalse(hpt.product(1).frozen);
        assertEq(hpt.product(2).collateral, COLLATERAL - bounty);
        assertEq(hpt.product(1).collateral, COLLATERAL);
        assertEq(wbtc.balanceOf(challenger), bounty);
        assertEq(wbtc.balanceOf(address(hpt)), 2 * COLLATERAL - bounty);
        // only the attestor who signed both is slashed
        assertEq(attestorRegistry.attestorInfo(att[2]).bond, 0);
        for (uint256 i; i < N_ATTESTORS; i++) {
            if (i != 2) assertEq(attestorRegistry.attestorInfo(att[i]).bond, MIN_BOND);
        }
        assertEq(attestorRegistry.slashProceeds(challenger), MIN_BOND / 10);
        assertEq(attestorRegistry.totalBurned(), MIN_BOND - MIN_BOND / 10);
        assertFalse(attestorRegistry.attestorInfo(att[2]).member); // slashed: out of the committee
        assertEq(attestorRegistry.attestors().length, N_ATTESTORS - 1);
        assertTrue(hpt.tokenData(2).frozen);
    }

    function test_challenge_argumentOrderDoesNotMatter() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        vm.prank(challenger);
        (uint256 frozenId,) =
            hpt.challengeDuplicateHardware(hw[1], 2, MerkleHelper.proof(hwB, 1), 1, MerkleHelper.proof(hw, 1));
        assertEq(frozenId, 2);
    }

    function test_challenge_frozenTokensCannotMove() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        vm.prank(challenger);
        hpt.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        // token 2 is product 2's
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.transferFrom(alice, stranger, 2);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.safeTransferFrom(alice, stranger, 2);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.split(2, _units(1, CAPACITY - 1));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.carve(2, 1, stranger);
        vm.stopPrank();
        assertEq(hpt.ownerOf(2), alice);
        // product 1 is unaffected
        vm.prank(issuer);
        hpt.transferFrom(issuer, stranger, 1);
    }

    function test_challenge_frozenMergeReverts() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        vm.prank(alice);
        uint256[] memory ids = hpt.split(2, _units(1, CAPACITY - 1));
        vm.prank(challenger);
        hpt.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        vm.prank(alice);
        hpt.merge(ids);
    }

    function test_challenge_revertsOnSameProduct() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(HashPowerToken.SameProduct.selector);
        hpt.challengeDuplicateHardware(hw[0], 1, p, 1, p);
    }

    function test_challenge_revertsOnUnknownProduct() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 0);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 0));
        hpt.challengeDuplicateHardware(hw[0], 0, p, 1, p);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 2));
        hpt.challengeDuplicateHardware(hw[0], 1, p, 2, p);
    }

    function test_challenge_revertsOnBadProof() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        // hardware only in product 1
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.HardwareNotInProduct.selector, hw[0], 2));
        hpt.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.HardwareNotInProduct.selector, hw[1], 1));
        hpt.challengeDuplicateHardware(hw[1], 1, pb, 2, pb); // wrong proof for A
        // a leaf given as the hardware id itself (not double hashed) fails
        bytes32 leafAsId = MerkleHelper.leaf(hw[1]);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.HardwareNotInProduct.selector, leafAsId, 1));
        hpt.challengeDuplicateHardware(leafAsId, 1, pa, 2, pb);
    }

    function test_challenge_revertsOnFrozen() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        hpt.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.challengeDuplicateHardware(hw[1], 2, pb, 1, pa);
    }

    function test_challenge_revertsWhenNotLive() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        vm.warp(T0 + 365 days); // end == now: over
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductNotLive.selector, 1));
        hpt.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
    }

    function test_challenge_revertsWhenSecondNotLive() public {
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[2];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, 2);
        b.start = uint64(T0 - 10 days);
        b.end = uint64(T0 + 10 days);
        _mint(b);
        vm.warp(T0 + 10 days);
        bytes32[] memory pa = MerkleHelper.proof(hw, 2);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 0);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductNotLive.selector, 2));
        hpt.challengeDuplicateHardware(hw[2], 1, pa, 2, pb);
    }

    function test_challenge_revertsWhenTermsDoNotOverlap() public {
        _mintDefault(); // T0 .. T0+365d
        bytes32[] memory hwB = new bytes32[](2);
        hwB[0] = hw[3];
        hwB[1] = keccak256("x");
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, 2);
        b.start = uint64(T0 + 365 days); // starts when A ends: adjacent, no overlap
        b.end = uint64(T0 + 730 days);
        _mint(b);
        bytes32[] memory pa = MerkleHelper.proof(hw, 3);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 0);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.TermsDoNotOverlap.selector, 1, 2));
        hpt.challengeDuplicateHardware(hw[3], 1, pa, 2, pb);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.TermsDoNotOverlap.selector, 2, 1));
        hpt.challengeDuplicateHardware(hw[3], 2, pb, 1, pa);
    }

    function test_challenge_zeroCollateralNoBounty() public {
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, 2);
        b.collateral = 0;
        _mint(b);
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty) =
            hpt.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, new bytes32[](0));
        assertEq(frozenId, 2);
        assertEq(bounty, 0);
        assertEq(wbtc.balanceOf(challenger), 0);
        // the same three attestors signed both: all three slashed
        assertEq(attestorRegistry.slashProceeds(challenger), 3 * MIN_BOND / 10);
        assertEq(attestorRegistry.totalBurned(), 3 * (MIN_BOND - MIN_BOND / 10));
    }

    // =====================================================================================
    // proveOwnership / views
    // =====================================================================================

    function test_proveOwnership_listsLiveSlices() public {
        _mintDefault();
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, _units(300e6, 700e6));
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, ids[1]);
        HashPowerToken.Ownership memory o = hpt.proveOwnership(hw[2], 1, MerkleHelper.proof(hw, 2));
        assertEq(o.productId, 1);
        assertEq(o.issuer, issuer);
        assertFalse(o.frozen);
        assertEq(o.tokenIds.length, 2);
        uint256 sum;
        for (uint256 i; i < 2; i++) {
            assertEq(o.holders[i], hpt.ownerOf(o.tokenIds[i]));
            assertEq(o.units[i], hpt.tokenData(o.tokenIds[i]).units);
            sum += o.units[i];
        }
        assertEq(sum, CAPACITY);
    }

    function test_proveOwnership_reverts() public {
        _mintDefault();
        bytes32[] memory p = MerkleHelper.proof(hw, 2);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.HardwareNotInProduct.selector, hw[1], 1));
        hpt.proveOwnership(hw[1], 1, p);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 2));
        hpt.proveOwnership(hw[2], 2, p);
    }

    /// Audit fix 5: paged view of the live slices, same list as productTokens.
    function test_productTokensPage_pagesTheLiveList() public {
        _mintDefault();
        uint256[] memory parts = new uint256[](10);
        for (uint256 i; i < 10; i++) {
            parts[i] = CAPACITY / 10;
        }
        vm.prank(issuer);
        hpt.split(1, parts);
        uint256[] memory all = hpt.productTokens(1);
        assertEq(hpt.productTokenCount(1), 10);
        assertEq(all.length, 10);

        uint256[] memory p0 = hpt.productTokensPage(1, 0, 4);
        uint256[] memory p1 = hpt.productTokensPage(1, 4, 4);
        uint256[] memory p2 = hpt.productTokensPage(1, 8, 4); // short last page
        assertEq(p0.length, 4);
        assertEq(p1.length, 4);
        assertEq(p2.length, 2);
        for (uint256 i; i < 4; i++) {
            assertEq(p0[i], all[i]);
            assertEq(p1[i], all[4 + i]);
        }
        assertEq(p2[0], all[8]);
        assertEq(p2[1], all[9]);

        assertEq(hpt.productTokensPage(1, 10, 4).length, 0); // offset at the end
        assertEq(hpt.productTokensPage(1, type(uint256).max, type(uint256).max).length, 0);
        assertEq(hpt.productTokensPage(1, 3, 0).length, 0); // zero limit
        uint256[] memory rest = hpt.productTokensPage(1, 1, type(uint256).max); // no overflow
        assertEq(rest.length, 9);
        assertEq(rest[8], all[9]);
    }

    /// The limit is capped at MAX_PAGE_SIZE (500).
    function test_productTokensPage_limitCapped() public {
        _mintDefault();
        uint256[] memory parts = new uint256[](64);
        for (uint256 i; i < 64; i++) {
            parts[i] = CAPACITY / 64;
        }
        parts[0] += CAPACITY % 64;
        vm.prank(issuer);
        uint256[] memory first = hpt.split(1, parts); // 64 slices
        for (uint256 k = 1; k <= 8; k++) {
            uint256 units = hpt.tokenData(first[k]).units; // CAPACITY / 64 each
            uint256[] memory sub = new uint256[](64);
            for (uint256 i; i < 64; i++) {
                sub[i] = units / 64;
            }
            sub[0] += units % 64;
            vm.prank(issuer);
            hpt.split(first[k], sub); // +63 slices
        }
        assertEq(hpt.productTokenCount(1), 568);
        uint256[] memory page = hpt.productTokensPage(1, 0, 10_000);
        assertEq(page.length, 500);
        assertEq(hpt.productTokensPage(1, 500, 500).length, 68);
        assertEq(hpt.productTokens(1).length, 568);
        assertEq(page[499], hpt.productTokens(1)[499]);
    }

    function test_views_revertOnUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 1));
        hpt.product(1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 1));
        hpt.productTokens(1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 1));
        hpt.productTokenCount(1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 1));
        hpt.productTokensPage(1, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnknownProduct.selector, 0));
        hpt.productSigners(0);
    }

    function test_transfer_normalTokensMove() public {
        _mintDefault();
        vm.prank(issuer);
        hpt.safeTransferFrom(issuer, alice, 1);
        assertEq(hpt.ownerOf(1), alice);
        assertEq(hpt.tokenData(1).units, CAPACITY);
    }

    function test_tokenURI_onChainJson() public {
        _mintDefault();
        string memory json = string.concat(
            "{\"name\":\"HashMix Hash Power #1\",\"description\":\"A slice of HashMix hash power product 1, ",
            "attested by the HashMix committee.\",\"attributes\":[{\"trait_type\":\"product\",\"value\":1},",
            "{\"trait_type\":\"asset class\",\"value\":\"BTC-SHA256\"},{\"trait_type\":\"units\",\"value\":\"1000000000\"},",
            "{\"display_type\":\"date\",\"trait_type\":\"start\",\"value\":1700000000},",
            "{\"display_type\":\"date\",\"trait_type\":\"end\",\"value\":1731536000},",
            "{\"trait_type\":\"issuer\",\"value\":\"",
            Strings.toHexString(issuer),
            "\"},{\"trait_type\":\"frozen\",\"value\":\"false\"}]}"
        );
        assertEq(hpt.tokenURI(1), string.concat("data:application/json;base64,", Base64.encode(bytes(json))));
        // the JSON parses
        assertEq(vm.parseJsonString(json, ".name"), "HashMix Hash Power #1");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        hpt.tokenURI(2);
    }

    function test_tokenURI_frozenFlag() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        hpt.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        string memory uri = hpt.tokenURI(2);
        bytes memory b64 = bytes(uri);
        bytes memory body = new bytes(b64.length - 29);
        for (uint256 i; i < body.length; i++) {
            body[i] = b64[i + 29];
        }
        string memory json = string(Base64.decode(string(body)));
        assertEq(vm.parseJsonString(json, ".attributes[6].value"), "true");
    }
}
