// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {ITokenMetadataRenderer} from "../src/interfaces/ITokenMetadataRenderer.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {Roles} from "../src/common/Roles.sol";
import {AmountNotReceived, AttestationExpired, NonceAlreadyUsed} from "../src/common/Errors.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {
    ERC1271Wallet,
    ERC1271Reverting,
    ERC1271WrongMagic,
    ERC1271DirtyMagic,
    ERC1271ShortData,
    ERC1271NoData,
    ERC1271GasBurner,
    ERC1271Toggle,
    ERC1271GasHungry,
    ERC1271ReturnBomb
} from "./mocks/ERC1271Mocks.sol";
import {ReentrantReceiver} from "./mocks/ReentrantReceiver.sol";
import {FeeOnTransferToken, ReentrantToken, LyingToken} from "./mocks/TokenMocks.sol";
import {ICreditRecorder} from "../src/interfaces/ICreditRecorder.sol";
import {ICollateralPolicy} from "../src/interfaces/ICollateralPolicy.sol";

/// @notice Attack tests, named by SECURITY-CHECKLIST item (1-6, 8, 14, 15, 31, 32).
contract HashPowerTokenAttacksTest is HashPowerFixtures {
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes internal REENTRANT = abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);

    function _expectMintRevert(HashPowerToken.ProductAttestation memory a, AttestorSignature[] memory sigs, bytes memory err)
        internal
    {
        vm.expectRevert(err);
        vm.prank(a.issuer);
        hpt.mintProduct(a, sigs);
    }

    function _sortBySigner(AttestorSignature[] memory sigs) internal pure returns (AttestorSignature[] memory) {
        for (uint256 i = 1; i < sigs.length; i++) {
            for (uint256 j = i; j > 0 && sigs[j].signer < sigs[j - 1].signer; j--) {
                (sigs[j], sigs[j - 1]) = (sigs[j - 1], sigs[j]);
            }
        }
        return sigs;
    }

    /// Adds `who` as a bonded attestor (bumps the epoch).
    function _addBonded(address who) internal {
        vm.prank(owner);
        attestorRegistry.addAttestor(who);
        _bond(who, MIN_BOND);
    }

    /// Two good EOA signatures plus `signer` with `signature`, sorted.
    function _twoGoodPlus(bytes32 digest, address signer, bytes memory signature)
        internal
        view
        returns (AttestorSignature[] memory sigs)
    {
        sigs = new AttestorSignature[](3);
        sigs[0] = AttestorSignature(att[0], _signDigest(attKey[0], digest));
        sigs[1] = AttestorSignature(att[1], _signDigest(attKey[1], digest));
        sigs[2] = AttestorSignature(signer, signature);
        _sortBySigner(sigs);
    }

    // =====================================================================================
    // item 1: M-of-N
    // =====================================================================================

    function test_item1_thresholdOfNPasses() public {
        _mintWith(_attestation(1), 0, 3); // exactly M
        _mintWith(_attestation(2), 1, 4); // more than M
        _mintWith(_attestation(3), 0, 5); // all N
        assertEq(hpt.productCount(), 3);
        assertEq(hpt.productSigners(3).length, 5);
    }

    function test_item1_thresholdMinusOneFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        _expectMintRevert(a, _sigs(a, 0, 2), abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 2, 3));
    }

    function test_item1_emptyFails() public {
        _expectMintRevert(
            _attestation(1),
            new AttestorSignature[](0),
            abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, 3)
        );
    }

    function test_item1_sameSignerTwiceFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        sigs[2] = sigs[1]; // att1, att1
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[1]));
    }

    function test_item1_sameContractSignerTwiceFails() public {
        (address key, uint256 pk) = makeAddrAndKey("safe-owner");
        ERC1271Wallet w = new ERC1271Wallet(key);
        _addBonded(address(w));
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes memory sig = _signDigest(pk, hpt.hashProductAttestation(a));
        AttestorSignature[] memory sigs = new AttestorSignature[](3);
        sigs[0] = AttestorSignature(address(w), sig);
        sigs[1] = AttestorSignature(address(w), sig);
        sigs[2] = AttestorSignature(address(w), sig);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, address(w), address(w)));
    }

    /// The same address once with an ECDSA signature and once as an EIP-1271 signer (an EOA with
    /// delegated code, EIP-7702 style): the second entry is a duplicate and is rejected. The
    /// SignaturePolicy tries ECDSA first, so the EIP-1271 path is reached with a signature by the
    /// wallet code's own key (a delegate), which ECDSA does not attribute to att[0].
    function test_item1_sameSignerAsEoaAndAsContractFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        (address delegate, uint256 delegateKey) = makeAddrAndKey("att0-delegate");
        // att[0] gets wallet code that accepts signatures of its delegate key
        ERC1271Wallet w = new ERC1271Wallet(delegate);
        vm.etch(att[0], address(w).code);
        bytes memory viaWallet = _signDigest(delegateKey, digest);
        AttestorSignature[] memory one = new AttestorSignature[](3);
        one[0] = AttestorSignature(att[0], _signDigest(attKey[0], digest));
        one[1] = AttestorSignature(att[1], _signDigest(attKey[1], digest));
        one[2] = AttestorSignature(att[2], _signDigest(attKey[2], digest));
        // valid as an EOA (ECDSA by its own key) ...
        assertEq(attestorRegistry.verifySignatures(digest, btc, a.committeeEpoch, one).length, 3);
        // ... and valid through EIP-1271 (the delegate's signature, only the wallet code accepts it)
        one[0].signature = viaWallet;
        assertEq(attestorRegistry.verifySignatures(digest, btc, a.committeeEpoch, one).length, 3);
        AttestorSignature[] memory twice = new AttestorSignature[](3);
        twice[0] = AttestorSignature(att[0], _signDigest(attKey[0], digest));
        twice[1] = AttestorSignature(att[0], viaWallet);
        twice[2] = one[1];
        _expectMintRevert(a, twice, abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[0], att[0]));
    }

    function test_item1_unsortedFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[0]));
    }

    function test_item1_nonMemberFails() public {
        (address outsider, uint256 pk) = makeAddrAndKey("outsider-attestor");
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _twoGoodPlus(hpt.hashProductAttestation(a), outsider, "");
        for (uint256 i; i < 3; i++) {
            if (sigs[i].signer == outsider) sigs[i].signature = _signDigest(pk, hpt.hashProductAttestation(a));
        }
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, outsider));
    }

    function test_item1_formerOrUnbondedMemberFails() public {
        vm.prank(owner);
        attestorRegistry.removeAttestor(att[4]);
        vm.prank(address(hardwareRegistry)); // the BOND_SLASHER: slash att[3] to below the minimum bond
        attestorRegistry.slash(att[3]);
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        _expectMintRevert(
            a, _sigs(a, 2, 3), abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, att[3])
        );
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        sigs[2] = AttestorSignature(att[4], _signDigest(attKey[4], hpt.hashProductAttestation(a)));
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, att[4]));
    }

    // =====================================================================================
    // item 2: signature malleability and formats
    // =====================================================================================

    function test_item2_highSCopyRejected() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attKey[1], digest);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        // ecrecover itself accepts the malleated copy...
        assertEq(ecrecover(digest, flippedV, r, highS), att[1]);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        sigs[1].signature = abi.encodePacked(r, highS, flippedV);
        // ...the registry does not
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
    }

    function test_item2_vOutside27Or28Rejected() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attKey[1], hpt.hashProductAttestation(a));
        uint8[4] memory bad = [v - 27, v - 27 + 2, 29, 255];
        for (uint256 i; i < bad.length; i++) {
            AttestorSignature[] memory sigs = _sigs(a, 0, 3);
            sigs[1].signature = abi.encodePacked(r, s, bad[i]);
            _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
        }
    }

    function test_item2_eip2098CompactRejectedOnPurpose() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attKey[1], digest);
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        assertEq(ECDSA.recover(digest, r, vs), att[1]); // a valid EIP-2098 signature...
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        sigs[1].signature = abi.encodePacked(r, vs);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
        // 66 bytes (a valid signature with a trailing byte) is rejected too
        sigs[1].signature = abi.encodePacked(r, s, v, uint8(0));
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
        sigs[1].signature = "";
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
    }

    // =====================================================================================
    // item 3: replay
    // =====================================================================================

    function test_item3_replayedNonceReverts() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(NonceAlreadyUsed.selector, 1));
    }

    function test_item3_secondDeploymentRejectsSignatures() public {
        HashPowerToken hpt2 = new HashPowerToken(address(manager), assetClasses, attestorRegistry, collateralVault);
        // fully wired like the original: only the signatures can make it fail
        vm.startPrank(owner);
        manager.grantRole(Roles.BOND_LOCKER, address(hpt2), 0);
        manager.grantRole(Roles.COLLATERAL_LOCKER, address(hpt2), 0);
        vm.stopPrank();
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3); // signed for hpt
        assertTrue(hpt2.hashProductAttestation(a) != hpt.hashProductAttestation(a));
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        vm.prank(issuer);
        hpt2.mintProduct(a, sigs);
        // while the original deployment accepts them
        vm.prank(issuer);
        hpt.mintProduct(a, sigs);
    }

    function test_item3_otherChainIdRejectsSignatures() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        bytes32 ds = hpt.domainSeparator();
        vm.chainId(block.chainid + 1);
        assertTrue(hpt.domainSeparator() != ds);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
    }

    function test_item3_committeeChangeInvalidatesOldSignatures() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        uint64 e = a.committeeEpoch;
        vm.prank(att[4]); // an attestor that did not even sign leaves
        attestorRegistry.requestExit();
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e, e + 1));
        vm.prank(owner);
        attestorRegistry.addAttestor(stranger);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e, e + 2));
        // claiming the new epoch without re-signing changes the digest
        a.committeeEpoch = e + 2;
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        // re-signed for the current epoch: accepted
        _mint(a);
    }

    function test_item3_removedAttestorInvalidatesOldSignatures() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.prank(owner);
        attestorRegistry.removeAttestor(att[0]);
        _expectMintRevert(
            a,
            sigs,
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, a.committeeEpoch, a.committeeEpoch + 1)
        );
    }

    // =====================================================================================
    // item 4: expiry
    // =====================================================================================

    function test_item4_expiredAttestationFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        vm.warp(a.deadline + 1);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestationExpired.selector, a.deadline));
    }

    function test_item4_termAlreadyOverFails() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.start = uint64(T0 - 20 days);
        a.end = uint64(T0 - 10 days);
        _expectMintRevert(a, _sigs(a, 0, 3), abi.encodeWithSelector(HashPowerToken.InvalidTerm.selector, a.start, a.end));
    }

    // =====================================================================================
    // item 5: hostile EIP-1271 signers
    // =====================================================================================

    function _assertContractSignerRejected(address signer) internal {
        _addBonded(signer);
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        AttestorSignature[] memory sigs = _twoGoodPlus(digest, signer, hex"1234");
        uint256 gasBefore = gasleft();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, signer));
        attestorRegistry.verifySignatures(digest, btc, a.committeeEpoch, sigs);
        assertLt(gasBefore - gasleft(), 300_000, "check must stay cheap");
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, signer));
    }

    function test_item5_revertingSignerCountsInvalid() public {
        _assertContractSignerRejected(address(new ERC1271Reverting()));
    }

    function test_item5_wrongMagicCountsInvalid() public {
        _assertContractSignerRejected(address(new ERC1271WrongMagic()));
    }

    function test_item5_dirtyMagicWordCountsInvalid() public {
        _assertContractSignerRejected(address(new ERC1271DirtyMagic()));
    }

    function test_item5_shortReturnDataCountsInvalid() public {
        _assertContractSignerRejected(address(new ERC1271ShortData()));
    }

    function test_item5_noReturnDataCountsInvalid() public {
        _assertContractSignerRejected(address(new ERC1271NoData()));
    }

    function test_item5_gasBurnerCountsInvalidWithinCap() public {
        _assertContractSignerRejected(address(new ERC1271GasBurner()));
    }

    /// A signer that would answer "valid" only with more than ERC1271_GAS_LIMIT gas: the cap holds.
    function test_item5_gasCapEnforced() public {
        _assertContractSignerRejected(address(new ERC1271GasHungry()));
    }

    function test_item5_signerChangingItsAnswer() public {
        ERC1271Toggle t = new ERC1271Toggle();
        _addBonded(address(t));
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        AttestorSignature[] memory sigs = _twoGoodPlus(digest, address(t), "");
        assertEq(attestorRegistry.verifySignatures(digest, btc, a.committeeEpoch, sigs).length, 3);
        t.set(false);
        _expectMintRevert(a, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, address(t)));
        t.set(true);
        vm.prank(issuer);
        (uint256 productId,) = hpt.mintProduct(a, sigs);
        // it cannot undo the mint afterwards, and its bond is locked like any signer's
        t.set(false);
        assertEq(hpt.productSigners(productId).length, 3);
        assertEq(attestorRegistry.attestorInfo(address(t)).lockedUntil, a.end);
    }

    function test_item5_validContractSignerCounts() public {
        (address key, uint256 pk) = makeAddrAndKey("safe-owner");
        ERC1271Wallet w = new ERC1271Wallet(key);
        _addBonded(address(w));
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        AttestorSignature[] memory sigs = _twoGoodPlus(digest, address(w), _signDigest(pk, digest));
        vm.prank(issuer);
        (uint256 productId,) = hpt.mintProduct(a, sigs);
        bool found;
        address[] memory signers = hpt.productSigners(productId);
        for (uint256 i; i < signers.length; i++) {
            if (signers[i] == address(w)) found = true;
        }
        assertTrue(found);
        // a signature by another key through the same wallet is invalid
        HashPowerToken.ProductAttestation memory b = _attestation(2);
        bytes32 digestB = hpt.hashProductAttestation(b);
        sigs = _twoGoodPlus(digestB, address(w), _signDigest(attKey[3], digestB));
        _expectMintRevert(b, sigs, abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, address(w)));
    }

    /// Long returndata starting with the magic word counts as valid (as with an ABI decode), but
    /// only 32 bytes are copied, so the caller pays no memory expansion for the rest.
    function test_item5_returnBombBounded() public {
        ERC1271ReturnBomb bomb = new ERC1271ReturnBomb();
        _addBonded(address(bomb));
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        bytes32 digest = hpt.hashProductAttestation(a);
        AttestorSignature[] memory sigs = _twoGoodPlus(digest, address(bomb), "");
        uint256 gasBefore = gasleft();
        attestorRegistry.verifySignatures(digest, btc, a.committeeEpoch, sigs);
        assertLt(gasBefore - gasleft(), 100_000);
    }

    // =====================================================================================
    // item 8: slashing and exits
    // =====================================================================================

    function test_item8_failedChallengesSlashNothing() public {
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](2);
        hwB[0] = keccak256("b0");
        hwB[1] = keccak256("b1");
        _mint(_attestationFor(issuer, hwB, 2)); // same signers, different hardware
        bytes32[] memory pa = MerkleHelper.proof(hw, 0);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 0);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, hw[0], 2));
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, pa, 2, pb);
        for (uint256 i; i < N_ATTESTORS; i++) {
            assertEq(attestorRegistry.attestorInfo(att[i]).bond, MIN_BOND);
        }
        assertEq(attestorRegistry.totalBurned(), 0);
    }

    /// Replaces "onlyConsumersCanSlash": only the BOND_SLASHER (the hardware registry) can slash;
    /// neither a challenger, nor the admin, nor the token can.
    function test_item8_onlyTheSlasherRoleCanSlash() public {
        address[3] memory callers = [challenger, owner, address(hpt)];
        for (uint256 i; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            attestorRegistry.slash(att[0]);
        }
        assertEq(attestorRegistry.attestorInfo(att[0]).bond, MIN_BOND);
    }

    function test_item8_slashNeverExceedsBond() public {
        _bond(att[2], 4 ether); // att[2] holds 5 ether
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        _mint(_attestationFor(issuer, hwB, 2));
        uint256 registryBalance = address(attestorRegistry).balance;
        uint256 challengerCoin = challenger.balance;
        vm.prank(challenger);
        (,, uint256 slashedNow) =
            hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, new bytes32[](0));
        // exactly the three bonds, nothing more, all of it burnt (no challenger share any more);
        // the coin stays in the registry forever
        uint256 slashed = 2 * MIN_BOND + 5 ether;
        assertEq(slashedNow, slashed);
        assertEq(attestorRegistry.totalBurned(), slashed);
        assertEq(address(attestorRegistry).balance, registryBalance);
        assertEq(challenger.balance, challengerCoin, "the challenger gets no coin");
        for (uint256 i; i < 3; i++) {
            assertEq(attestorRegistry.attestorInfo(att[i]).bond, 0);
        }
    }

    /// Audit fix 1 (self-challenge slashing evasion), end to end, under issue #10's rule: the three
    /// signers attest the same hardware twice, then one of them challenges the duplicate to collect
    /// the slash itself. Slashed bonds are burnt in full now: they get nothing of their bonds back
    /// (the collateral bounty they collect is the issuer's collateral, not their bonds).
    function test_colludingAttestorsWhoChallengeThemselvesLoseTheirWholeBonds() public {
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        _mint(_attestationFor(issuer, hwB, 2)); // same signers att[0..2]
        address colluder = att[0];
        uint256 registryBefore = address(attestorRegistry).balance;
        uint256 coinBefore = colluder.balance;

        vm.prank(colluder);
        (, uint256 bounty,) =
            hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, new bytes32[](0));
        vm.warp(T0 + 366 days); // after the products' end and the exit delay
        for (uint256 i; i < 3; i++) {
            assertFalse(attestorRegistry.attestorInfo(att[i]).member);
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NothingToWithdraw.selector, att[i]));
            vm.prank(att[i]);
            attestorRegistry.withdrawBond();
        }
        uint256 bonds = 3 * MIN_BOND;
        assertEq(colluder.balance, coinBefore, "colluders recover nothing of their bonds");
        assertEq(attestorRegistry.totalBurned(), bonds, "100% burnt");
        assertEq(address(attestorRegistry).balance, registryBefore);
        // what is left in the registry: the two honest bonds and the burnt coin, nothing else
        assertEq(address(attestorRegistry).balance, 2 * MIN_BOND + attestorRegistry.totalBurned());
        // the bounty came out of the issuer's collateral
        assertEq(bounty, COLLATERAL / 10);
        assertEq(wbtc.balanceOf(colluder), bounty);
    }

    /// A signer that leaves cannot withdraw before exitDelay, nor before the end of the products it
    /// signed (while challenges are still possible), and stays slashable meanwhile.
    function test_item8_exitingSignerLockedUntilProductEnd() public {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        _mint(a);
        vm.prank(att[0]);
        attestorRegistry.requestExit();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[0], a.end));
        vm.prank(att[0]);
        attestorRegistry.withdrawBond();
        vm.warp(T0 + EXIT_DELAY);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BondLocked.selector, att[0], a.end));
        vm.prank(att[0]);
        attestorRegistry.withdrawBond();
        // still slashable through a challenge while the product is live
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[3];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, 2);
        _mintWith(b, 1, 3); // att 1..3 (att[0] left)
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[3], 1, MerkleHelper.proof(hw, 3), 2, new bytes32[](0));
        assertEq(attestorRegistry.attestorInfo(att[0]).bond, MIN_BOND); // did not sign both
        assertEq(attestorRegistry.attestorInfo(att[1]).bond, 0);
        vm.warp(a.end);
        vm.prank(att[0]);
        attestorRegistry.withdrawBond();
    }

    // =====================================================================================
    // item 14: frozen slices stay put (capacity invariant: HashPowerToken.invariant.t.sol)
    // =====================================================================================

    /// Behaviour change of issue #10: a frozen product's tokens transfer (even by an operator),
    /// because each is a claim on the forfeited collateral; but its slices can no longer change
    /// (split, merge, carve), so the redemption shares stay exact.
    function test_item14_frozenTokensMoveButTheirSlicesCannotChange() public {
        _mintDefault();
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, _units(1, CAPACITY - 1));
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        _mint(_attestationFor(issuer, hwB, 2)); // product 2, token 4
        vm.prank(issuer);
        uint256[] memory frozenIds = hpt.split(4, _units(10, CAPACITY - 10)); // 5, 6
        vm.prank(issuer);
        hpt.setApprovalForAll(alice, true);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, new bytes32[](0));
        vm.startPrank(alice);
        hpt.transferFrom(issuer, alice, frozenIds[0]);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.split(frozenIds[1], _units(1, CAPACITY - 11));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        hpt.carve(frozenIds[1], 1, alice);
        vm.stopPrank();
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, frozenIds[1]);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.ProductIsFrozen.selector, 2));
        vm.prank(alice);
        hpt.merge(frozenIds);
        assertEq(hpt.ownerOf(frozenIds[0]), alice);
        assertEq(hpt.ownerOf(frozenIds[1]), alice);
        // product 1's slices still move
        vm.prank(alice);
        hpt.transferFrom(issuer, alice, ids[0]);
        assertEq(_liveSum(1), CAPACITY);
        assertEq(_liveSum(2), CAPACITY);
        assertEq(_liveTokens(2), frozenIds);
    }

    // =====================================================================================
    // item 15: re-entrancy through ERC-721 receivers and ERC-20 hooks
    // =====================================================================================

    function _receiverIssuer() internal returns (ReentrantReceiver r) {
        r = new ReentrantReceiver();
        _fund(address(r), 100e8); // approves the collateral vault
    }

    function _mintAs(ReentrantReceiver r, uint256 nonce) internal {
        HashPowerToken.ProductAttestation memory a = _attestationFor(address(r), hw, nonce);
        AttestorSignature[] memory sigs = _sigs(a, 0, 3);
        r.exec(address(hpt), abi.encodeCall(HashPowerToken.mintProduct, (a, sigs)));
    }

    function test_item15_receiverReentersMintProduct() public {
        ReentrantReceiver r = _receiverIssuer();
        HashPowerToken.ProductAttestation memory b = _attestationFor(address(r), hw, 2);
        r.arm(address(hpt), abi.encodeCall(HashPowerToken.mintProduct, (b, _sigs(b, 0, 3))));
        _mintAs(r, 1);
        assertFalse(r.lastCallSucceeded());
        assertEq(r.lastError(), REENTRANT);
        assertEq(hpt.productCount(), 1);
        assertFalse(hpt.isNonceUsed(2));
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL);
    }

    function test_item15_receiverReentersSplitMerge() public {
        bytes[2] memory calls = [
            abi.encodeCall(HashPowerToken.split, (1, _units(1, CAPACITY - 1))),
            abi.encodeCall(HashPowerToken.merge, (_ids(1, 1)))
        ];
        for (uint256 i; i < calls.length; i++) {
            uint256 snap = vm.snapshotState();
            ReentrantReceiver r = _receiverIssuer();
            r.arm(address(hpt), calls[i]);
            _mintAs(r, 1);
            assertFalse(r.lastCallSucceeded());
            assertEq(r.lastError(), REENTRANT);
            assertEq(hpt.ownerOf(1), address(r));
            assertEq(_liveTokens(1).length, 1);
            assertEq(_liveSum(1), CAPACITY);
            vm.revertToState(snap);
        }
    }

    /// The mint's receiver callback runs last, when the product, its signers, the bond locks and the
    /// collateral are all recorded: what it may do from there (carve, unguarded; or challenge its
    /// own duplicate at the hardware registry, another contract) sees a complete product and keeps
    /// the accounting exact. (The old token-level challenge re-entry is gone with the challenge.)
    function test_item15_receiverActingFromTheMintCallbackSeesACompleteProduct() public {
        _mintDefault(); // product 1 (issuer), hw
        ReentrantReceiver r = _receiverIssuer();
        // product 2 will be r's duplicate of product 1: r challenges it from its own mint callback
        r.arm(
            address(hardwareRegistry),
            abi.encodeCall(
                HardwareRegistry.challengeDuplicateHardware,
                (hw[0], 1, MerkleHelper.proof(hw, 0), 2, MerkleHelper.proof(hw, 0))
            )
        );
        uint256 before = wbtc.balanceOf(address(r));
        _mintAs(r, 2);
        assertTrue(r.lastCallSucceeded());
        assertTrue(hpt.product(2).frozen);
        assertEq(wbtc.balanceOf(address(r)), before - COLLATERAL + COLLATERAL / 10);
        assertEq(wbtc.balanceOf(address(collateralVault)), 2 * COLLATERAL - COLLATERAL / 10);
        assertEq(collateralVault.forfeitedOf(2), COLLATERAL - COLLATERAL / 10);
        assertEq(attestorRegistry.totalBurned(), 3 * MIN_BOND);

        // carve is not guarded: from the callback it works on the complete slice
        ReentrantReceiver r2 = _receiverIssuer();
        HashPowerToken.ProductAttestation memory c = _attestationFor(address(r2), hw, 3);
        c.hardwareRoot = keccak256("another machine set");
        c.committeeEpoch = attestorRegistry.epoch();
        uint256 next = hpt.nextTokenId();
        r2.arm(address(hpt), abi.encodeCall(HashPowerToken.carve, (next, 5, alice)));
        // the slashed attestors 0..2 left: attestors 3 and 4 are not enough, re-add two of them
        vm.startPrank(owner);
        attestorRegistry.addAttestor(att[0]);
        attestorRegistry.addAttestor(att[1]);
        vm.stopPrank();
        _bond(att[0], MIN_BOND);
        _bond(att[1], MIN_BOND);
        c.committeeEpoch = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = new AttestorSignature[](3);
        bytes32 digest = hpt.hashProductAttestation(c);
        sigs[0] = AttestorSignature(att[0], _signDigest(attKey[0], digest));
        sigs[1] = AttestorSignature(att[1], _signDigest(attKey[1], digest));
        sigs[2] = AttestorSignature(att[3], _signDigest(attKey[3], digest));
        r2.exec(address(hpt), abi.encodeCall(HashPowerToken.mintProduct, (c, sigs)));
        assertTrue(r2.lastCallSucceeded());
        assertEq(hpt.tokenData(next).units, CAPACITY - 5);
        assertEq(hpt.ownerOf(next + 1), alice);
        assertEq(_liveSum(3), CAPACITY);
    }

    /// Outside a guarded call (a plain safeTransferFrom), the receiver may split what it just
    /// received: that is legitimate and the accounting stays exact.
    function test_item15_receiverSplittingOnSafeTransferKeepsAccounting() public {
        _mintDefault();
        ReentrantReceiver r = new ReentrantReceiver();
        r.arm(address(hpt), abi.encodeCall(HashPowerToken.split, (1, _units(400e6, 600e6))));
        vm.prank(issuer);
        hpt.safeTransferFrom(issuer, address(r), 1);
        assertTrue(r.lastCallSucceeded());
        assertEq(hpt.balanceOf(address(r)), 2);
        assertEq(_liveTokens(1).length, 2);
        assertEq(_liveSum(1), CAPACITY);
    }

    function _reentrantAssetClass() internal returns (ReentrantToken token, bytes32 id) {
        token = new ReentrantToken();
        vm.prank(owner);
        id = assetClasses.registerAssetClass("BTC-REENTRANT", "TH/s", 6, address(token));
        vm.prank(owner);
        attestorRegistry.setThreshold(id, THRESHOLD);
        token.mint(issuer, 100e8);
        vm.prank(issuer);
        token.approve(address(collateralVault), type(uint256).max);
    }

    /// The collateral's transferFrom now runs inside CollateralVault.lock, itself inside mintProduct:
    /// a hook re-entering the token (mint, split, merge) hits the token's guard; one re-entering a
    /// challenge of the product being minted reaches the vault's forfeit and hits the vault's guard;
    /// one calling the vault's lock directly is not the COLLATERAL_LOCKER.
    function test_item15_collateralTokenReentersOnTransferFrom() public {
        _mintDefault(); // product 1 (wbtc), token 1
        (ReentrantToken token, bytes32 id) = _reentrantAssetClass();
        HashPowerToken.ProductAttestation memory second = _attestation(3);
        address[5] memory targets =
            [address(hpt), address(hpt), address(hpt), address(hardwareRegistry), address(collateralVault)];
        bytes[5] memory calls = [
            abi.encodeCall(HashPowerToken.mintProduct, (second, _sigs(second, 0, 3))),
            abi.encodeCall(HashPowerToken.split, (1, _units(1, CAPACITY - 1))),
            abi.encodeCall(HashPowerToken.merge, (_ids(1, 2))),
            abi.encodeCall(
                HardwareRegistry.challengeDuplicateHardware, (hw[0], 1, MerkleHelper.proof(hw, 0), 2, MerkleHelper.proof(hw, 0))
            ),
            abi.encodeCall(CollateralVault.lock, (9, address(token), issuer, 1))
        ];
        for (uint256 i; i < calls.length; i++) {
            uint256 snap = vm.snapshotState();
            HashPowerToken.ProductAttestation memory a = _attestation(2);
            a.assetClass = id;
            a.collateralToken = address(token);
            token.arm(targets[i], calls[i]);
            _mint(a);
            assertFalse(token.lastCallSucceeded());
            assertEq(
                token.lastError(),
                i == 4 ? abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(token)) : REENTRANT
            );
            assertEq(token.balanceOf(address(collateralVault)), COLLATERAL);
            assertEq(hpt.productCount(), 2);
            assertFalse(hpt.product(2).frozen);
            (, uint256 locked) = collateralVault.collateralOf(2);
            assertEq(locked, COLLATERAL);
            vm.revertToState(snap);
        }
    }

    /// The bounty is paid by the vault inside the hardware registry's challenge: a token hook
    /// re-entering the challenge hits the registry's guard; the bounty is paid once.
    function test_item15_bountyTokenReentersOnTransfer() public {
        (ReentrantToken token, bytes32 id) = _reentrantAssetClass();
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.assetClass = id;
        a.collateralToken = address(token);
        _mint(a);
        a.nonce = 2;
        a.committeeEpoch = attestorRegistry.epoch();
        _mint(a); // same hardware
        bytes memory again = abi.encodeCall(
            HardwareRegistry.challengeDuplicateHardware, (hw[0], 1, MerkleHelper.proof(hw, 0), 2, MerkleHelper.proof(hw, 0))
        );
        token.arm(address(hardwareRegistry), again);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, MerkleHelper.proof(hw, 0));
        assertFalse(token.lastCallSucceeded());
        assertEq(token.lastError(), REENTRANT);
        assertEq(token.balanceOf(challenger), COLLATERAL / 10); // paid once
        assertEq(token.balanceOf(address(collateralVault)), 2 * COLLATERAL - COLLATERAL / 10);
        assertEq(collateralVault.forfeitedOf(2), COLLATERAL - COLLATERAL / 10);
    }

    // =====================================================================================
    // item 17 (collateral side): fee-on-transfer and lying tokens rejected exactly
    // =====================================================================================

    function test_feeOnTransferCollateralRejected() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        vm.prank(owner);
        bytes32 id = assetClasses.registerAssetClass("BTC-FOT", "TH/s", 6, address(fot));
        vm.prank(owner);
        attestorRegistry.setThreshold(id, THRESHOLD);
        fot.mint(issuer, 100e8);
        vm.prank(issuer);
        fot.approve(address(collateralVault), type(uint256).max);
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.assetClass = id;
        a.collateralToken = address(fot);
        _expectMintRevert(
            a,
            _sigs(a, 0, 3),
            abi.encodeWithSelector(AmountNotReceived.selector, COLLATERAL, COLLATERAL - COLLATERAL / 100)
        );
    }

    function test_lyingCollateralTokenRejected() public {
        LyingToken liar = new LyingToken();
        vm.prank(owner);
        bytes32 id = assetClasses.registerAssetClass("BTC-LIE", "TH/s", 6, address(liar));
        vm.prank(owner);
        attestorRegistry.setThreshold(id, THRESHOLD);
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.assetClass = id;
        a.collateralToken = address(liar);
        _expectMintRevert(a, _sigs(a, 0, 3), abi.encodeWithSelector(AmountNotReceived.selector, COLLATERAL, 0));
    }

    // =====================================================================================
    // item 31: access control of every restricted function
    // =====================================================================================

    /// Every restricted function of the registry, the token and the collateral vault refuses a
    /// stranger with the AccessManager's error; a stranger cannot grant itself a role either.
    function test_item31_everyRestrictedFunctionRefusesStrangers() public {
        _mintDefault();
        bytes memory unauthorized = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger);
        address[] memory list = new address[](1);
        list[0] = att[0];
        vm.startPrank(stranger);
        vm.expectRevert(unauthorized);
        attestorRegistry.addAttestor(stranger);
        vm.expectRevert(unauthorized);
        attestorRegistry.removeAttestor(att[0]);
        vm.expectRevert(unauthorized);
        attestorRegistry.setThreshold(btc, 1);
        vm.expectRevert(unauthorized);
        attestorRegistry.lockBonds(list, type(uint64).max);
        vm.expectRevert(unauthorized);
        attestorRegistry.slash(att[0]);
        vm.expectRevert(unauthorized);
        hpt.pause();
        vm.expectRevert(unauthorized);
        hpt.unpause();
        vm.expectRevert(unauthorized);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(address(0)));
        vm.expectRevert(unauthorized);
        hpt.freeze(1);
        vm.expectRevert(unauthorized);
        hpt.markDefaulted(1);
        vm.expectRevert(unauthorized);
        collateralVault.lock(2, address(wbtc), issuer, 1);
        vm.expectRevert(unauthorized);
        collateralVault.take(1, 1);
        vm.expectRevert(unauthorized);
        collateralVault.release(1, stranger);
        vm.expectRevert(unauthorized);
        collateralVault.forfeit(1, stranger, 10_000);
        vm.expectRevert(unauthorized);
        collateralVault.payForfeited(1, stranger, 0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, 0));
        manager.grantRole(Roles.COLLATERAL_MANAGER, stranger, 0);
        vm.stopPrank();
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL);
        assertEq(attestorRegistry.attestorInfo(att[0]).bond, MIN_BOND);
    }

    /// The admin has no power over holders' tokens or the collateral: it holds none of the hook
    /// roles (it could grant them to itself, which is why ADMIN must be a timelock or multisig).
    function test_item31_ownerCannotMoveUserTokens() public {
        _mintDefault();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, owner, 1));
        vm.prank(owner);
        hpt.transferFrom(issuer, owner, 1);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, owner, 1));
        vm.prank(owner);
        hpt.split(1, _units(1, CAPACITY - 1));
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, owner, 1));
        vm.prank(owner);
        hpt.carve(1, 1, owner);
        bytes memory unauthorized = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner);
        vm.startPrank(owner);
        vm.expectRevert(unauthorized);
        hpt.freeze(1);
        vm.expectRevert(unauthorized);
        collateralVault.forfeit(1, owner, 10_000);
        vm.expectRevert(unauthorized);
        collateralVault.lock(2, address(wbtc), issuer, 1);
        vm.stopPrank();
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL);
    }

    // =====================================================================================
    // item 32: bounded loops
    // =====================================================================================

    /// 32 bonded members of `reg`, sorted by address, with threshold 32 for BTC.
    function _fullCommittee(AttestorRegistry reg) internal returns (address[] memory addrs, uint256[] memory keys) {
        keys = new uint256[](32);
        addrs = new address[](32);
        for (uint256 i; i < 32; i++) {
            (addrs[i], keys[i]) = makeAddrAndKey(string.concat("big-committee-", vm.toString(i)));
        }
        for (uint256 i = 1; i < 32; i++) {
            for (uint256 j = i; j > 0 && addrs[j] < addrs[j - 1]; j--) {
                (addrs[j], addrs[j - 1]) = (addrs[j - 1], addrs[j]);
                (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
            }
        }
        vm.startPrank(owner);
        for (uint256 i; i < 32; i++) {
            reg.addAttestor(addrs[i]);
        }
        reg.setThreshold(btc, 32);
        vm.stopPrank();
        for (uint256 i; i < 32; i++) {
            vm.deal(addrs[i], MIN_BOND);
            vm.prank(addrs[i]);
            reg.depositBond{value: MIN_BOND}();
        }
    }

    /// A full committee (32) with threshold 32 signs two products over the same hardware: minting
    /// and the challenge that slashes all 32 stay far below the block gas limit. (A second
    /// deployment with its own AccessManager, wired from the same table.)
    function test_item32_fullCommitteeGasBounded() public {
        _deployManager(owner);
        AttestorRegistry reg = new AttestorRegistry(address(manager), MIN_BOND, EXIT_DELAY);
        CollateralVault vault = new CollateralVault(address(manager), ICollateralPolicy(address(0)));
        HashPowerToken token = new HashPowerToken(address(manager), assetClasses, reg, vault);
        HardwareRegistry hwReg = new HardwareRegistry(token, vault, reg, ICreditRecorder(address(0)));
        _register("AttestorRegistry", address(reg));
        _register("CollateralVault", address(vault));
        _register("HashPowerToken", address(token));
        _register("HardwareRegistry", address(hwReg));
        _wire();
        (address[] memory addrs, uint256[] memory keys) = _fullCommittee(reg);
        vm.prank(issuer);
        wbtc.approve(address(vault), type(uint256).max);
        for (uint256 n = 1; n <= 2; n++) {
            HashPowerToken.ProductAttestation memory a = _attestation(n);
            a.committeeEpoch = reg.epoch();
            bytes32 digest = token.hashProductAttestation(a);
            AttestorSignature[] memory sigs = new AttestorSignature[](32);
            for (uint256 i; i < 32; i++) {
                sigs[i] = AttestorSignature(addrs[i], _signDigest(keys[i], digest));
            }
            uint256 g = gasleft();
            vm.prank(issuer);
            token.mintProduct(a, sigs);
            assertLt(g - gasleft(), 3_000_000, "mint with 32 signatures");
        }
        vm.prank(owner); // a 33rd entry can only be a duplicate or a non-member: the loop stops there
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.CommitteeFull.selector, 32));
        reg.addAttestor(stranger);
        uint256 g2 = gasleft();
        vm.prank(challenger);
        hwReg.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), 2, MerkleHelper.proof(hw, 0));
        assertLt(g2 - gasleft(), 2_500_000, "challenge slashing 32");
        assertEq(reg.totalBurned(), 32 * MIN_BOND);
        assertEq(reg.attestors().length, 0); // every slashed member left the committee
        assertEq(wbtc.balanceOf(challenger), COLLATERAL / 10);
    }
}
