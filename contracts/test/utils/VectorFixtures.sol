// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {HashPowerFixtures} from "./HashPowerFixtures.sol";

/// @dev Shared reading and checking of the Java-generated EIP-712 vector files (../test-vectors/*.json):
/// the JSON domain and its separator recomputed here, the contract under test etched at the vector's
/// verifying contract address on the vector's chain (OZ EIP712 rebuilds its separator from address(this)
/// and block.chainid when they differ from the deployment's), and the ECDSA checks of a vector signature.
abstract contract VectorFixtures is HashPowerFixtures {
    using stdJson for string;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// secp256k1 n / 2: the largest canonical s.
    uint256 internal constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    string internal json;
    address internal vectorContract;
    uint256 internal vectorChainId;
    /// The domain separator recomputed from the JSON domain (not read from any contract).
    bytes32 internal domainSeparator;

    /// Reads a vector file, recomputes its domain separator, puts `deployed`'s runtime code at the vector's
    /// verifying contract address and switches to the vector's chain id.
    function _loadVectors(string memory path, address deployed) internal {
        json = vm.readFile(path);
        vectorContract = json.readAddress(".domain.verifyingContract");
        vectorChainId = _uint(".domain.chainId");
        domainSeparator = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256(bytes(json.readString(".domain.name"))),
                keccak256(bytes(json.readString(".domain.version"))),
                vectorChainId,
                vectorContract
            )
        );
        vm.etch(vectorContract, deployed.code);
        vm.chainId(vectorChainId);
    }

    /// A decimal-string number of the vector file.
    function _uint(string memory path) internal view returns (uint256) {
        return vm.parseUint(json.readString(path));
    }

    /// The length of a JSON array of the vector file.
    function _count(string memory array) internal view returns (uint256 n) {
        while (json.keyExists(string.concat(array, "[", vm.toString(n), "]"))) n++;
    }

    /// The path of element `i` of a JSON array.
    function _at(string memory array, uint256 i) internal pure returns (string memory) {
        return string.concat(array, "[", vm.toString(i), "]");
    }

    /// The EIP-712 digest of a struct hash under the JSON domain.
    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
    }

    /// The JSON domain is HashMix v1 and its listed separator and type hash are the recomputed ones.
    function _checkJsonDomain() internal view {
        assertEq(json.readString(".domain.name"), "HashMix");
        assertEq(json.readString(".domain.version"), "1");
        assertEq(keccak256(bytes(json.readString(".domainTypeString"))), DOMAIN_TYPEHASH);
        assertEq(json.readBytes32(".domainTypeHash"), DOMAIN_TYPEHASH);
        assertEq(json.readBytes32(".domainSeparator"), domainSeparator, "JSON separator");
        assertEq(block.chainid, vectorChainId);
    }

    /// A vector signature is canonical (65 bytes, low s, v in {27, 28}), ecrecover gives `signer`, and the
    /// vector key derives `signer` and re-signs the digest to the same bytes (RFC 6979 on both sides).
    function _checkEcdsa(bytes32 digest, bytes memory signature, address signer, uint256 key, string memory label)
        internal
        view
    {
        assertEq(signature.length, 65, string.concat(label, ": 65-byte signature"));
        (bytes32 r, bytes32 s, uint8 v) = this.splitSignature(signature);
        assertLe(uint256(s), HALF_N, string.concat(label, ": low s"));
        assertTrue(v == 27 || v == 28, string.concat(label, ": v"));
        assertEq(ecrecover(digest, v, r, s), signer, string.concat(label, ": ecrecover"));
        assertEq(vm.addr(key), signer, string.concat(label, ": key matches signer"));
        (uint8 v2, bytes32 r2, bytes32 s2) = vm.sign(key, digest);
        assertEq(abi.encodePacked(r2, s2, v2), signature, string.concat(label, ": vm.sign gives the same bytes"));
    }

    /// r, s and v of a 65-byte signature (external so that calldata slicing is available).
    function splitSignature(bytes calldata signature) external pure returns (bytes32 r, bytes32 s, uint8 v) {
        r = bytes32(signature[0:32]);
        s = bytes32(signature[32:64]);
        v = uint8(signature[64]);
    }
}
