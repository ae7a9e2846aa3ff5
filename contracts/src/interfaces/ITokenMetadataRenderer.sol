// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ITokenMetadataRenderer
 * @notice Renders the metadata URI of a hash power token (`HashPowerToken.tokenURI` delegates here).
 */
interface ITokenMetadataRenderer {
    /// @notice The token URI of `tokenId`.
    /// @param tokenId Token id.
    /// @return The URI.
    function tokenURI(uint256 tokenId) external view returns (string memory);
}
