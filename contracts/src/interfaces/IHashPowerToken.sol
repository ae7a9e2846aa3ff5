// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IHoldingHistory} from "./IHoldingHistory.sol";

/**
 * @title IHashPowerToken
 * @notice What HashMix contracts (market, fulfillment vault, hardware registry, lending, swap pool,
 * metadata renderer) use of the hash power token: products, slices, their trade state, carving,
 * holding history, and the role-gated product status hooks.
 */
interface IHashPowerToken is IERC721, IHoldingHistory {
    /// @notice A minted product (the attested fields and its status).
    // solhint-disable-next-line gas-struct-packing
    struct Product {
        address issuer;
        bytes32 assetClass;
        uint256 capacity;
        uint64 start;
        uint64 end;
        bytes32 hardwareRoot;
        uint32 hardwareCount;
        bytes32 metadataHash;
        address collateralToken;
        uint256 collateral;
        bool frozen;
        bool defaulted;
    }

    /// @notice A live token (slice) with the fields of its product it inherits.
    // solhint-disable-next-line gas-struct-packing
    struct TokenData {
        uint256 productId;
        bytes32 assetClass;
        uint256 units;
        uint64 start;
        uint64 end;
        address issuer;
        bool frozen;
        bool defaulted;
        uint32 nonce;
    }

    /// @notice A product. Reverts with `UnknownProduct`. `collateral` is what was attested and
    /// locked at mint; what is left of it is in the collateral vault.
    /// @param productId Product id.
    /// @return p The product.
    function product(uint256 productId) external view returns (Product memory p);

    /// @notice A live token with its product's fields. Reverts with `ERC721NonexistentToken`.
    /// @param tokenId Token id.
    /// @return t The token data.
    function tokenData(uint256 tokenId) external view returns (TokenData memory t);

    /// @notice What a market needs to settle a sale of `tokenId`, in one call.
    /// @param tokenId Token id.
    /// @return owner The owner.
    /// @return units The token's units.
    /// @return nonce The token nonce (bumped by every transfer and by `bumpTokenNonce`).
    /// @return tradable False if the product is frozen or defaulted.
    function tradeState(uint256 tokenId)
        external
        view
        returns (address owner, uint256 units, uint32 nonce, bool tradable);

    /// @notice The attestors whose signatures minted a product (ascending).
    /// @param productId Product id.
    /// @return The signers.
    function productSigners(uint256 productId) external view returns (address[] memory);

    /// @notice Carves `units` off a token into a new token owned by `to` (caller: owner or approved).
    /// @param tokenId Token to carve from.
    /// @param units Units of the new token.
    /// @param to Owner of the new token.
    /// @return newTokenId The new token.
    function carve(uint256 tokenId, uint256 units, address to) external returns (uint256 newTokenId);

    /// @notice Freezes a product (role `PRODUCT_FREEZER`).
    /// @param productId Product id.
    function freeze(uint256 productId) external;

    /// @notice Marks a product defaulted (role `PRODUCT_DEFAULTER`).
    /// @param productId Product id.
    function markDefaulted(uint256 productId) external;
}
