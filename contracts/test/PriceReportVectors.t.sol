// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPriceOracle} from "../src/oracle/HashPriceOracle.sol";
import {IHashPriceOracle} from "../src/oracle/IHashPriceOracle.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";

/// @notice SECURITY-CHECKLIST item 6 for the oracle: ../test-vectors/price-reports.json is generated and signed
/// by the Java SDK (hashmix-proofs SwapVectors). For every observation this test recomputes the struct hash from
/// the fields (type string pinned here), the digest from the JSON domain, checks that the oracle (etched at the
/// vector address) returns the same digest, and that each signature recovers to its observer. Then it submits
/// every report to that oracle, with the five vector signers as the committee, and checks that the recorded
/// prices are the Java medians.
contract PriceReportVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/price-reports.json";

    bytes32 internal constant TYPEHASH = keccak256(
        "PriceObservation(bytes32 assetClass,uint256 hashprice,uint256 payoutPrice,uint64 observedAt,uint64 deadline,"
        "uint64 committeeEpoch)"
    );

    HashPriceOracle internal vectorOracle;
    AttestorRegistry internal committee;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(VECTORS);
        // a committee made of exactly the five vector signers
        committee = new AttestorRegistry(address(manager), MIN_BOND, EXIT_DELAY);
        uint256 n = _count(".signers");
        vm.startPrank(owner);
        for (uint256 k; k < n; k++) {
            committee.addAttestor(json.readAddress(string.concat(_at(".signers", k), ".address")));
        }
        committee.setThreshold(keccak256("BTC-SHA256"), 3);
        committee.setThreshold(keccak256("FIL-STORAGE"), 3);
        vm.stopPrank();
        for (uint256 k; k < n; k++) {
            address signer = json.readAddress(string.concat(_at(".signers", k), ".address"));
            vm.deal(signer, MIN_BOND);
            vm.prank(signer);
            committee.depositBond{value: MIN_BOND}();
        }
        HashPriceOracle deployed = new HashPriceOracle(address(manager), committee);
        _loadVectors(VECTORS, address(deployed));
        // the etched copy needs the deployed oracle's plain storage (its authority)
        for (uint256 slot; slot < 8; slot++) {
            vm.store(vectorContract, bytes32(slot), vm.load(address(deployed), bytes32(slot)));
        }
        vectorOracle = HashPriceOracle(vectorContract);
        vm.startPrank(owner);
        vectorOracle.scheduleBounds(keccak256("BTC-SHA256"), 1 days, 10_000);
        vectorOracle.scheduleBounds(keccak256("FIL-STORAGE"), 1 days, 10_000);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 days);
        vectorOracle.applyBounds(keccak256("BTC-SHA256"));
        vectorOracle.applyBounds(keccak256("FIL-STORAGE"));
    }

    function _reportOf(string memory c) internal view returns (IHashPriceOracle.PriceReport memory r) {
        string memory m = string.concat(c, ".report");
        r.assetClass = json.readBytes32(string.concat(m, ".assetClass"));
        r.observedAt = uint64(json.readUint(string.concat(m, ".observedAt")));
        r.deadline = uint64(json.readUint(string.concat(m, ".deadline")));
        r.committeeEpoch = uint64(json.readUint(string.concat(m, ".committeeEpoch")));
        uint256 n = _count(string.concat(m, ".observations"));
        r.observations = new IHashPriceOracle.Observation[](n);
        for (uint256 i; i < n; i++) {
            string memory o = _at(string.concat(m, ".observations"), i);
            r.observations[i] = IHashPriceOracle.Observation({
                observer: json.readAddress(string.concat(o, ".observer")),
                hashprice: _uint(string.concat(o, ".hashprice")),
                payoutPrice: _uint(string.concat(o, ".payoutPrice")),
                signature: json.readBytes(string.concat(o, ".signature"))
            });
        }
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
        assertEq(keccak256(bytes(json.readString(".typeString"))), TYPEHASH);
        assertEq(json.readBytes32(".typeHash"), TYPEHASH);
        assertEq(vectorOracle.PRICE_OBSERVATION_TYPEHASH(), TYPEHASH);
        _checkJsonDomain();
        assertEq(vectorOracle.domainSeparator(), domainSeparator);
        assertEq(committee.epoch(), json.readUint(".committeeEpoch"), "vector committee epoch");
    }

    function test_item6_vectors_hashesAndSignatures() public view {
        uint256 cases = _count(".cases");
        assertGt(cases, 0);
        for (uint256 i; i < cases; i++) {
            string memory c = _at(".cases", i);
            IHashPriceOracle.PriceReport memory r = _reportOf(c);
            for (uint256 j; j < r.observations.length; j++) {
                IHashPriceOracle.Observation memory o = r.observations[j];
                bytes32 structHash = keccak256(
                    abi.encode(
                        TYPEHASH, r.assetClass, o.hashprice, o.payoutPrice, r.observedAt, r.deadline, r.committeeEpoch
                    )
                );
                string memory h = _at(string.concat(c, ".observationHashes"), j);
                assertEq(structHash, json.readBytes32(string.concat(h, ".structHash")));
                bytes32 digest = _digest(structHash);
                assertEq(digest, json.readBytes32(string.concat(h, ".digest")));
                assertEq(vectorOracle.hashObservation(r, o.hashprice, o.payoutPrice), digest);
                _checkEcdsa(digest, o.signature, o.observer, _keyOf(o.observer), json.readString(string.concat(c, ".name")));
                if (j > 0) assertGt(uint160(o.observer), uint160(r.observations[j - 1].observer), "ascending");
            }
        }
    }

    /// The oracle records the Java medians (including the manipulated-minority case).
    function test_item6_vectors_oracleRecordsTheJavaMedians() public {
        uint256 cases = _count(".cases");
        for (uint256 i; i < cases; i++) {
            string memory c = _at(".cases", i);
            IHashPriceOracle.PriceReport memory r = _reportOf(c);
            vm.warp(r.observedAt);
            (uint256 hp, uint256 pp) = vectorOracle.submitReport(r);
            assertEq(hp, _uint(string.concat(c, ".medianHashprice")), json.readString(string.concat(c, ".name")));
            assertEq(pp, _uint(string.concat(c, ".medianPayoutPrice")), json.readString(string.concat(c, ".name")));
        }
    }
}
