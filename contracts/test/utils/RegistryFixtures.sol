// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AssetClassRegistry} from "../../src/registry/AssetClassRegistry.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {ProtocolWiring} from "./ProtocolWiring.sol";

/// @dev Shared setup and the reference (specification) predicates the fuzz tests compare against.
abstract contract RegistryFixtures is ProtocolWiring {
    AssetClassRegistry internal registry;
    TestPayoutToken internal wbtc;
    TestPayoutToken internal wetc;
    TestPayoutToken internal wfil;

    address internal owner = makeAddr("owner");
    address internal stranger = makeAddr("stranger");

    string internal constant BTC = "BTC-SHA256";
    string internal constant FIL = "FIL-STORAGE";

    function setUp() public virtual {
        _deployManager(owner);
        registry = new AssetClassRegistry(address(manager));
        wbtc = new TestPayoutToken("Wrapped BTC (test)", "tWBTC", 8, owner);
        wetc = new TestPayoutToken("Wrapped ETC (test)", "tWETC", 18, owner);
        wfil = new TestPayoutToken("Wrapped FIL (test)", "tWFIL", 18, owner);
    }

    function _registerBtc() internal returns (bytes32 id) {
        vm.prank(owner);
        id = registry.registerAssetClass(BTC, "TH/s", 6, address(wbtc));
    }

    // ---- reference predicates (written from the spec, independent of the contract) ----

    function refValidSymbol(bytes memory s) internal pure returns (bool) {
        if (s.length < 1 || s.length > 32) return false;
        if (s[0] == 0x2d || s[s.length - 1] == 0x2d) return false; // '-'
        for (uint256 i; i < s.length; i++) {
            uint8 c = uint8(s[i]);
            bool upper = c >= 0x41 && c <= 0x5a;
            bool digit = c >= 0x30 && c <= 0x39;
            if (!(upper || digit || c == 0x2d)) return false;
        }
        return true;
    }

    function refValidUnitName(bytes memory s) internal pure returns (bool) {
        if (s.length < 1 || s.length > 16) return false;
        for (uint256 i; i < s.length; i++) {
            uint8 c = uint8(s[i]);
            if (c < 0x21 || c > 0x7e) return false;
        }
        return true;
    }

    /// @dev Builds a string of `len` bytes from `seed`, each byte drawn from `alphabet`, so fuzzing
    /// explores mostly-valid inputs as well as raw random bytes.
    function fromAlphabet(uint256 seed, uint256 len, bytes memory alphabet) internal pure returns (bytes memory out) {
        out = new bytes(len);
        for (uint256 i; i < len; i++) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            out[i] = alphabet[seed % alphabet.length];
        }
    }
}
