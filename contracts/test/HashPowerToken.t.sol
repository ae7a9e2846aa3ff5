// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC721Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {IAssetClassRegistry} from "../src/interfaces/IAssetClassRegistry.sol";
import {IAttestorRegistry, AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {ICollateralVault} from "../src/interfaces/ICollateralVault.sol";
import {ITokenMetadataRenderer} from "../src/interfaces/ITokenMetadataRenderer.sol";
import {Roles} from "../src/common/Roles.sol";
import {
    AttestationExpired,
    NonceAlreadyUsed,
    NotTheIssuer,
    UnknownProduct,
    ZeroAddress,
    ZeroUnits
} from "../src/common/Errors.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Unit tests of HashPowerToken: every function, every error with its exact arguments,
/// every event, access control (SECURITY-CHECKLIST item 31). Duplicate-hardware challenges and
/// ownership proofs live in the HardwareRegistry now (HardwareRegistry.t.sol), collateral custody
/// in the CollateralVault (CollateralVault.t.sol).
contract HashPowerTokenTest is HashPowerFixtures {
    // =====================================================================================
    // constructor / constants / EIP-712
    // =====================================================================================

    function test_constructor_setsEverything() public view {
        assertEq(hpt.name(), "HashMix Hash Power");
        assertEq(hpt.symbol(), "HMXHP");
        assertEq(hpt.authority(), address(manager));
        assertEq(address(hpt.assetClassRegistry()), address(assetClasses));
        assertEq(address(hpt.attestorRegistry()), address(attestorRegistry));
        assertEq(address(hpt.collateralVault()), address(collateralVault));
        assertEq(hpt.metadataRenderer(), address(renderer));
        assertEq(hpt.productCount(), 0);
        assertEq(hpt.nextTokenId(), 1);
        assertFalse(hpt.paused());
        assertTrue(hpt.supportsInterface(type(IERC721).interfaceId));
        assertTrue(hpt.supportsInterface(type(IERC721Metadata).interfaceId));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerToken(address(manager), IAssetClassRegistry(address(0)), attestorRegistry, collateralVault);
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerToken(address(manager), assetClasses, IAttestorRegistry(address(0)), collateralVault);
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerToken(address(manager), assetClasses, attestorRegistry, ICollateralVault(address(0)));
    }

    function test_constants() public view {
        assertEq(hpt.MAX_PARTS(), 64);
        assertEq(hpt.MAX_TERM(), 3_650 days);
        // moved: the bounty share and the item cap of ownership proofs live in the hardware registry
        assertEq(hardwareRegistry.CHALLENGE_BOUNTY_BPS(), 1_000);
        assertEq(hardwareRegistry.MAX_ITEMS(), 500);
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
        assertEq(hpt.nextTokenId(), 2);

        IHashPowerToken.Product memory p = hpt.product(1);
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
        assertFalse(p.defaulted);

        _assertFirstToken(a);
        assertEq(hpt.ownerOf(1), issuer);
        assertEq(hpt.balanceOf(issuer), 1);

        uint256[] memory live = _liveTokens(1);
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
        _assertCollateralLocked(1, before);
    }

    function _assertFirstToken(HashPowerToken.ProductAttestation memory a) internal view {
        IHashPowerToken.TokenData memory t = hpt.tokenData(1);
        assertEq(t.productId, 1);
        assertEq(t.assetClass, btc);
        assertEq(t.units, CAPACITY);
        assertEq(t.start, a.start);
        assertEq(t.end, a.end);
        assertEq(t.issuer, issuer);
        assertFalse(t.frozen);
        assertFalse(t.defaulted);
        assertEq(t.nonce, 0);
    }

    /// The collateral is held by the collateral vault, never by the token.
    function _assertCollateralLocked(uint256 productId, uint256 issuerBefore) internal view {
        assertEq(wbtc.balanceOf(address(hpt)), 0);
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL);
        (address token, uint256 amount) = collateralVault.collateralOf(productId);
        assertEq(token, address(wbtc));
        assertEq(amount, COLLATERAL);
        assertEq(collateralVault.forfeitedOf(productId), 0);
        assertEq(wbtc.balanceOf(issuer), issuerBefore - COLLATERAL);
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
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralLocked(1, address(wbtc), issuer, COLLATERAL);
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
        assertEq(hpt.nextTokenId(), 5);
    }

    function test_mint_zeroCollateralPullsNothing() public {
        HashPowerToken.ProductAttestation memory a = _attestation(3);
        a.collateral = 0;
        vm.prank(issuer);
        wbtc.approve(address(collateralVault), 0);
        _mint(a);
        assertEq(wbtc.balanceOf(address(collateralVault)), 0);
        assertEq(hpt.product(1).collateral, 0);
        (address token, uint256 amount) = collateralVault.collateralOf(1);
        assertEq(token, address(0), "no position is opened for zero collateral");
        assertEq(amount, 0);
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
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        hpt.mintProduct(a, sigs);
    }

    function test_mint_deadlineBoundary() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.warp(a.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, a.deadline));
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
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, 5));
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

    /// New in issue #10: a start of 0 is an invalid term too (it would make the product look as if
    /// it ran since 1970, and 0 is the "unset" value of holdings).
    function test_mint_revertsOnZeroStart() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.start = 0;
        a.end = uint64(T0 + 1 days);
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, 0, a.end));
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
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 3));
        hpt.productDigest(3);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        hpt.productDigest(0);
    }

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

    /// Audit fix 2: a bundle signed before one of its signers was slashed cannot mint, even after
    /// that signer re-joins and re-bonds (the slash removed it and bumped the epoch).
    function test_mint_bundleSignedBeforeSlashCannotMintAfterRebond() public {
        HashPowerToken.ProductAttestation memory stale = _attestation(9);
        AttestorSignature[] memory staleSigs = _sigs(stale, 0, 3);
        uint64 signedEpoch = stale.committeeEpoch;

        bytes32[] memory hwB = _twoProductsSharingHardware(); // att[2] signed both
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        assertFalse(attestorRegistry.attestorInfo(att[2]).member);
        assertFalse(attestorRegistry.isActiveAttestor(att[2]));

        vm.prank(owner);
        attestorRegistry.addAttestor(att[2]);
        _bond(att[2], MIN_BOND);
        assertTrue(attestorRegistry.isActiveAttestor(att[2]));

        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, attestorRegistry.epoch())
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

    function test_mint_revertsOnCapacityAbove64Bits() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.capacity = uint256(type(uint64).max) + 1;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.CapacityTooLarge.selector, a.capacity));
        a.capacity = type(uint64).max; // the largest capacity is accepted
        _mint(a);
        assertEq(hpt.tokenData(1).units, type(uint64).max);
    }

    /// New: collateral is stored in 128 bits; more is refused before anything is pulled.
    function test_mint_revertsOnCollateralAbove128Bits() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.collateral = uint256(type(uint128).max) + 1;
        _expectMintRevert(a, abi.encodeWithSelector(HashPowerToken.CollateralTooLarge.selector, a.collateral));
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

    /// Issuers approve the collateral vault (which pulls), not the token.
    function test_mint_revertsWithoutAllowance() public {
        vm.prank(issuer);
        wbtc.approve(address(collateralVault), COLLATERAL - 1);
        _expectMintRevert(
            _attestation(1),
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(collateralVault), COLLATERAL - 1, COLLATERAL
            )
        );
        // an allowance given to the token itself is of no use
        vm.prank(issuer);
        wbtc.approve(address(hpt), type(uint256).max);
        _expectMintRevert(
            _attestation(1),
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(collateralVault), COLLATERAL - 1, COLLATERAL
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

    /// Replaces "revertsWhenNotConsumer": the token needs the registry's BOND_LOCKER role (and the
    /// vault's COLLATERAL_LOCKER role); without it minting reverts with the manager's error.
    function test_mint_revertsWithoutBondLockerRole() public {
        vm.prank(owner);
        manager.revokeRole(Roles.BOND_LOCKER, address(hpt));
        _expectMintRevert(
            _attestation(1), abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt))
        );
    }

    function test_mint_revertsWithoutCollateralLockerRole() public {
        vm.prank(owner);
        manager.revokeRole(Roles.COLLATERAL_LOCKER, address(hpt));
        _expectMintRevert(
            _attestation(1), abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt))
        );
        // without collateral the vault is called too (its collateral policy sees every mint): still refused
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.collateral = 0;
        _expectMintRevert(a, abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt)));
        vm.prank(owner);
        manager.grantRole(Roles.COLLATERAL_LOCKER, address(hpt), 0);
        _mint(a);
    }

    /// mintProduct checks, in order: issuer, term, capacity, collateral size, hardware, asset class,
    /// collateral token, THEN deadline, nonce and signatures. Each step below breaks everything
    /// from one check on and shows the first broken check is the one reported.
    function test_mint_checkOrder() public {
        _mint(_attestation(5)); // nonce 5 used
        HashPowerToken.ProductAttestation memory a = _attestation(5);
        AttestorSignature[] memory bad = _sigs(a, 0, 1); // below the threshold
        a.start = 0;
        a.capacity = 0;
        a.collateral = uint256(type(uint128).max) + 1;
        a.hardwareRoot = bytes32(0);
        a.assetClass = keccak256("UNKNOWN");
        a.collateralToken = stranger;
        a.deadline = uint64(T0 - 1);

        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        hpt.mintProduct(a, bad);

        bytes[7] memory expected = [
            abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, 0, a.end),
            abi.encodeWithSelector(HashPowerToken.ZeroCapacity.selector),
            abi.encodeWithSelector(HashPowerToken.CollateralTooLarge.selector, a.collateral),
            abi.encodeWithSelector(HashPowerToken.InvalidHardwareCommitment.selector),
            abi.encodeWithSelector(HashPowerToken.AssetClassNotActive.selector, a.assetClass),
            abi.encodeWithSelector(HashPowerToken.WrongCollateralToken.selector, address(wbtc), stranger),
            abi.encodeWithSelector(AttestationExpired.selector, uint64(T0 - 1))
        ];
        for (uint256 step; step < expected.length; step++) {
            vm.expectRevert(expected[step]);
            vm.prank(issuer);
            hpt.mintProduct(a, bad);
            // fix the check that just failed
            if (step == 0) a.start = uint64(T0);
            if (step == 1) a.capacity = CAPACITY;
            if (step == 2) a.collateral = COLLATERAL;
            if (step == 3) a.hardwareRoot = MerkleHelper.root(hw);
            if (step == 4) a.assetClass = btc;
            if (step == 5) a.collateralToken = address(wbtc);
            if (step == 6) a.deadline = uint64(T0 + 1 days);
        }
        _checkOrderTail(a, bad);
    }

    /// The end of {test_mint_checkOrder}: nonce, then signatures; capacity before collateral size.
    function _checkOrderTail(HashPowerToken.ProductAttestation memory a, AttestorSignature[] memory bad) internal {
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, 5));
        vm.prank(issuer);
        hpt.mintProduct(a, bad);
        a.nonce = 6;
        // `bad` was signed over the original attestation: the signature check is reached last
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        vm.prank(issuer);
        hpt.mintProduct(a, bad);
        bad = _sigs(a, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 1, 3));
        vm.prank(issuer);
        hpt.mintProduct(a, bad);
        assertFalse(hpt.isNonceUsed(6));
        // a capacity above 64 bits is reported before the collateral size
        a.capacity = uint256(type(uint64).max) + 1;
        a.collateral = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.CapacityTooLarge.selector, a.capacity));
        vm.prank(issuer);
        hpt.mintProduct(a, bad);
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
        // transfers, split, merge, carve, nonce bumps keep working
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, 1);
        vm.prank(alice);
        uint256[] memory ids = hpt.split(1, _units(10, CAPACITY - 10));
        vm.prank(alice);
        uint256 merged = hpt.merge(ids);
        vm.prank(alice);
        hpt.carve(merged, 1, stranger);
        vm.prank(alice);
        hpt.bumpTokenNonce(merged);
        vm.expectEmit(address(hpt));
        emit Pausable.Unpaused(owner);
        vm.prank(owner);
        hpt.unpause();
        _mint(_attestation(2));
    }

    function test_pause_accessControl() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        hpt.pause();
        vm.prank(owner);
        hpt.pause();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
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

    /// Replaces the Ownable2Step transfer test: admin power moves through the AccessManager (the
    /// admin grants ADMIN_ROLE to a successor and renounces its own).
    function test_accessManager_adminHandover() public {
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, alice, 0);
        vm.prank(alice);
        hpt.pause();
        vm.prank(owner);
        manager.renounceRole(Roles.ADMIN, owner);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        hpt.unpause();
        vm.prank(alice);
        hpt.unpause();
        assertFalse(hpt.paused());
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
        emit HashPowerToken.TokenSplit(1, 1, expectedIds, units);
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
        assertEq(_liveTokens(1).length, 3);
        assertEq(_liveSum(1), CAPACITY);
        assertEq(hpt.balanceOf(issuer), 3);
        assertEq(hpt.nextTokenId(), 5);
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
        vm.expectRevert(ZeroUnits.selector);
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
        emit HashPowerToken.TokensMerged(1, 6, set);
        vm.prank(issuer);
        uint256 id = hpt.merge(set);
        assertEq(id, 6);
        assertEq(hpt.ownerOf(6), issuer);
        assertEq(hpt.tokenData(6).units, 800e6);
        assertEq(_liveTokens(1).length, 2);
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
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, 0));
        vm.prank(issuer);
        hpt.merge(new uint256[](0));
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
    // freeze / markDefaulted (role hooks) and frozen products
    // =====================================================================================

    function test_freeze_onlyProductFreezer() public {
        _mintDefault();
        address[3] memory notFreezers = [stranger, owner, address(collateralVault)];
        for (uint256 i; i < notFreezers.length; i++) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, notFreezers[i])
            );
            vm.prank(notFreezers[i]);
            hpt.freeze(1);
        }
        assertFalse(hpt.product(1).frozen);
    }

    function test_freeze_setsFlagOnceAndIsIdempotent() public {
        _mintDefault();
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductFrozen(1);
        vm.prank(address(hardwareRegistry));
        hpt.freeze(1);
        assertTrue(hpt.product(1).frozen);
        assertTrue(hpt.tokenData(1).frozen);
        (,,, bool tradable) = hpt.tradeState(1);
        assertFalse(tradable);
        vm.recordLogs();
        vm.prank(address(hardwareRegistry));
        hpt.freeze(1);
        assertEq(vm.getRecordedLogs().length, 0, "second freeze emits nothing");
        assertTrue(hpt.product(1).frozen);
    }

    function test_freeze_revertsOnUnknownProduct() public {
        _mintDefault();
        vm.startPrank(address(hardwareRegistry));
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        hpt.freeze(0);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 2));
        hpt.freeze(2);
        vm.stopPrank();
    }

    function test_markDefaulted_onlyProductDefaulter() public {
        _mintDefault();
        // the fulfillment vault is not deployed here: nobody holds PRODUCT_DEFAULTER, not even the admin
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        hpt.markDefaulted(1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hardwareRegistry))
        );
        vm.prank(address(hardwareRegistry));
        hpt.markDefaulted(1);
    }

    /// Deliberate behaviour change of issue #10: frozen tokens still transfer (each is a claim on
    /// the forfeited collateral, and escrows must be able to return them), but they cannot split,
    /// merge or be carved, and markets see them as not tradable.
    function test_frozen_transfersButCannotSplitMergeCarve() public {
        _mintDefault();
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, _units(1, CAPACITY - 1));
        vm.prank(address(hardwareRegistry));
        hpt.freeze(1);
        vm.startPrank(issuer);
        hpt.transferFrom(issuer, alice, ids[0]);
        hpt.safeTransferFrom(issuer, alice, ids[1]);
        vm.stopPrank();
        assertEq(hpt.ownerOf(ids[0]), alice);
        assertEq(hpt.ownerOf(ids[1]), alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 1));
        hpt.split(ids[1], _units(1, CAPACITY - 2));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 1));
        hpt.merge(ids);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 1));
        hpt.carve(ids[1], 1, stranger);
        hpt.bumpTokenNonce(ids[1]); // nonce bumps still work
        vm.stopPrank();
        assertEq(_liveSum(1), CAPACITY);
        assertEq(_liveTokens(1).length, 2);
    }

    // =====================================================================================
    // live slices: rebuilt from events (no on-chain enumeration any more)
    // =====================================================================================

    /// Replaces the paged `productTokens` views: the token no longer enumerates a product's live
    /// slices on chain, so the SDK rebuilds them from ProductMinted / TokenSplit / TokensMerged /
    /// TokenCarved (all indexed by product). The list rebuilt from the events equals the live
    /// slices found by scanning every id, and its units sum to the capacity (what
    /// HardwareRegistry.proveOwnership reports as `complete`).
    function test_events_rebuildTheLiveSlices() public {
        vm.recordLogs();
        _mintDefault();
        _mint(_attestation(2)); // another product, whose events must be ignored
        uint256[] memory parts = new uint256[](10);
        for (uint256 i; i < 10; i++) {
            parts[i] = CAPACITY / 10;
        }
        vm.startPrank(issuer);
        uint256[] memory ids = hpt.split(1, parts);
        hpt.merge(_ids(ids[2], ids[7]));
        hpt.carve(ids[0], 5, alice);
        hpt.transferFrom(issuer, alice, ids[9]);
        hpt.split(2, _units(1, CAPACITY - 1));
        vm.stopPrank();

        bool[] memory live = _replaySliceEvents(1, vm.getRecordedLogs());
        uint256[] memory expected = _liveTokens(1);
        uint256 n;
        uint256 sum;
        for (uint256 id = 1; id < live.length; id++) {
            if (!live[id]) continue;
            assertEq(expected[n++], id, "rebuilt list differs");
            sum += hpt.tokenData(id).units;
        }
        assertEq(n, expected.length);
        assertEq(n, 10); // 10 parts - 2 merged + 1 merged + 1 carved
        assertEq(sum, CAPACITY);
    }

    /// Which token ids are live slices of `productId`, replaying the token's slice events.
    function _replaySliceEvents(uint256 productId, Vm.Log[] memory logs) internal view returns (bool[] memory live) {
        live = new bool[](hpt.nextTokenId());
        for (uint256 i; i < logs.length; i++) {
            Vm.Log memory lg = logs[i];
            if (lg.emitter != address(hpt) || lg.topics.length < 2 || uint256(lg.topics[1]) != productId) continue;
            bytes32 sig = lg.topics[0];
            if (sig == HashPowerToken.ProductMinted.selector) {
                (,,,,, uint256 tokenId) = abi.decode(lg.data, (uint256, uint64, uint64, bytes32, uint256, uint256));
                live[tokenId] = true;
            } else if (sig == HashPowerToken.TokenSplit.selector) {
                live[uint256(lg.topics[2])] = false;
                (uint256[] memory newIds,) = abi.decode(lg.data, (uint256[], uint256[]));
                for (uint256 k; k < newIds.length; k++) {
                    live[newIds[k]] = true;
                }
            } else if (sig == HashPowerToken.TokensMerged.selector) {
                live[uint256(lg.topics[2])] = true;
                uint256[] memory gone = abi.decode(lg.data, (uint256[]));
                for (uint256 k; k < gone.length; k++) {
                    live[gone[k]] = false;
                }
            } else if (sig == HashPowerToken.TokenCarved.selector) {
                live[uint256(lg.topics[3])] = true;
            }
        }
    }

    // =====================================================================================
    // views
    // =====================================================================================

    function test_views_revertOnUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 1));
        hpt.product(1);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 1));
        hpt.productDigest(1);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        hpt.productSigners(0);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 0));
        hpt.product(0);
    }

    function test_views_revertOnNonexistentToken() public {
        _mintDefault();
        bytes memory err = abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2);
        vm.expectRevert(err);
        hpt.tokenData(2);
        vm.expectRevert(err);
        hpt.tradeState(2);
        vm.expectRevert(err);
        hpt.tokenNonce(2);
        vm.expectRevert(err);
        hpt.tokenURI(2);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 0));
        hpt.tokenData(0);
    }

    function test_transfer_normalTokensMove() public {
        _mintDefault();
        vm.prank(issuer);
        hpt.safeTransferFrom(issuer, alice, 1);
        assertEq(hpt.ownerOf(1), alice);
        assertEq(hpt.tokenData(1).units, CAPACITY);
    }

    // =====================================================================================
    // tokenURI / metadata renderer
    // =====================================================================================

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
            "\"},{\"trait_type\":\"frozen\",\"value\":\"false\"},{\"trait_type\":\"defaulted\",\"value\":\"false\"}]}"
        );
        assertEq(hpt.tokenURI(1), string.concat("data:application/json;base64,", Base64.encode(bytes(json))));
        assertEq(hpt.tokenURI(1), renderer.tokenURI(1));
        // the JSON parses
        assertEq(vm.parseJsonString(json, ".name"), "HashMix Hash Power #1");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        hpt.tokenURI(2);
    }

    function test_tokenURI_frozenFlag() public {
        bytes32[] memory hwB = _twoProductsSharingHardware();
        hardwareRegistry.challengeDuplicateHardware(hw[1], 1, MerkleHelper.proof(hw, 1), 2, MerkleHelper.proof(hwB, 1));
        string memory uri = hpt.tokenURI(2);
        bytes memory b64 = bytes(uri);
        bytes memory body = new bytes(b64.length - 29);
        for (uint256 i; i < body.length; i++) {
            body[i] = b64[i + 29];
        }
        string memory json = string(Base64.decode(string(body)));
        assertEq(vm.parseJsonString(json, ".attributes[6].value"), "true");
        assertEq(vm.parseJsonString(json, ".attributes[7].value"), "false");
    }

    function test_setMetadataRenderer_adminOnlyEmitsAndEmptiesUris() public {
        _mintDefault();
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(stranger));

        vm.expectEmit(address(hpt));
        emit HashPowerToken.MetadataRendererSet(address(0));
        vm.prank(owner);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(address(0)));
        assertEq(hpt.metadataRenderer(), address(0));
        assertEq(hpt.tokenURI(1), "", "no renderer: empty URI");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        hpt.tokenURI(2); // still checks the token

        vm.expectEmit(address(hpt));
        emit HashPowerToken.MetadataRendererSet(address(renderer));
        vm.prank(owner);
        hpt.setMetadataRenderer(renderer);
        assertEq(hpt.tokenURI(1), renderer.tokenURI(1));
    }
}
