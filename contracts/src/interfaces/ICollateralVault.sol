// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ICollateralVault
 * @notice Custody of issuer collateral, per product, behind role-gated hooks.
 */
interface ICollateralVault {
    /// @notice Pulls `amount` of `token` from `from` as the collateral of `productId` (role `COLLATERAL_LOCKER`).
    /// @param productId Product id.
    /// @param token The collateral ERC-20.
    /// @param from The issuer (approved the vault).
    /// @param amount Amount.
    function lock(uint256 productId, address token, address from, uint256 amount) external;

    /// @notice Sends up to `amount` of a product's collateral to the caller (role `COLLATERAL_MANAGER`).
    /// @param productId Product id.
    /// @param amount Amount wanted.
    /// @return taken `min(amount, collateral left)`.
    function take(uint256 productId, uint256 amount) external returns (uint256 taken);

    /// @notice Sends a product's remaining collateral to `to` (role `COLLATERAL_MANAGER`).
    /// @param productId Product id.
    /// @param to Recipient.
    /// @return amount Amount sent.
    function release(uint256 productId, address to) external returns (uint256 amount);

    /// @notice Pays `bounty` of a product's collateral to `bountyTo` and sets the rest aside for the
    /// holders of its tokens (role `COLLATERAL_FORFEITER`).
    /// @param productId Product id.
    /// @param bountyTo Challenger.
    /// @param bountyBps Share of the collateral paid as bounty, in basis points.
    /// @return bounty Amount paid to `bountyTo`.
    /// @return forfeited Amount set aside for holders.
    function forfeit(uint256 productId, address bountyTo, uint256 bountyBps)
        external
        returns (uint256 bounty, uint256 forfeited);

    /// @notice Pays `amount` of a product's forfeited collateral to `to` (role `COLLATERAL_FORFEITER`).
    /// @param productId Product id.
    /// @param to Recipient.
    /// @param amount Amount.
    function payForfeited(uint256 productId, address to, uint256 amount) external;

    /// @notice A product's collateral token and the amount left (not forfeited).
    /// @param productId Product id.
    /// @return token The ERC-20 (address(0) if none was locked).
    /// @return amount Amount left.
    function collateralOf(uint256 productId) external view returns (address token, uint256 amount);

    /// @notice What is left of a product's forfeited collateral.
    /// @param productId Product id.
    /// @return The amount.
    function forfeitedOf(uint256 productId) external view returns (uint256);
}
