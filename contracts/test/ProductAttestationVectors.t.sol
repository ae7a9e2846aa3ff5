// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";

/// @notice Checks the cross-language EIP-712 vectors in ../test-vectors/eip712-product-attestation.json
/// (generated and signed by the Java SDK): type string and hash, domain separator, struct hash and
/// digest of every case byte for byte, and every vector signature accepted by verifySignatures
/// (SECURITY-CHECKLIST item 6: Java signs, Solidity verifies the same golden vectors).
contract ProductAttestationVectorsTest is HashPowerFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/eip712-product-attestation.json";

    string internal json;
    address internal vectorContract;
    uint256 internal vectorChainId;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(VECTORS);
        vectorContract = json.readAddress(".domain.verifyingContract");
        vectorChainId = json.readUint(".domain.chainId");
        // The same runtime code at the vector's address and chain: OZ EIP712 rebuilds the domain
        // separator from address(this) and block.chainid when they differ from the deployment's.
        vm.etch(vectorContract, address(hpt).code);
        vm.chainId(vectorChainId);
    }

    function _count() internal view returns (uint256 n) {
        while (json.keyExists(string.concat(".cases[", vm.toString(n), "]"))) n++;
    }

    function _message(uint256 i) internal view returns (HashPowerToken.ProductAttestation memory a) {
        string memory m = string.concat(".cases[", vm.toString(i), "].message");
        a.issuer = json.readAddress(string.concat(m, ".issuer"));
        a.assetClass = json.readBytes32(string.concat(m, ".assetClass"));
        a.capacity = json.readUint(string.concat(m, ".capacity"));
        a.start = uint64(json.readUint(string.concat(m, ".start")));
        a.end = uint64(json.readUint(string.concat(m, ".end")));
        a.hardwareRoot = json.readBytes32(string.concat(m, ".hardwareRoot"));
        a.hardwareCount = uint32(json.readUint(string.concat(m, ".hardwareCount")));
        a.metadataHash = json.readBytes32(string.concat(m, ".metadataHash"));
        a.collateralToken = json.readAddress(string.concat(m, ".collateralToken"));
        a.collateral = json.readUint(string.concat(m, ".collateral"));
        a.nonce = json.readUint(string.concat(m, ".nonce"));
        a.deadline = uint64(json.readUint(string.concat(m, ".deadline")));
        a.committeeEpoch = uint64(json.readUint(string.concat(m, ".committeeEpoch")));
    }

    function _signatures(uint256 i) internal view returns (AttestorSignature[] memory sigs) {
        string memory c = string.concat(".cases[", vm.toString(i), "].signatures");
        uint256 n;
        while (json.keyExists(string.concat(c, "[", vm.toString(n), "]"))) n++;
        sigs = new AttestorSignature[](n);
        for (uint256 j; j < n; j++) {
            string memory s = string.concat(c, "[", vm.toString(j), "]");
            sigs[j].signer = json.readAddress(string.concat(s, ".signer"));
            sigs[j].signature = json.readBytes(string.concat(s, ".signature"));
        }
    }

    function _structHash(HashPowerToken.ProductAttestation memory a) internal view returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(hpt.PRODUCT_ATTESTATION_TYPEHASH(), a.issuer, a.assetClass, a.capacity, a.start, a.end),
                abi.encode(a.hardwareRoot, a.hardwareCount, a.metadataHash, a.collateralToken, a.collateral),
                abi.encode(a.nonce, a.deadline, a.committeeEpoch)
            )
        );
    }

    function test_vectors_typeStringAndHash() public view {
        string memory typeString = json.readString(".typeString");
        assertEq(keccak256(bytes(typeString)), json.readBytes32(".typeHash"));
        assertEq(hpt.PRODUCT_ATTESTATION_TYPEHASH(), json.readBytes32(".typeHash"), "typeHash");
        assertEq(
            keccak256(bytes(json.readString(".domainTypeString"))), json.readBytes32(".domainTypeHash")
        );
        assertEq(json.readString(".domain.name"), "HashMix");
        assertEq(json.readString(".domain.version"), "1");
    }

    function test_vectors_domainSeparator() public view {
        assertEq(block.chainid, vectorChainId);
        assertEq(HashPowerToken(vectorContract).domainSeparator(), json.readBytes32(".domainSeparator"));
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            HashPowerToken(vectorContract).eip712Domain();
        assertEq(name, "HashMix");
        assertEq(version, "1");
        assertEq(chainId, vectorChainId);
        assertEq(verifying, vectorContract);
    }

    function test_vectors_structHashAndDigest() public view {
        uint256 n = _count();
        assertGe(n, 3, "expected at least 3 cases");
        bytes32 ds = json.readBytes32(".domainSeparator");
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".cases[", vm.toString(i), "]");
            string memory name = json.readString(string.concat(c, ".name"));
            HashPowerToken.ProductAttestation memory a = _message(i);
            bytes32 structHash = json.readBytes32(string.concat(c, ".structHash"));
            bytes32 digest = json.readBytes32(string.concat(c, ".digest"));
            assertEq(_structHash(a), structHash, string.concat(name, ": structHash"));
            assertEq(keccak256(abi.encodePacked(hex"1901", ds, structHash)), digest, name);
            assertEq(HashPowerToken(vectorContract).hashProductAttestation(a), digest, string.concat(name, ": digest"));
        }
    }

    /// The vector signers become attestors of a registry at the vector's committee epoch; every
    /// case's signatures then pass verifySignatures with the vector threshold.
    function test_vectors_signaturesVerify() public {
        uint256 n = _count();
        uint256 threshold = json.readUint(".threshold");
        address[] memory signers = new address[](5);
        for (uint256 k; k < 5; k++) {
            signers[k] = json.readAddress(string.concat(".signers[", vm.toString(k), "].address"));
        }
        assertFalse(json.keyExists(".signers[5]"));
        for (uint256 i; i < n; i++) {
            HashPowerToken.ProductAttestation memory a = _message(i);
            AttestorRegistry reg = _registryAtEpoch(signers, a.committeeEpoch);
            vm.prank(owner);
            reg.setThreshold(a.assetClass, uint8(threshold));
            AttestorSignature[] memory sigs = _signatures(i);
            assertEq(sigs.length, threshold);
            bytes32 digest = HashPowerToken(vectorContract).hashProductAttestation(a);
            address[] memory got = reg.verifySignatures(digest, a.assetClass, a.committeeEpoch, sigs);
            assertEq(got.length, sigs.length);
            for (uint256 j; j < got.length; j++) {
                assertEq(got[j], sigs[j].signer);
            }
            // one signature fewer is below the threshold
            AttestorSignature[] memory fewer = new AttestorSignature[](sigs.length - 1);
            for (uint256 j; j < fewer.length; j++) {
                fewer[j] = sigs[j];
            }
            vm.expectRevert(
                abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, fewer.length, threshold)
            );
            reg.verifySignatures(digest, a.assetClass, a.committeeEpoch, fewer);
        }
    }

    /// The vector private keys derive the listed addresses and re-sign the digests identically
    /// (RFC 6979 deterministic ECDSA on both sides).
    function test_vectors_keysMatchAddressesAndSignatures() public view {
        uint256 n = _count();
        for (uint256 k; k < 5; k++) {
            string memory s = string.concat(".signers[", vm.toString(k), "]");
            assertEq(vm.addr(json.readUint(string.concat(s, ".privateKey"))), json.readAddress(string.concat(s, ".address")));
        }
        for (uint256 i; i < n; i++) {
            AttestorSignature[] memory sigs = _signatures(i);
            bytes32 digest = json.readBytes32(string.concat(".cases[", vm.toString(i), "].digest"));
            for (uint256 j; j < sigs.length; j++) {
                uint256 key = _keyOf(sigs[j].signer);
                assertEq(_signDigest(key, digest), sigs[j].signature);
            }
        }
    }

    function _keyOf(address signer) internal view returns (uint256) {
        for (uint256 k; k < 5; k++) {
            string memory s = string.concat(".signers[", vm.toString(k), "]");
            if (json.readAddress(string.concat(s, ".address")) == signer) {
                return json.readUint(string.concat(s, ".privateKey"));
            }
        }
        revert("unknown signer");
    }

    /// A registry whose committee is `signers` (bonded) at committee epoch `epoch_`. Adding members
    /// bumps the epoch once each, so the epoch is then set directly: storage slot 0 holds
    /// AccessManaged's `_authority` (bits 0-159) and `_consumingSchedule` (bits 160-167), then the
    /// registry's `_epoch` (uint64, bits 168-231); the authority bits are kept.
    function _registryAtEpoch(address[] memory signers, uint64 epoch_) internal returns (AttestorRegistry reg) {
        reg = new AttestorRegistry(address(manager), MIN_BOND, EXIT_DELAY);
        for (uint256 j; j < signers.length; j++) {
            vm.prank(owner);
            reg.addAttestor(signers[j]);
            vm.deal(signers[j], MIN_BOND);
            vm.prank(signers[j]);
            reg.depositBond{value: MIN_BOND}();
        }
        uint256 slot0 = uint256(vm.load(address(reg), bytes32(0)));
        assertEq((slot0 >> 168) & type(uint64).max, signers.length, "epoch where expected");
        slot0 = (slot0 & ~(uint256(type(uint64).max) << 168)) | (uint256(epoch_) << 168);
        vm.store(address(reg), bytes32(0), bytes32(slot0));
        assertEq(reg.epoch(), epoch_);
        assertEq(reg.authority(), address(manager));
        assertEq(reg.attestors().length, signers.length);
    }
}
