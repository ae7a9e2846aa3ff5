// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerToken} from "../../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./HashPowerFixtures.sol";
import {MerkleHelper} from "./MerkleHelper.sol";

/// @dev Helpers of the token area's suites (hardware registry, collateral vault, ERC-721, renderer,
/// gas) on top of the shared HashPowerFixtures.
abstract contract TokenAreaFixtures is HashPowerFixtures {
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    /// A stand-in for the fulfillment vault (not deployed in these suites), wired from the
    /// deployment table like the real one: roles COLLATERAL_MANAGER and PRODUCT_DEFAULTER.
    address internal fulfillment = makeAddr("fulfillmentVaultStandIn");

    /// hwB of {_twoProductsSharingHardware}: product 2's machines, hw[1] at index 1.
    bytes32[] internal hwB;

    function _wireFulfillmentStandIn() internal {
        _register("FulfillmentVault", fulfillment);
        _wire();
    }

    /// Product 1 by issuer (att 0,1,2, machines hw) and product 2 by alice (att 2,3,4, machines hwB)
    /// share machine hw[1]; token 1 is the issuer's, token 2 alice's.
    function _twoProductsSharingHardware() internal {
        _mintDefault();
        delete hwB;
        hwB.push(keccak256("other-1"));
        hwB.push(hw[1]);
        hwB.push(keccak256("other-2"));
        _fund(alice, 100e8);
        HashPowerToken.ProductAttestation memory b = _attestationFor(alice, hwB, 2);
        _mintWith(b, 2, 3);
    }

    /// The challenge of {_twoProductsSharingHardware}, by `who`.
    function _challenge21(address who) internal returns (uint256 frozenId, uint256 bounty, uint256 slashed) {
        bytes32[] memory pa = MerkleHelper.proof(hw, 1);
        bytes32[] memory pb = MerkleHelper.proof(hwB, 1);
        vm.prank(who);
        return hardwareRegistry.challengeDuplicateHardware(hw[1], 1, pa, 2, pb);
    }

    /// Mints a product of `issuer_` over `hardware`, signed by the given attestor indexes (sorted by
    /// address, as the fixture's `att` is), for the current committee epoch.
    function _mintSignedBy(address issuer_, bytes32[] memory hardware, uint256 nonce, uint256[] memory signers)
        internal
        returns (uint256 productId, uint256 tokenId)
    {
        HashPowerToken.ProductAttestation memory a = _attestationFor(issuer_, hardware, nonce);
        bytes32 digest = hpt.hashProductAttestation(a);
        AttestorSignature[] memory sigs = new AttestorSignature[](signers.length);
        for (uint256 i; i < signers.length; i++) {
            sigs[i] = AttestorSignature({signer: att[signers[i]], signature: _signDigest(attKey[signers[i]], digest)});
        }
        vm.prank(issuer_);
        return hpt.mintProduct(a, sigs);
    }

    function _three(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory u) {
        u = new uint256[](3);
        u[0] = a;
        u[1] = b;
        u[2] = c;
    }

    function _one(uint256 a) internal pure returns (uint256[] memory u) {
        u = new uint256[](1);
        u[0] = a;
    }

    function _hw2(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory h) {
        h = new bytes32[](2);
        h[0] = a;
        h[1] = b;
    }

    /// Splits token `tokenId` (of `holder`) into `parts` near-equal slices.
    function _splitEven(address holder, uint256 tokenId, uint256 parts) internal returns (uint256[] memory ids) {
        uint256 units = hpt.tokenData(tokenId).units;
        uint256[] memory u = new uint256[](parts);
        for (uint256 i; i < parts; i++) {
            u[i] = units / parts;
        }
        u[0] += units % parts;
        vm.prank(holder);
        ids = hpt.split(tokenId, u);
    }

    /// Product 1 in `n` > 500 live slices: 64 slices, of which the first `k` are split into 64 more.
    function _manySlices(uint256 k) internal returns (uint256[] memory all) {
        uint256[] memory first = _splitEven(issuer, 1, 64);
        for (uint256 i = 1; i <= k; i++) {
            _splitEven(issuer, first[i], 64);
        }
        all = _liveTokens(1);
    }
}
