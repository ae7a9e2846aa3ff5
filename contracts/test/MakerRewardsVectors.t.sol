// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {MakerRewards} from "../src/incentives/MakerRewards.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";

/// @notice The market makers' vectors generated and signed by the Java SDK (hashmix-proofs
/// MakerRewardsVectors, checked by its drift test), checked byte for byte here (checklist item 6):
/// every tree's leaves (`MakerRewards.leaf`), proofs (OpenZeppelin `MerkleProof`) and total; every
/// root's struct hash with the type string pinned here, its digest under the JSON domain, the
/// contract's `hashMakerRoot` at the vector address, and its committee signatures. Then each tree is
/// published by this suite's committee on a fresh deployment and every leaf claimed through the
/// contract with its Java proof: the trees the SDK builds are the trees the contract pays.
contract MakerRewardsVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant FILE = "../test-vectors/maker-rewards.json";

    bytes32 internal constant MAKER_ROOT_TYPEHASH = keccak256(
        "MakerRoot(uint64 period,uint64 toBlock,bytes32 root,uint256 total,uint256 nonce,uint64 deadline,"
        "uint64 committeeEpoch)"
    );

    /// 1,000 HMX a second: 86.4 million a day, within the controller's cap with a year's halving
    uint256 internal constant RATE = 1e21;

    MakerRewards internal atVector;
    EmissionController internal controller;

    function setUp() public override {
        super.setUp();
        controller = new EmissionController(address(manager), type(uint96).max, 0, RATE, 365 days);
        MakerRewards deployed = new MakerRewards(attestorRegistry, controller, btc);
        _loadVectors(FILE, address(deployed));
        atVector = MakerRewards(vectorContract);
    }

    function _u64(string memory path) internal view returns (uint64) {
        uint256 v = _uint(path);
        assertLe(v, type(uint64).max, path);
        return uint64(v);
    }

    function _rootAt(string memory c) internal view returns (MakerRewards.MakerRoot memory r) {
        string memory p = string.concat(c, ".root");
        r.period = _u64(string.concat(p, ".period"));
        r.toBlock = _u64(string.concat(p, ".toBlock"));
        r.root = json.readBytes32(string.concat(p, ".root"));
        r.total = _uint(string.concat(p, ".total"));
        r.nonce = _uint(string.concat(p, ".nonce"));
        r.deadline = _u64(string.concat(p, ".deadline"));
        r.committeeEpoch = _u64(string.concat(p, ".committeeEpoch"));
    }

    function test_vectors_typeStringAndDomain() public view {
        assertEq(keccak256(bytes(json.readString(".makerRoot.typeString"))), MAKER_ROOT_TYPEHASH);
        assertEq(json.readBytes32(".makerRoot.typeHash"), MAKER_ROOT_TYPEHASH);
        assertEq(atVector.MAKER_ROOT_TYPEHASH(), MAKER_ROOT_TYPEHASH);
        _checkJsonDomain();
        assertEq(atVector.domainSeparator(), domainSeparator);
    }

    function test_vectors_roots() public view {
        uint256 n = _count(".roots");
        assertGe(n, 2, "at least two roots");
        for (uint256 i; i < n; i++) {
            string memory c = _at(".roots", i);
            string memory name = json.readString(string.concat(c, ".name"));
            MakerRewards.MakerRoot memory r = _rootAt(c);
            bytes32 structHash = keccak256(
                abi.encode(
                    MAKER_ROOT_TYPEHASH, r.period, r.toBlock, r.root, r.total, r.nonce, r.deadline, r.committeeEpoch
                )
            );
            assertEq(json.readBytes32(string.concat(c, ".structHash")), structHash, string.concat(name, ": structHash"));
            bytes32 digest = _digest(structHash);
            assertEq(json.readBytes32(string.concat(c, ".digest")), digest, string.concat(name, ": digest"));
            assertEq(atVector.hashMakerRoot(r), digest, string.concat(name, ": the contract's hash"));
            string memory sigs = string.concat(c, ".signatures");
            uint256 m = _count(sigs);
            assertGe(m, 3, string.concat(name, ": a committee threshold of signatures"));
            address previous;
            for (uint256 k; k < m; k++) {
                string memory s = _at(sigs, k);
                address signer = json.readAddress(string.concat(s, ".signer.address"));
                assertGt(uint160(signer), uint160(previous), string.concat(name, ": signers ascending"));
                previous = signer;
                _checkEcdsa(
                    digest,
                    json.readBytes(string.concat(s, ".signature")),
                    signer,
                    json.readUint(string.concat(s, ".signer.privateKey")),
                    name
                );
            }
        }
    }

    function test_vectors_treesLeavesAndProofs() public view {
        uint256 n = _count(".trees");
        assertGe(n, 5, "the single-leaf, two-leaf, five-leaf, extreme-values and allocation trees");
        for (uint256 i; i < n; i++) {
            string memory c = _at(".trees", i);
            string memory name = json.readString(string.concat(c, ".name"));
            bytes32 root = json.readBytes32(string.concat(c, ".root"));
            string memory ls = string.concat(c, ".leaves");
            uint256 m = _count(ls);
            uint256 total;
            for (uint256 k; k < m; k++) {
                string memory entry = _at(ls, k);
                address maker = json.readAddress(string.concat(entry, ".maker"));
                uint256 cumulative = _uint(string.concat(entry, ".cumulative"));
                bytes32 leaf = atVector.leaf(maker, cumulative);
                assertEq(json.readBytes32(string.concat(entry, ".leaf")), leaf, string.concat(name, ": leaf"));
                bytes32[] memory proof = json.readBytes32Array(string.concat(entry, ".proof"));
                assertTrue(MerkleProof.verify(proof, root, leaf), string.concat(name, ": proof"));
                total += cumulative;
            }
            assertEq(_uint(string.concat(c, ".total")), total, string.concat(name, ": total"));
        }
    }

    /// Every tree but the extreme-values ones (their totals are beyond a day's emission here) published by this
    /// suite's committee on a fresh deployment funded by its controller, and every leaf claimed with
    /// its Java proof, paying exactly the leaf's amount.
    function test_vectors_treesPayThroughTheContract() public {
        vm.chainId(31_337);
        uint256 n = _count(".trees");
        uint256 published;
        for (uint256 i; i < n; i++) {
            string memory c = _at(".trees", i);
            uint256 total = _uint(string.concat(c, ".total"));
            if (total > RATE * 1 days) continue;
            EmissionController source =
                new EmissionController(address(manager), type(uint96).max, uint64(block.timestamp + 1), RATE, 365 days);
            MakerRewards fresh = new MakerRewards(attestorRegistry, source, btc);
            vm.startPrank(owner);
            source.addProgram(address(fresh));
            source.setInitialWeight(address(fresh), 1);
            vm.stopPrank();
            vm.warp(block.timestamp + 1 days);
            vm.roll(block.number + 2);
            MakerRewards.MakerRoot memory r = MakerRewards.MakerRoot({
                period: 1,
                toBlock: uint64(block.number - 1),
                root: json.readBytes32(string.concat(c, ".root")),
                total: total,
                nonce: i,
                deadline: uint64(block.timestamp + 1 hours),
                committeeEpoch: attestorRegistry.epoch()
            });
            AttestorSignature[] memory sigs = _sigsOver(fresh.hashMakerRoot(r), 0, THRESHOLD);
            fresh.publishRoot(r, sigs);
            string memory ls = string.concat(c, ".leaves");
            for (uint256 k; k < _count(ls); k++) {
                string memory entry = _at(ls, k);
                address maker = json.readAddress(string.concat(entry, ".maker"));
                uint256 cumulative = _uint(string.concat(entry, ".cumulative"));
                if (cumulative == 0) continue;
                uint256 before = source.hmx().balanceOf(maker);
                fresh.claim(maker, cumulative, json.readBytes32Array(string.concat(entry, ".proof")));
                assertEq(source.hmx().balanceOf(maker) - before, cumulative);
            }
            assertEq(fresh.state().claimed, total);
            published++;
        }
        assertGe(published, 6, "the six trees within a day's emission");
    }
}
