// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IHashPowerValuation
 * @notice The one valuation of hash power tokens every HashMix contract uses (swap pool, lending's
 * loan-to-value, credit): what a token's remaining cash flow is worth in the protocol's numeraire
 * (18 decimals; the committee's price reports define it, e.g. 1e18 = 1 USD).
 * @dev value(token) = units x remaining seconds of its product's term x hashprice of its asset class
 * (numeraire per unit per day, from committee-signed, median-aggregated price reports) / 1 day x the
 * product's delivery ratio over its recent settled epochs (delivered / promised, from the fulfillment
 * vault's records; a product that under-delivers is worth less). Nothing is ever valued at 0 for
 * lack of a price: a stale, out-of-bounds or paused price makes every valuation of that asset class
 * revert with {PriceUnusable}, so callers stop (no new loans, no swaps) instead of acting on a 0.
 */
interface IHashPowerValuation {
    /// @notice The price feed `feedId` (an asset class id, or a payout token's feed) cannot be used
    /// now: missing, stale (older than its heartbeat), outside its move bound, or paused.
    error PriceUnusable(bytes32 feedId);

    /// @notice The numeraire value of a live token (18 decimals).
    /// @dev Reverts with {PriceUnusable}, or the token's `ERC721NonexistentToken`. A token of an ended,
    /// frozen or defaulted product is worth 0 (its remaining promised cash flow is nothing).
    /// @param tokenId Token id.
    /// @return value The value.
    function valueOf(uint256 tokenId) external view returns (uint256 value);

    /// @notice The numeraire value of `units` units of a product (as if carved off a token of it).
    /// @dev Reverts with {PriceUnusable} or `UnknownProduct`.
    /// @param productId Product id.
    /// @param units Units.
    /// @return value The value.
    function valueOfUnits(uint256 productId, uint256 units) external view returns (uint256 value);

    /// @notice A product's delivery ratio over its recent settled epochs, scaled by 1e18 (1e18 = all
    /// promised units delivered); 1e18 while no epoch has settled.
    /// @param productId Product id.
    /// @return ratio The ratio.
    function deliveryRatio(uint256 productId) external view returns (uint256 ratio);

    /// @notice The numeraire price of one base unit of an asset class's payout token, scaled by 1e18
    /// (e.g. WBTC with 8 decimals at 100,000 USD: 1e15). Reverts with {PriceUnusable}.
    /// @param assetClass Asset class id.
    /// @return price The price.
    function payoutTokenPrice(bytes32 assetClass) external view returns (uint256 price);
}
