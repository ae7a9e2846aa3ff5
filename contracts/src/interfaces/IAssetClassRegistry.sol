// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IAssetClassRegistry
 * @notice The kinds of hash power HashMix knows ("asset classes") and the token each is paid in.
 */
interface IAssetClassRegistry {
    /// @notice One registered kind of hash power.
    /// @param id keccak256(bytes(symbol)).
    /// @param symbol Canonical symbol, e.g. `BTC-SHA256`.
    /// @param unitName Unit capacity is measured in, e.g. `TH/s`.
    /// @param unitDecimals Decimals of the on-chain capacity amounts (<= 18).
    /// @param payoutToken ERC-20 token revenue is paid in.
    /// @param active Whether new products of this class may be created.
    /// @param registeredAt Block timestamp of the registration.
    struct AssetClass {
        bytes32 id;
        string symbol;
        string unitName;
        uint8 unitDecimals;
        address payoutToken;
        bool active;
        uint64 registeredAt;
    }

    /// @notice A registered asset class (reverts with `UnknownAssetClass`).
    /// @param id Asset class id.
    /// @return The asset class.
    function assetClass(bytes32 id) external view returns (AssetClass memory);

    /// @notice Whether an asset class is registered and active (false for unknown ids).
    /// @param id Asset class id.
    /// @return True if active.
    function isActive(bytes32 id) external view returns (bool);

    /// @notice The payout token of an asset class (reverts with `UnknownAssetClass`).
    /// @param id Asset class id.
    /// @return The ERC-20.
    function payoutTokenOf(bytes32 id) external view returns (address);
}
