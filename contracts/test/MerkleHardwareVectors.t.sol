// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Checks the cross-language Merkle vectors in ../test-vectors/merkle-hardware.json
/// (OZ StandardMerkleTree layout built by the Java SDK): the leaf rule, every single proof and
/// every multiproof with OZ MerkleProof, and every proof through HardwareRegistry.proveOwnership.
contract MerkleHardwareVectorsTest is HashPowerFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/merkle-hardware.json";

    string internal json;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(VECTORS);
    }

    function _count(string memory path) internal view returns (uint256 n) {
        while (json.keyExists(string.concat(path, "[", vm.toString(n), "]"))) n++;
    }

    function _bytes32Array(string memory path) internal view returns (bytes32[] memory out) {
        uint256 n = _count(path);
        out = new bytes32[](n);
        for (uint256 i; i < n; i++) {
            out[i] = json.readBytes32(string.concat(path, "[", vm.toString(i), "]"));
        }
    }

    function _boolArray(string memory path) internal view returns (bool[] memory out) {
        uint256 n = _count(path);
        out = new bool[](n);
        for (uint256 i; i < n; i++) {
            out[i] = json.readBool(string.concat(path, "[", vm.toString(i), "]"));
        }
    }

    function test_vectors_leavesAndProofs() public view {
        uint256 cases = _count(".cases");
        assertGe(cases, 3);
        uint256 checked;
        for (uint256 c; c < cases; c++) {
            string memory at = string.concat(".cases[", vm.toString(c), "]");
            bytes32 root = json.readBytes32(string.concat(at, ".root"));
            uint256 ids = _count(string.concat(at, ".hardwareIds"));
            uint256 proofs = _count(string.concat(at, ".proofs"));
            assertEq(proofs, ids, "one proof per hardware id");
            for (uint256 p; p < proofs; p++) {
                string memory pp = string.concat(at, ".proofs[", vm.toString(p), "]");
                bytes32 hardwareId = json.readBytes32(string.concat(pp, ".hardwareId"));
                bytes32 leaf = json.readBytes32(string.concat(pp, ".leaf"));
                assertEq(MerkleHelper.leaf(hardwareId), leaf, "leaf rule");
                assertEq(hardwareRegistry.hardwareLeaf(hardwareId), leaf, "on-chain leaf rule");
                bytes32[] memory proof = _bytes32Array(string.concat(pp, ".proof"));
                assertTrue(MerkleProof.verify(proof, root, leaf), string.concat(at, ": proof"));
                // a different hardware id never verifies with this proof
                assertFalse(MerkleProof.verify(proof, root, MerkleHelper.leaf(~hardwareId)));
                checked++;
            }
        }
        assertGe(checked, 20);
    }

    function test_vectors_multiProofs() public view {
        uint256 cases = _count(".cases");
        for (uint256 c; c < cases; c++) {
            string memory at = string.concat(".cases[", vm.toString(c), "]");
            bytes32 root = json.readBytes32(string.concat(at, ".root"));
            bytes32[] memory ids = _bytes32Array(string.concat(at, ".multiProof.leaves"));
            bytes32[] memory leafHashes = _bytes32Array(string.concat(at, ".multiProof.leafHashes"));
            bytes32[] memory proof = _bytes32Array(string.concat(at, ".multiProof.proof"));
            bool[] memory flags = _boolArray(string.concat(at, ".multiProof.proofFlags"));
            assertEq(ids.length, leafHashes.length);
            for (uint256 i; i < ids.length; i++) {
                assertEq(MerkleHelper.leaf(ids[i]), leafHashes[i]);
            }
            assertTrue(MerkleProof.multiProofVerify(proof, flags, root, leafHashes), string.concat(at, ": multiproof"));
            assertEq(MerkleProof.processMultiProof(proof, flags, leafHashes), root);
        }
    }

    /// Each vector tree as a product's hardware root: proveOwnership accepts every vector proof
    /// (with the product's one slice, a complete list).
    function test_vectors_proveOwnershipOnChain() public {
        uint256 cases = _count(".cases");
        for (uint256 c; c < cases; c++) {
            string memory at = string.concat(".cases[", vm.toString(c), "]");
            HashPowerToken.ProductAttestation memory a = _attestation(100 + c);
            a.hardwareRoot = json.readBytes32(string.concat(at, ".root"));
            a.hardwareCount = uint32(_count(string.concat(at, ".hardwareIds")));
            (uint256 productId, uint256 tokenId) = _mint(a);
            uint256 proofs = _count(string.concat(at, ".proofs"));
            for (uint256 p; p < proofs; p++) {
                string memory pp = string.concat(at, ".proofs[", vm.toString(p), "]");
                bytes32 hardwareId = json.readBytes32(string.concat(pp, ".hardwareId"));
                bytes32[] memory proof = _bytes32Array(string.concat(pp, ".proof"));
                uint256[] memory ids = new uint256[](1);
                ids[0] = tokenId;
                HardwareRegistry.Ownership memory o = hardwareRegistry.proveOwnership(hardwareId, productId, proof, ids);
                assertEq(o.productId, productId);
                assertTrue(o.complete);
                assertEq(o.tokenIds.length, 1);
                assertEq(o.tokenIds[0], tokenId);
                assertEq(o.holders[0], issuer);
                assertEq(o.units[0], CAPACITY);
            }
        }
    }
}
