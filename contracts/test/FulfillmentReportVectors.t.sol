// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";

/// @notice SECURITY-CHECKLIST item 6 for the vault: ../test-vectors/fulfillment-report.json is generated and
/// signed by the Java SDK (hashmix-proofs FulfillmentVectors, checked by TestVectorsTest). For every report
/// this test recomputes the struct hash from the fields (type string pinned here, field order of SPEC
/// section B), recomputes the digest from the JSON domain, checks that hashFulfillmentReport returns it,
/// and that every attestor signature recovers (ecrecover) to its signer, sorted ascending. It also pins the
/// sourceChain ids: keccak256 of the CAIP-2 ids.
contract FulfillmentReportVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/fulfillment-report.json";

    bytes32 internal constant FULFILLMENT_REPORT_TYPEHASH = keccak256(
        "FulfillmentReport(uint256 productId,uint32 epoch,uint256 deliveredUnits,uint256 revenue,uint256 unitRevenue,"
        "bytes32 sourceChain,bytes32 evidence,uint256 nonce,uint64 deadline,uint64 committeeEpoch)"
    );

    /// The vault's runtime code at the vector address.
    FulfillmentVault internal vault;

    function setUp() public override {
        super.setUp();
        FulfillmentVault deployed =
            new FulfillmentVault(
                address(manager),
                hpt,
                collateralVault,
                attestorRegistry,
                IBtcSpvVerifier(address(0)),
                IBitcoinEvidence(address(0)),
                IFulfillmentObserver(address(0))
            );
        _loadVectors(VECTORS, address(deployed));
        vault = FulfillmentVault(vectorContract);
    }

    function _report(string memory c) internal view returns (IFulfillmentVault.FulfillmentReport memory r) {
        string memory m = string.concat(c, ".report");
        r.productId = _uint(string.concat(m, ".productId"));
        uint256 epoch = _uint(string.concat(m, ".epoch"));
        assertLe(epoch, type(uint32).max);
        r.epoch = uint32(epoch);
        r.deliveredUnits = _uint(string.concat(m, ".deliveredUnits"));
        r.revenue = _uint(string.concat(m, ".revenue"));
        r.unitRevenue = _uint(string.concat(m, ".unitRevenue"));
        r.sourceChain = json.readBytes32(string.concat(m, ".sourceChain"));
        r.evidence = json.readBytes32(string.concat(m, ".evidence"));
        r.nonce = _uint(string.concat(m, ".nonce"));
        uint256 deadline = _uint(string.concat(m, ".deadline"));
        uint256 committeeEpoch = _uint(string.concat(m, ".committeeEpoch"));
        assertLe(deadline, type(uint64).max);
        assertLe(committeeEpoch, type(uint64).max);
        r.deadline = uint64(deadline);
        r.committeeEpoch = uint64(committeeEpoch);
    }

    function _hash(IFulfillmentVault.FulfillmentReport memory r) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(FULFILLMENT_REPORT_TYPEHASH, r.productId, r.epoch, r.deliveredUnits, r.revenue, r.unitRevenue),
                abi.encode(r.sourceChain, r.evidence, r.nonce, r.deadline, r.committeeEpoch)
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

    function test_vectors_typeStringAndHash() public view {
        assertEq(keccak256(bytes(json.readString(".typeString"))), FULFILLMENT_REPORT_TYPEHASH);
        assertEq(json.readBytes32(".typeHash"), FULFILLMENT_REPORT_TYPEHASH);
        assertEq(vault.FULFILLMENT_REPORT_TYPEHASH(), FULFILLMENT_REPORT_TYPEHASH);
    }

    function test_vectors_domainSeparator() public view {
        _checkJsonDomain();
        assertEq(vault.domainSeparator(), domainSeparator, "vault separator");
    }

    function test_vectors_sourceChains() public view {
        uint256 n = _count(".sourceChains");
        assertEq(n, 4);
        for (uint256 i; i < n; i++) {
            string memory s = _at(".sourceChains", i);
            assertEq(keccak256(bytes(json.readString(string.concat(s, ".caip2")))), json.readBytes32(string.concat(s, ".id")));
        }
        assertEq(json.readBytes32(".sourceChains[0].id"), keccak256("bip122:000000000019d6689c085ae165831e93"));
        assertEq(json.readBytes32(".sourceChains[1].id"), keccak256("bip122:0f9188f13cb7b2c71f2a335e3a4fc328"));
        assertEq(json.readBytes32(".sourceChains[2].id"), keccak256("fil:f"));
        assertEq(json.readBytes32(".sourceChains[3].id"), keccak256("fil:t"));
    }

    function test_vectors_structHashAndDigest() public view {
        uint256 n = _count(".cases");
        assertGe(n, 4, "expected at least 4 cases");
        for (uint256 i; i < n; i++) {
            string memory c = _at(".cases", i);
            string memory name = json.readString(string.concat(c, ".name"));
            IFulfillmentVault.FulfillmentReport memory r = _report(c);
            bytes32 structHash = _hash(r);
            assertEq(json.readBytes32(string.concat(c, ".structHash")), structHash, string.concat(name, ": structHash"));
            bytes32 digest = _digest(structHash);
            assertEq(json.readBytes32(string.concat(c, ".digest")), digest, string.concat(name, ": digest"));
            assertEq(vault.hashFulfillmentReport(r), digest, string.concat(name, ": hashFulfillmentReport"));
        }
    }

    /// Every case carries `threshold` signatures, ascending by signer, each recovering to its signer; the
    /// vector keys derive the listed addresses and re-sign the digests to the same bytes (RFC 6979).
    function test_vectors_signaturesRecover() public view {
        uint256 threshold = json.readUint(".threshold");
        uint256 n = _count(".cases");
        for (uint256 i; i < n; i++) {
            string memory c = _at(".cases", i);
            bytes32 digest = _digest(_hash(_report(c)));
            uint256 m = _count(string.concat(c, ".signatures"));
            assertEq(m, threshold, c);
            address previous;
            for (uint256 j; j < m; j++) {
                address signer = _checkSignature(_at(string.concat(c, ".signatures"), j), digest);
                assertGt(uint160(signer), uint160(previous), string.concat(c, ": signers ascending"));
                previous = signer;
            }
        }
    }

    /// One signature of a case, checked with its signer's vector key (see {_checkEcdsa}).
    function _checkSignature(string memory s, bytes32 digest) internal view returns (address signer) {
        signer = json.readAddress(string.concat(s, ".signer"));
        _checkEcdsa(digest, json.readBytes(string.concat(s, ".signature")), signer, _keyOf(signer), s);
    }
}
