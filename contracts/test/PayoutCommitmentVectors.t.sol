// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";

/// @notice SECURITY-CHECKLIST item 6 for payout commitments: ../test-vectors/payout-commitment.json is generated
/// and signed by the Java SDK (hashmix-proofs PayoutCommitmentVectors, checked there against web3j's encoder).
/// For every commitment this test recomputes the struct hash (type string pinned here, `bytes[]` as the keccak
/// of the scripts' keccaks), the digest under the JSON domain, checks that hashPayoutCommitment returns it, and
/// that every signature is canonical and recovers to its signer, sorted ascending.
contract PayoutCommitmentVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/payout-commitment.json";

    bytes32 internal constant PAYOUT_COMMITMENT_TYPEHASH = keccak256(
        "PayoutCommitment(uint256 productId,bytes[] payoutScripts,bool spvRequired,uint64 version,uint256 nonce,"
        "uint64 deadline,uint64 committeeEpoch)"
    );

    BitcoinEvidence internal evidence;

    function setUp() public override {
        super.setUp();
        BitcoinEvidence deployed =
            new BitcoinEvidence(address(manager), attestorRegistry, hpt, IBtcSpvVerifier(address(0xB7C)), assetClasses);
        _loadVectors(VECTORS, address(deployed));
        evidence = BitcoinEvidence(vectorContract);
    }

    function _commitment(string memory c) internal view returns (BitcoinEvidence.PayoutCommitment memory m) {
        string memory p = string.concat(c, ".commitment");
        m.productId = _uint(string.concat(p, ".productId"));
        m.payoutScripts = json.readBytesArray(string.concat(p, ".payoutScripts"));
        m.spvRequired = json.readBool(string.concat(p, ".spvRequired"));
        m.version = uint64(_uint(string.concat(p, ".version")));
        m.nonce = _uint(string.concat(p, ".nonce"));
        m.deadline = uint64(_uint(string.concat(p, ".deadline")));
        m.committeeEpoch = uint64(_uint(string.concat(p, ".committeeEpoch")));
    }

    function _hash(BitcoinEvidence.PayoutCommitment memory m) internal pure returns (bytes32) {
        bytes memory hashes;
        for (uint256 i; i < m.payoutScripts.length; i++) {
            hashes = bytes.concat(hashes, keccak256(m.payoutScripts[i]));
        }
        return keccak256(
            abi.encode(
                PAYOUT_COMMITMENT_TYPEHASH,
                m.productId,
                keccak256(hashes),
                m.spvRequired,
                m.version,
                m.nonce,
                m.deadline,
                m.committeeEpoch
            )
        );
    }

    function _keyOf(address signer) internal view returns (uint256) {
        uint256 n = _count(".signers");
        for (uint256 k; k < n; k++) {
            string memory s = _at(".signers", k);
            if (json.readAddress(string.concat(s, ".address")) == signer) {
                return json.readUint(string.concat(s, ".privateKey"));
            }
        }
        revert("unknown signer");
    }

    function test_item6_vectors_typeStringAndDomain() public view {
        assertEq(keccak256(bytes(json.readString(".typeString"))), PAYOUT_COMMITMENT_TYPEHASH);
        assertEq(json.readBytes32(".typeHash"), PAYOUT_COMMITMENT_TYPEHASH);
        assertEq(evidence.PAYOUT_COMMITMENT_TYPEHASH(), PAYOUT_COMMITMENT_TYPEHASH);
        _checkJsonDomain();
        assertEq(evidence.domainSeparator(), domainSeparator);
    }

    function test_item6_vectors_structHashDigestAndSignatures() public view {
        uint256 n = _count(".cases");
        assertGe(n, 5);
        for (uint256 i; i < n; i++) {
            string memory c = _at(".cases", i);
            string memory name = json.readString(string.concat(c, ".name"));
            BitcoinEvidence.PayoutCommitment memory m = _commitment(c);
            bytes32 structHash = _hash(m);
            assertEq(json.readBytes32(string.concat(c, ".structHash")), structHash, string.concat(name, ": structHash"));
            bytes32 digest = _digest(structHash);
            assertEq(json.readBytes32(string.concat(c, ".digest")), digest, string.concat(name, ": digest"));
            assertEq(evidence.hashPayoutCommitment(m), digest, string.concat(name, ": hashPayoutCommitment"));
            uint256 sigs = _count(string.concat(c, ".signatures"));
            assertEq(sigs, json.readUint(".threshold"));
            address previous;
            for (uint256 k; k < sigs; k++) {
                string memory s = _at(string.concat(c, ".signatures"), k);
                address signer = json.readAddress(string.concat(s, ".signer"));
                assertGt(uint160(signer), uint160(previous), string.concat(name, ": signers ascending"));
                previous = signer;
                _checkEcdsa(digest, json.readBytes(string.concat(s, ".signature")), signer, _keyOf(signer), name);
            }
        }
    }
}
