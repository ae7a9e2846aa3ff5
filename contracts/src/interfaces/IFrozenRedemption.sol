// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IFrozenRedemption
 * @notice The hardware registry's redemption of frozen products' tokens, as a contract that holds
 * such tokens (the lending contract while it escrows collateral) uses it.
 * @dev `HardwareRegistry` implements these functions (same signatures and semantics). Redemption is
 * permissionless and pays, once per token, whoever HELD the token when its product was frozen (the
 * holding of the token's history with `start <= frozenAt < end`), not its owner at the time of the
 * call; the issuer's own holdings get nothing. An escrow that received a token after the freeze
 * gets nothing from its redemption.
 */
interface IFrozenRedemption {
    /// @notice Pays each frozen token's share `units * forfeited / capacity` to the holder of the named
    /// holding, which must cover the freeze, once per token.
    /// @param tokenIds Tokens of frozen products.
    /// @param holdingIndexes For each token, the index of its holding that covers the freeze.
    /// @return total Sum paid.
    function redeemFrozen(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        returns (uint256 total);

    /// @notice Whether a token's share of its frozen product's collateral was paid.
    /// @param tokenId Token id.
    /// @return True if redeemed.
    function isRedeemed(uint256 tokenId) external view returns (bool);

    /// @notice A frozen product's redemption pool (zeros if the product was never frozen here).
    /// @param productId Product id.
    /// @return forfeited Collateral set aside for holders when it was frozen.
    /// @return capacity The product's capacity (shares are `units * forfeited / capacity`).
    /// @return frozenAt When it was frozen (redemptions pay the holders of that moment).
    /// @return issuer Its issuer (whose own holdings at the freeze are not paid).
    function frozenPool(uint256 productId)
        external
        view
        returns (uint256 forfeited, uint256 capacity, uint64 frozenAt, address issuer);
}
