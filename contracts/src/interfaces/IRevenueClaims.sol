// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IRevenueClaims
 * @notice The fulfillment vault's claim functions, as a contract that holds hash power tokens
 * (the lending contract while it escrows collateral, later the swap pool) calls them.
 * @dev `FulfillmentVault` implements these functions (same signatures and semantics).
 */
interface IRevenueClaims {
    /// @notice Pays holdings what they earned over the settled epochs, each to its recorded holder.
    /// @param tokenIds Token of each holding.
    /// @param holdingIndexes Index of each holding in its token's history.
    /// @return total Sum paid.
    function claim(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes) external returns (uint256 total);

    /// @notice What {claim} would pay now for a holding.
    /// @param tokenId Token.
    /// @param holdingIndex Holding index.
    /// @return amount The claimable amount.
    function claimable(uint256 tokenId, uint256 holdingIndex) external view returns (uint256 amount);
}
