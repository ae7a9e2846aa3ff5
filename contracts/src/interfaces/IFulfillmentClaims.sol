// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IFulfillmentClaims
 * @notice The fulfillment vault's claim entry point, for contracts that hold hash power tokens
 * (swap pool, lending escrow) and collect the revenue of their holdings.
 */
interface IFulfillmentClaims {
    /// @notice Pays holdings what they earned over the settled epochs; each holding's value goes to
    /// its recorded holder. Anyone may call.
    /// @param tokenIds Token of each holding.
    /// @param holdingIndexes Index of each holding in its token's history.
    /// @return total Sum paid.
    function claim(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes) external returns (uint256 total);
}
