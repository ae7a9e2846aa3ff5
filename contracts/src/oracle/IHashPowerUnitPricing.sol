// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IHashPowerUnitPricing
 * @notice What the swap pool needs of the valuation beyond `IHashPowerValuation`: the inverse of
 * `valueOfUnits` (how many units of a product a value buys), with the same rounding (down).
 */
interface IHashPowerUnitPricing {
    /// @notice The most units of `productId` whose exact value is at most `value`:
    /// `floor(value * 1e18 * 1 days / (remaining * hashprice * deliveryRatio))`, so
    /// `valueOfUnits(productId, unitsForValue(productId, value)) <= value`. 0 when a unit of the
    /// product is worth nothing (ended, frozen, defaulted, or nothing delivered recently).
    /// @dev Reverts with `PriceUnusable` or `UnknownProduct`.
    /// @param productId Product id.
    /// @param value Numeraire value (18 decimals).
    /// @return units The units.
    function unitsForValue(uint256 productId, uint256 value) external view returns (uint256 units);
}
