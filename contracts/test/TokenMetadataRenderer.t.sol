// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {TokenMetadataRenderer} from "../src/token/TokenMetadataRenderer.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {IAssetClassRegistry} from "../src/interfaces/IAssetClassRegistry.sol";
import {ITokenMetadataRenderer} from "../src/interfaces/ITokenMetadataRenderer.sol";
import {ZeroAddress} from "../src/common/Errors.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {TokenAreaFixtures} from "./utils/TokenAreaFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice TokenMetadataRenderer: the token URI is a base64 data URI whose JSON decodes to the
/// token's fields (name, description, product, asset class symbol, units, start, end, issuer,
/// frozen, defaulted); the token's tokenURI delegates to it, is empty without a renderer, and
/// reverts for a nonexistent token.
contract TokenMetadataRendererTest is TokenAreaFixtures {
    string internal constant PREFIX = "data:application/json;base64,";

    /// The JSON of a data URI (checks the prefix, decodes the base64 body).
    function _json(string memory uri) internal pure returns (string memory) {
        bytes memory b = bytes(uri);
        bytes memory prefix = bytes(PREFIX);
        require(b.length > prefix.length, "short URI");
        for (uint256 i; i < prefix.length; i++) {
            require(b[i] == prefix[i], "not a base64 JSON data URI");
        }
        bytes memory body = new bytes(b.length - prefix.length);
        for (uint256 i; i < body.length; i++) {
            body[i] = b[i + prefix.length];
        }
        return string(Base64.decode(string(body)));
    }

    function _trait(string memory json, uint256 i) internal pure returns (string memory) {
        return vm.parseJsonString(json, string.concat(".attributes[", vm.toString(i), "].trait_type"));
    }

    function _stringValue(string memory json, uint256 i) internal pure returns (string memory) {
        return vm.parseJsonString(json, string.concat(".attributes[", vm.toString(i), "].value"));
    }

    function _uintValue(string memory json, uint256 i) internal pure returns (uint256) {
        return vm.parseJsonUint(json, string.concat(".attributes[", vm.toString(i), "].value"));
    }

    /// Every field of the decoded JSON equals the token's data.
    function _assertMetadata(uint256 tokenId, string memory symbol) internal view {
        string memory json = _json(hpt.tokenURI(tokenId));
        IHashPowerToken.TokenData memory t = hpt.tokenData(tokenId);
        assertEq(vm.parseJsonString(json, ".name"), string.concat("HashMix Hash Power #", vm.toString(tokenId)));
        assertEq(
            vm.parseJsonString(json, ".description"),
            string.concat(
                "A slice of HashMix hash power product ", vm.toString(t.productId), ", attested by the HashMix committee."
            )
        );
        string[8] memory traits = ["product", "asset class", "units", "start", "end", "issuer", "frozen", "defaulted"];
        for (uint256 i; i < 8; i++) {
            assertEq(_trait(json, i), traits[i]);
        }
        assertEq(_uintValue(json, 0), t.productId);
        assertEq(_stringValue(json, 1), symbol);
        assertEq(_stringValue(json, 2), vm.toString(t.units), "units as a decimal string");
        assertEq(_uintValue(json, 3), t.start);
        assertEq(_uintValue(json, 4), t.end);
        assertEq(vm.parseJsonString(json, ".attributes[3].display_type"), "date");
        assertEq(vm.parseJsonString(json, ".attributes[4].display_type"), "date");
        assertEq(_stringValue(json, 5), Strings.toHexString(t.issuer));
        assertEq(_stringValue(json, 6), t.frozen ? "true" : "false");
        assertEq(_stringValue(json, 7), t.defaulted ? "true" : "false");
        assertEq(hpt.tokenURI(tokenId), renderer.tokenURI(tokenId), "the token delegates to the renderer");
    }

    function test_constructor() public {
        assertEq(address(renderer.token()), address(hpt));
        assertEq(address(renderer.assetClassRegistry()), address(assetClasses));
        vm.expectRevert(ZeroAddress.selector);
        new TokenMetadataRenderer(IHashPowerToken(address(0)), assetClasses);
        vm.expectRevert(ZeroAddress.selector);
        new TokenMetadataRenderer(hpt, IAssetClassRegistry(address(0)));
    }

    function test_tokenURI_decodesToTheTokensFields() public {
        _mintDefault();
        _assertMetadata(1, "BTC-SHA256");
        string memory json = _json(hpt.tokenURI(1));
        assertEq(_uintValue(json, 3), T0);
        assertEq(_uintValue(json, 4), T0 + 365 days);
        assertEq(_stringValue(json, 2), "1000000000");
    }

    function test_tokenURI_followsSlicesAndOwners() public {
        _mintDefault();
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(1, _units(1, CAPACITY - 1));
        vm.prank(issuer);
        uint256 carved = hpt.carve(ids[1], 12_345, alice);
        _assertMetadata(ids[0], "BTC-SHA256");
        _assertMetadata(ids[1], "BTC-SHA256");
        _assertMetadata(carved, "BTC-SHA256");
        assertEq(_stringValue(_json(hpt.tokenURI(ids[0])), 2), "1");
        assertEq(_stringValue(_json(hpt.tokenURI(carved)), 2), "12345");
        // the issuer attribute is the product's issuer, whoever holds the slice
        assertEq(_stringValue(_json(hpt.tokenURI(carved)), 5), Strings.toHexString(issuer));
    }

    function test_tokenURI_frozenAndDefaultedFlags() public {
        _wireFulfillmentStandIn();
        _twoProductsSharingHardware();
        vm.prank(fulfillment);
        hpt.markDefaulted(1);
        _challenge21(challenger);
        _assertMetadata(1, "BTC-SHA256");
        _assertMetadata(2, "BTC-SHA256");
        string memory json1 = _json(hpt.tokenURI(1));
        string memory json2 = _json(hpt.tokenURI(2));
        assertEq(_stringValue(json1, 6), "false");
        assertEq(_stringValue(json1, 7), "true");
        assertEq(_stringValue(json2, 6), "true");
        assertEq(_stringValue(json2, 7), "false");
        assertEq(_stringValue(json2, 5), Strings.toHexString(alice));
    }

    /// Another asset class: its symbol; the largest capacity: all 20 digits.
    function test_tokenURI_otherAssetClassAndLargestUnits() public {
        TestPayoutToken wfil = new TestPayoutToken("Wrapped FIL (test)", "tWFIL", 18, owner);
        vm.startPrank(owner);
        bytes32 fil = assetClasses.registerAssetClass("FIL-STORAGE", "TiB", 3, address(wfil));
        attestorRegistry.setThreshold(fil, THRESHOLD);
        vm.stopPrank();
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.assetClass = fil;
        a.collateralToken = address(wfil);
        a.collateral = 0;
        a.capacity = type(uint64).max;
        (, uint256 id) = _mint(a);
        _assertMetadata(id, "FIL-STORAGE");
        assertEq(_stringValue(_json(hpt.tokenURI(id)), 2), "18446744073709551615");
    }

    function test_tokenURI_emptyWithoutRendererAndRevertsForNonexistent() public {
        _mintDefault();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        hpt.tokenURI(2);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        renderer.tokenURI(2);
        vm.prank(owner);
        hpt.setMetadataRenderer(ITokenMetadataRenderer(address(0)));
        assertEq(hpt.tokenURI(1), "");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 2));
        hpt.tokenURI(2);
        // a burnt token: nonexistent for both
        vm.prank(owner);
        hpt.setMetadataRenderer(renderer);
        _splitEven(issuer, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        hpt.tokenURI(1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        renderer.tokenURI(1);
    }

    /// The JSON carries no hardware data: two products differing only in their machines render
    /// the same attributes (apart from the ids).
    function test_tokenURI_carriesNoHardwareData() public {
        _mintDefault();
        bytes32[] memory other = new bytes32[](1);
        other[0] = keccak256("another machine");
        (, uint256 id2) = _mint(_attestationFor(issuer, other, 2));
        string memory j1 = _json(hpt.tokenURI(1));
        string memory j2 = _json(hpt.tokenURI(id2));
        assertEq(_stringValue(j1, 1), _stringValue(j2, 1));
        assertEq(_uintValue(j1, 3), _uintValue(j2, 3));
        assertTrue(MerkleHelper.root(hw) != MerkleHelper.root(other));
    }
}
