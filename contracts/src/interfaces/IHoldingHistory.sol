// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IHoldingHistory
 * @notice Who held a hash power token, with how many units, from when to when: what the fulfillment
 * vault (and later incentives) pays by. Every transfer, carve and burn closes the open holding.
 */
interface IHoldingHistory {
    /// @notice One holding of a token: `holder` held it with `units` units over `[start, end)`.
    /// `end` is `type(uint64).max` while the holding is open (the token's current holder).
    struct Holding {
        address holder;
        uint64 start;
        uint64 end;
        uint256 units;
        uint256 productId;
    }

    /// @notice Number of holdings of a token (closed ones plus the open one while it lives); 0 for
    /// an id never minted. Zero-length holdings (a transfer in the second the holding began) are skipped.
    /// @param tokenId Token id (live or burnt).
    /// @return The count.
    function holdingCount(uint256 tokenId) external view returns (uint256);

    /// @notice Holding `index` of a token (0 = oldest); works for burnt tokens.
    /// @param tokenId Token id.
    /// @param index Holding index, below {holdingCount}.
    /// @return h The holding.
    function holding(uint256 tokenId, uint256 index) external view returns (Holding memory h);
}
