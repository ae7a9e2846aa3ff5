// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IAssetClassRegistry} from "../interfaces/IAssetClassRegistry.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {ITokenMetadataRenderer} from "../interfaces/ITokenMetadataRenderer.sol";

/**
 * @title TokenMetadataRenderer
 * @notice Renders the on-chain JSON metadata of hash power tokens (`HashPowerToken.tokenURI`
 * delegates here, so the token carries no string-building code).
 * @dev The URI is `data:application/json;base64,` + JSON with name, description and attributes
 * (product, asset class symbol, units (as a string), start, end, issuer, frozen, defaulted).
 */
contract TokenMetadataRenderer is ITokenMetadataRenderer {
    /// @notice The token rendered.
    IHashPowerToken public immutable token;
    /// @notice Where asset class symbols come from.
    IAssetClassRegistry public immutable assetClassRegistry;

    /// @param token_ The hash power token.
    /// @param assetClasses The asset class registry.
    constructor(IHashPowerToken token_, IAssetClassRegistry assetClasses) {
        if (address(token_) == address(0) || address(assetClasses) == address(0)) revert ZeroAddress();
        token = token_;
        assetClassRegistry = assetClasses;
    }

    /**
     * @notice The data URI of a live token.
     * @dev Reverts with the token's `ERC721NonexistentToken`.
     * @param tokenId Token id.
     * @return The data URI.
     */
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        string memory symbol = assetClassRegistry.assetClass(t.assetClass).symbol;
        // solhint-disable gas-small-strings
        string memory head = string.concat(
            "{\"name\":\"HashMix Hash Power #",
            Strings.toString(tokenId),
            "\",\"description\":\"A slice of HashMix hash power product ",
            Strings.toString(t.productId),
            ", attested by the HashMix committee.\",\"attributes\":[{\"trait_type\":\"product\",\"value\":",
            Strings.toString(t.productId),
            "},{\"trait_type\":\"asset class\",\"value\":\"",
            symbol,
            "\"},{\"trait_type\":\"units\",\"value\":\"",
            Strings.toString(t.units)
        );
        string memory tail = string.concat(
            "\"},{\"display_type\":\"date\",\"trait_type\":\"start\",\"value\":",
            Strings.toString(t.start),
            "},{\"display_type\":\"date\",\"trait_type\":\"end\",\"value\":",
            Strings.toString(t.end),
            "},{\"trait_type\":\"issuer\",\"value\":\"",
            Strings.toHexString(t.issuer),
            "\"},{\"trait_type\":\"frozen\",\"value\":\"",
            t.frozen ? "true" : "false",
            "\"},{\"trait_type\":\"defaulted\",\"value\":\"",
            t.defaulted ? "true" : "false",
            "\"}]}"
        );
        // solhint-enable gas-small-strings
        return string.concat("data:application/json;base64,", Base64.encode(bytes(string.concat(head, tail))));
    }
}
