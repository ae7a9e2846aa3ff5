// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @dev Reference Merkle tree (sorted-pair keccak, as OZ MerkleProof expects) over hardware ids, or
/// over leaves hashed by another rule (`rootOfLeaves`, `proofOfLeaves`).
/// Leaf rule (spec): keccak256(bytes.concat(keccak256(abi.encode(hardwareId)))). An odd node at
/// the end of a layer is carried up unchanged.
library MerkleHelper {
    function leaf(bytes32 hardwareId) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(hardwareId))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function leaves(bytes32[] memory ids) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](ids.length);
        for (uint256 i; i < ids.length; i++) {
            out[i] = leaf(ids[i]);
        }
    }

    function root(bytes32[] memory ids) internal pure returns (bytes32) {
        return rootOfLeaves(leaves(ids));
    }

    function proof(bytes32[] memory ids, uint256 index) internal pure returns (bytes32[] memory out) {
        return proofOfLeaves(leaves(ids), index);
    }

    /// The root over leaves already hashed (any leaf rule).
    function rootOfLeaves(bytes32[] memory layer) internal pure returns (bytes32) {
        while (layer.length > 1) layer = _up(layer);
        return layer[0];
    }

    /// The proof of leaf `index` among leaves already hashed.
    function proofOfLeaves(bytes32[] memory layer, uint256 index) internal pure returns (bytes32[] memory out) {
        bytes32[] memory tmp = new bytes32[](256);
        uint256 n;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) tmp[n++] = layer[sibling];
            layer = _up(layer);
            index /= 2;
        }
        out = new bytes32[](n);
        for (uint256 i; i < n; i++) {
            out[i] = tmp[i];
        }
    }

    function _up(bytes32[] memory layer) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((layer.length + 1) / 2);
        for (uint256 i; i < next.length; i++) {
            uint256 left = 2 * i;
            next[i] = left + 1 < layer.length ? hashPair(layer[left], layer[left + 1]) : layer[left];
        }
    }
}
