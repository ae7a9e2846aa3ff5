// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {RegistryFixtures} from "./utils/RegistryFixtures.sol";

/// @notice Checks the cross-language vectors in ../test-vectors/asset-class-ids.json (also read by
/// the Java tests): the contract's ids must equal the committed ones byte for byte.
contract AssetClassIdVectorsTest is RegistryFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/asset-class-ids.json";

    struct Vector {
        string symbol;
        string unitName;
        bytes32 id;
    }

    function _json() internal view returns (string memory) {
        return vm.readFile(VECTORS);
    }

    /// @dev Reads `.vectors[i]` for i = 0.. until the key is missing (no wildcard paths needed).
    function _vectors() internal view returns (Vector[] memory out) {
        string memory json = _json();
        uint256 n;
        while (json.keyExists(string.concat(".vectors[", vm.toString(n), "]"))) n++;
        out = new Vector[](n);
        for (uint256 i; i < n; i++) {
            string memory at = string.concat(".vectors[", vm.toString(i), "]");
            out[i].symbol = json.readString(string.concat(at, ".symbol"));
            out[i].unitName = json.readString(string.concat(at, ".unitName"));
            out[i].id = json.readBytes32(string.concat(at, ".id"));
        }
    }

    function test_vectors_idsMatchContract() public view {
        Vector[] memory v = _vectors();
        assertGe(v.length, 6, "expected at least 6 vectors");
        bool sawOne;
        bool sawThirtyTwo;
        for (uint256 i; i < v.length; i++) {
            assertEq(registry.assetClassId(v[i].symbol), v[i].id, v[i].symbol);
            assertEq(keccak256(bytes(v[i].symbol)), v[i].id, v[i].symbol);
            assertTrue(registry.isValidSymbol(v[i].symbol), v[i].symbol);
            assertTrue(registry.isValidUnitName(v[i].unitName), v[i].unitName);
            if (bytes(v[i].symbol).length == 1) sawOne = true;
            if (bytes(v[i].symbol).length == 32) sawThirtyTwo = true;
        }
        assertTrue(sawOne && sawThirtyTwo, "vectors must include a 1-byte and a 32-byte symbol");
    }

    /// Registering each vector yields exactly the committed id, with its unit name.
    function test_vectors_registerYieldsId() public {
        Vector[] memory v = _vectors();
        vm.startPrank(owner);
        for (uint256 i; i < v.length; i++) {
            assertEq(registry.registerAssetClass(v[i].symbol, v[i].unitName, 6, address(wbtc)), v[i].id, v[i].symbol);
            assertEq(registry.assetClass(v[i].id).symbol, v[i].symbol);
            assertEq(registry.assetClass(v[i].id).unitName, v[i].unitName);
        }
        vm.stopPrank();
        assertEq(registry.assetClassCount(), v.length);
    }

    function test_vectors_invalidSymbolsRejected() public view {
        string[] memory bad = _json().readStringArray(".invalidSymbols");
        assertGe(bad.length, 5);
        for (uint256 i; i < bad.length; i++) {
            assertFalse(registry.isValidSymbol(bad[i]), bad[i]);
            assertFalse(refValidSymbol(bytes(bad[i])), bad[i]);
        }
    }
}
