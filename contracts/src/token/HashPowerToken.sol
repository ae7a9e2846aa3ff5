// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {CommitteeAttested} from "../common/CommitteeAttested.sol";
import {NotTheIssuer, UnknownProduct, ZeroAddress, ZeroUnits} from "../common/Errors.sol";
import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IAssetClassRegistry} from "../interfaces/IAssetClassRegistry.sol";
import {ITokenMetadataRenderer} from "../interfaces/ITokenMetadataRenderer.sol";
import {HoldingERC721} from "./HoldingERC721.sol";

/**
 * @title HashPowerToken
 * @notice Tokenized hash power. A *product* is a block of capacity (e.g. 1,000 TH/s of one farm
 * for one term) attested by an M-of-N committee of the attestor registry and backed by issuer
 * collateral, held by the {collateralVault}; a *token* (ERC-721) is a slice of a product: a number
 * of units with the product's term. Slices can be split, merged and carved; the units of a
 * product's live slices always sum to its capacity.
 * @dev What lives elsewhere, to keep this contract to its job: collateral custody in the
 * CollateralVault, hardware ownership proofs and duplicate-hardware challenges in the
 * HardwareRegistry (which freezes products through {freeze}), payouts in the FulfillmentVault
 * (which marks defaults through {markDefaulted}), JSON metadata in a renderer. Privileged functions
 * are `restricted` by the protocol's AccessManager (see `common/Roles.sol`).
 *
 * Every token keeps its holding history ({HoldingERC721}) so the fulfillment vault can pay each
 * holder exactly for units x time held; transfers, carves, splits and merges close the open holding.
 *
 * Product status: a *frozen* product (proven to share hardware with an earlier one) can no longer
 * be split, merged or carved, and markets refuse its tokens; its tokens can still be transferred,
 * because each is a claim on the frozen product's forfeited collateral (redeemed at the hardware
 * registry) and escrows (lending, swap pool) must be able to hand them back. A *defaulted* product
 * (collateral exhausted) is refused by markets; its tokens stay fully usable otherwise.
 *
 * Pausing stops {mintProduct} only.
 *
 * Live slices are not enumerated on chain (that would cost two storage writes per carve): every
 * slice change emits an event indexed by product ({ProductMinted}, {TokenSplit}, {TokensMerged},
 * {TokenCarved}), and completeness of a slice list is provable by its units summing to the capacity.
 */
contract HashPowerToken is
    IHashPowerToken,
    HoldingERC721,
    CommitteeAttested,
    AccessManaged,
    Pausable,
    ReentrancyGuardTransient
{
    // solhint-disable gas-struct-packing
    /// @notice What the committee signs (EIP-712 typed data, see {PRODUCT_ATTESTATION_TYPEHASH}).
    struct ProductAttestation {
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
        uint256 nonce;
        uint64 deadline;
        uint64 committeeEpoch;
    }
    // solhint-enable gas-struct-packing

    /// @dev Storage layout of a product (6 slots). `frozen`/`defaulted` share the slot
    /// {tradeState} reads.
    struct ProductStorage {
        address issuer;
        uint64 start;
        uint32 hardwareCount;
        address collateralToken;
        uint64 end;
        bool frozen;
        bool defaulted;
        bytes32 assetClass;
        uint64 capacity;
        uint128 collateral;
        bytes32 hardwareRoot;
        bytes32 metadataHash;
    }

    /// @notice EIP-712 type hash of {ProductAttestation}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant PRODUCT_ATTESTATION_TYPEHASH = keccak256(
        "ProductAttestation(address issuer,bytes32 assetClass,uint256 capacity,uint64 start,uint64 end,"
        "bytes32 hardwareRoot,uint32 hardwareCount,bytes32 metadataHash,address collateralToken,"
        "uint256 collateral,uint256 nonce,uint64 deadline,uint64 committeeEpoch)"
    );

    /// @notice Maximum number of parts of a split, and of tokens in a merge.
    uint256 public constant MAX_PARTS = 64;

    /// @notice Longest product term (`end - start`) {mintProduct} accepts: 3,650 days.
    uint64 public constant MAX_TERM = 3_650 days;

    /// @notice The asset class registry products must belong to (active) and take their
    /// collateral token from.
    IAssetClassRegistry public immutable assetClassRegistry;

    /// @notice Where issuer collateral is held.
    ICollateralVault public immutable collateralVault;

    uint256 private _productCount;
    uint256 private _nextTokenId = 1;
    ITokenMetadataRenderer private _renderer;
    mapping(uint256 productId => ProductStorage) private _products;
    mapping(uint256 productId => address[]) private _productSigners;
    mapping(uint256 productId => bytes32 digest) private _productDigests;

    /// @notice The attested capacity does not fit 64 bits.
    error CapacityTooLarge(uint256 capacity);
    /// @notice The attested collateral does not fit 128 bits.
    error CollateralTooLarge(uint256 collateral);
    /// @notice `start` is 0, `start >= end`, the term is already over, or it is longer than {MAX_TERM}.
    error InvalidTerm(uint64 start, uint64 end);
    /// @notice The capacity is zero.
    error ZeroCapacity();
    /// @notice The hardware root is zero or the hardware count is zero.
    error InvalidHardwareCommitment();
    /// @notice The asset class is unknown or inactive.
    error AssetClassNotActive(bytes32 assetClass);
    /// @notice The collateral token is not the asset class's payout token.
    error WrongCollateralToken(address expected, address given);
    /// @notice The caller is neither the owner of `tokenId` nor approved for it.
    error NotAuthorized(address caller, uint256 tokenId);
    /// @notice The product is frozen (its tokens cannot split, merge or be carved).
    error ProductIsFrozen(uint256 productId);
    /// @notice A split or merge with fewer than 2 or more than {MAX_PARTS} parts.
    error InvalidPartCount(uint256 count);
    /// @notice The parts of a split do not sum to the token's units (or a carve takes them all).
    error UnitsMismatch(uint256 expected, uint256 given);
    /// @notice A token appears twice in a merge.
    error DuplicateToken(uint256 tokenId);
    /// @notice A token of a merge belongs to another product than the first token.
    error ProductMismatch(uint256 tokenId);
    /// @notice A token of a merge has another owner than the first token.
    error OwnerMismatch(uint256 tokenId);

    /// @notice A product was attested and minted; `tokenId` is its first slice (all units, to the issuer).
    event ProductMinted(
        uint256 indexed productId,
        address indexed issuer,
        bytes32 indexed assetClass,
        uint256 capacity,
        uint64 start,
        uint64 end,
        bytes32 hardwareRoot,
        uint256 collateral,
        uint256 tokenId
    );
    /// @notice Emitted by {mintProduct} right after {ProductMinted}: the attestation fields that
    /// link the product to the signed bundle (`digest` is the EIP-712 digest the committee signed).
    event ProductAttested(
        uint256 indexed productId,
        bytes32 indexed digest,
        uint256 nonce,
        uint64 committeeEpoch,
        uint32 hardwareCount,
        bytes32 metadataHash,
        address collateralToken
    );
    /// @notice `tokenId` of `productId` was burnt and split into `newTokenIds` with `units` each.
    event TokenSplit(uint256 indexed productId, uint256 indexed tokenId, uint256[] newTokenIds, uint256[] units);
    /// @notice `tokenIds` of `productId` were burnt and merged into `newTokenId`.
    event TokensMerged(uint256 indexed productId, uint256 indexed newTokenId, uint256[] tokenIds);
    /// @notice `units` were carved out of `tokenId` (of `productId`) into the new token `newTokenId`, owned by `to`.
    event TokenCarved(
        uint256 indexed productId, uint256 indexed tokenId, uint256 indexed newTokenId, uint256 units, address to
    );
    /// @notice The owner of `tokenId` invalidated every order signed over its previous nonce.
    event TokenNonceBumped(uint256 indexed tokenId, uint32 nonce);
    /// @notice A product was frozen (by the hardware registry, after a duplicate-hardware proof).
    event ProductFrozen(uint256 indexed productId);
    /// @notice A product was declared defaulted (by the fulfillment vault: its collateral could not
    /// cover what was owed).
    event ProductDefaulted(uint256 indexed productId);
    /// @notice The metadata renderer changed.
    event MetadataRendererSet(address indexed renderer);

    /**
     * @notice Deploys the token ("HashMix Hash Power", "HMXHP") with EIP-712 domain ("HashMix", "1").
     * @dev Reverts with {ZeroAddress} for a zero registry or vault.
     * @param authority The protocol's AccessManager.
     * @param assetClasses The asset class registry.
     * @param attestors The attestor registry (this contract needs its role `BOND_LOCKER`).
     * @param collateral The collateral vault (this contract needs its role `COLLATERAL_LOCKER`).
     */
    constructor(
        address authority,
        IAssetClassRegistry assetClasses,
        IAttestorRegistry attestors,
        ICollateralVault collateral
    ) CommitteeAttested(attestors) AccessManaged(authority) {
        if (address(assetClasses) == address(0) || address(collateral) == address(0)) revert ZeroAddress();
        assetClassRegistry = assetClasses;
        collateralVault = collateral;
    }

    // ---------------------------------------------------------------------------------------
    // Minting
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Mints a product from a committee attestation; the issuer receives its first token
     * (all `capacity` units) and its collateral is pulled into the {collateralVault} (approve the
     * vault, not this contract).
     * @dev Checks, in order: caller is `a.issuer` ({NotTheIssuer}); `0 < start < end`, `end > now`
     * and `end - start <= MAX_TERM` ({InvalidTerm}); capacity ({ZeroCapacity}, {CapacityTooLarge});
     * collateral ({CollateralTooLarge}); hardware commitment ({InvalidHardwareCommitment}); asset
     * class active ({AssetClassNotActive}); collateral token equals the asset class's payout token
     * ({WrongCollateralToken}); then the committee check: deadline (`AttestationExpired`), nonce
     * (`NonceAlreadyUsed`) and M-of-N signatures of the current committee epoch over the EIP-712
     * digest (the registry's errors). Then stores the product, its signers and its digest, mints
     * the token, emits {ProductMinted} and {ProductAttested}, locks the signers' bonds until
     * `a.end`, locks the collateral in the vault (exact amount: fee-on-transfer tokens are refused
     * with `AmountNotReceived`; the vault is called even for zero collateral, so that its collateral
     * policy sees every mint: `CollateralBelowRequired`) and finally runs the ERC-721 receiver check
     * on the issuer. Reverts with `EnforcedPause` while paused.
     * @param a The attestation.
     * @param signatures Attestor signatures over {hashProductAttestation}`(a)`, signers ascending.
     * @return productId The new product id (ids start at 1).
     * @return tokenId The issuer's token id (ids start at 1).
     */
    function mintProduct(ProductAttestation calldata a, AttestorSignature[] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 productId, uint256 tokenId)
    {
        _checkAttestation(a);
        (bytes32 digest, address[] memory signers) = _consumeAttestation(
            _structHash(a), a.assetClass, a.nonce, a.deadline, a.committeeEpoch, signatures
        );

        // effects
        productId = ++_productCount;
        _storeProduct(productId, a);
        _productSigners[productId] = signers;
        _productDigests[productId] = digest;
        tokenId = _nextTokenId;
        _nextTokenId = tokenId + 1;
        // The issuer's first holding covers the product from its start when minted late.
        uint256 since = a.start < block.timestamp ? a.start : block.timestamp;
        _addSlice(productId, tokenId, a.capacity, a.issuer, since);
        emit ProductMinted(
            productId, a.issuer, a.assetClass, a.capacity, a.start, a.end, a.hardwareRoot, a.collateral, tokenId
        );
        emit ProductAttested(
            productId, digest, a.nonce, a.committeeEpoch, a.hardwareCount, a.metadataHash, a.collateralToken
        );

        // interactions: the registry and the collateral vault (protocol contracts), then the issuer
        attestorRegistry.lockBonds(signers, a.end);
        collateralVault.lock(productId, a.collateralToken, a.issuer, a.collateral);
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), a.issuer, tokenId, "");
    }

    // ---------------------------------------------------------------------------------------
    // Split / merge / carve
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Splits a token into `units.length` new tokens of the given units (in order), owned by
     * the same owner. The token is burnt.
     * @dev Reverts with `ERC721NonexistentToken`, {NotAuthorized} (caller neither owner nor
     * approved), {ProductIsFrozen}, {InvalidPartCount} (not 2..{MAX_PARTS}), `ZeroUnits` or
     * {UnitsMismatch} (parts do not sum to the token's units; a sum above 2^256-1 panics).
     * @param tokenId Token to split.
     * @param units Units of each new token (each > 0, summing to the token's units).
     * @return newTokenIds The new token ids, in the order of `units`.
     */
    function split(uint256 tokenId, uint256[] calldata units)
        external
        nonReentrant
        returns (uint256[] memory newTokenIds)
    {
        address holder = _requireAuthorized(tokenId);
        Slice storage slice = _slices[tokenId];
        uint256 productId = slice.productId;
        _requireNotFrozen(productId);
        uint256 n = units.length;
        if (n < 2 || n > MAX_PARTS) revert InvalidPartCount(n);
        uint256 sum = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (units[i] == 0) revert ZeroUnits();
            sum += units[i];
        }
        if (sum != slice.units) revert UnitsMismatch(slice.units, sum);

        _burn(tokenId, slice.units);
        newTokenIds = new uint256[](n);
        uint256 next = _nextTokenId;
        for (uint256 i = 0; i < n; ++i) {
            newTokenIds[i] = next;
            _addSlice(productId, next, units[i], holder, block.timestamp);
            ++next;
        }
        _nextTokenId = next;
        emit TokenSplit(productId, tokenId, newTokenIds, units);
    }

    /**
     * @notice Merges tokens of one product and one owner into a new token holding their units.
     * The tokens are burnt.
     * @dev Reverts with {InvalidPartCount} (not 2..{MAX_PARTS}), `ERC721NonexistentToken`,
     * {DuplicateToken}, {ProductMismatch}, {OwnerMismatch}, {NotAuthorized} (checked per token, in
     * order) and {ProductIsFrozen}.
     * @param tokenIds Tokens to merge.
     * @return newTokenId The new token, owned by the tokens' owner.
     */
    function merge(uint256[] calldata tokenIds) external nonReentrant returns (uint256 newTokenId) {
        uint256 n = tokenIds.length;
        if (n < 2 || n > MAX_PARTS) revert InvalidPartCount(n);
        address holder = _requireOwned(tokenIds[0]);
        uint256 productId = _slices[tokenIds[0]].productId;
        uint256 total = 0;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = tokenIds[i];
            (address tokenOwner, bool authorized) = _authorizedOwner(id, msg.sender);
            if (i != 0) {
                for (uint256 j = 0; j < i; ++j) {
                    if (tokenIds[j] == id) revert DuplicateToken(id);
                }
                if (_slices[id].productId != productId) revert ProductMismatch(id);
                if (tokenOwner != holder) revert OwnerMismatch(id);
            }
            if (!authorized) revert NotAuthorized(msg.sender, id);
            total += _slices[id].units;
        }
        _requireNotFrozen(productId);

        for (uint256 i = 0; i < n; ++i) {
            uint256 id = tokenIds[i];
            _burn(id, _slices[id].units);
        }
        newTokenId = _nextTokenId;
        _nextTokenId = newTokenId + 1;
        _addSlice(productId, newTokenId, total, holder, block.timestamp);
        emit TokensMerged(productId, newTokenId, tokenIds);
    }

    /**
     * @notice Carves `units` out of a token into a new token owned by `to`; the token keeps its id,
     * owner and nonce with `units` fewer units. This is how a partial sale delivers its slice.
     * @dev Reverts with `ERC721NonexistentToken`, {NotAuthorized} (caller neither owner nor
     * approved), {ProductIsFrozen}, `ZeroUnits` or {UnitsMismatch} (`units` not below the token's
     * units). `to` gets the token through a plain mint (no receiver callback), like a split.
     * Closes the owner's open holding (its units change). Emits {TokenCarved}.
     * @param tokenId Token to carve from.
     * @param units Units of the new token (0 < units < the token's units).
     * @param to Owner of the new token.
     * @return newTokenId The new token.
     */
    function carve(uint256 tokenId, uint256 units, address to) external returns (uint256 newTokenId) {
        _requireAuthorized(tokenId);
        Slice storage slice = _slices[tokenId];
        uint256 productId = slice.productId;
        _requireNotFrozen(productId);
        if (units == 0) revert ZeroUnits();
        if (units >= slice.units) revert UnitsMismatch(slice.units, units);

        _setUnits(tokenId, slice.units - units);
        newTokenId = _nextTokenId;
        _nextTokenId = newTokenId + 1;
        _addSlice(productId, newTokenId, units, to, block.timestamp);
        emit TokenCarved(productId, tokenId, newTokenId, units, to);
    }

    /**
     * @notice Bumps a token's nonce, which kills every market order signed over the previous one
     * (all listings of the token at once). Transfers bump it too.
     * @dev Reverts with `ERC721NonexistentToken` or {NotAuthorized}. Emits {TokenNonceBumped}.
     * @param tokenId Token.
     */
    function bumpTokenNonce(uint256 tokenId) external {
        _requireAuthorized(tokenId);
        uint32 nonce = ++_records[tokenId].nonce;
        emit TokenNonceBumped(tokenId, nonce);
    }

    // ---------------------------------------------------------------------------------------
    // Privileged (AccessManager roles)
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Freezes a product: its tokens can no longer split, merge or be carved, and markets
     * refuse them. Idempotent.
     * @dev Role `PRODUCT_FREEZER` (the hardware registry). Reverts with `UnknownProduct`. Emits
     * {ProductFrozen} once.
     * @param productId Product.
     */
    function freeze(uint256 productId) external restricted {
        ProductStorage storage p = _existingProduct(productId);
        if (p.frozen) return;
        p.frozen = true;
        emit ProductFrozen(productId);
    }

    /**
     * @notice Marks a product defaulted; markets refuse its tokens ({tradeState}). Idempotent.
     * @dev Role `PRODUCT_DEFAULTER` (the fulfillment vault). Reverts with `UnknownProduct`. Emits
     * {ProductDefaulted} once.
     * @param productId Product.
     */
    function markDefaulted(uint256 productId) external restricted {
        ProductStorage storage p = _existingProduct(productId);
        if (p.defaulted) return;
        p.defaulted = true;
        emit ProductDefaulted(productId);
    }

    /// @notice Stops {mintProduct} (everything else keeps working). Admin.
    function pause() external restricted {
        _pause();
    }

    /// @notice Resumes {mintProduct}. Admin.
    function unpause() external restricted {
        _unpause();
    }

    /**
     * @notice Sets the contract that renders {tokenURI} (address(0): empty URIs). Admin.
     * @dev Emits {MetadataRendererSet}.
     * @param renderer The renderer.
     */
    function setMetadataRenderer(ITokenMetadataRenderer renderer) external restricted {
        _renderer = renderer;
        emit MetadataRendererSet(address(renderer));
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @notice "HashMix Hash Power".
    /// @return The name.
    function name() external pure returns (string memory) {
        return "HashMix Hash Power";
    }

    /// @notice "HMXHP".
    /// @return The symbol.
    function symbol() external pure returns (string memory) {
        return "HMXHP";
    }

    /**
     * @notice The token's metadata URI, from the metadata renderer (empty if none is set).
     * @dev Reverts with `ERC721NonexistentToken`.
     * @param tokenId Token id.
     * @return The URI.
     */
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        _requireOwned(tokenId);
        ITokenMetadataRenderer renderer = _renderer;
        return address(renderer) == address(0) ? "" : renderer.tokenURI(tokenId);
    }

    /// @notice The metadata renderer (address(0) if none).
    /// @return The renderer.
    function metadataRenderer() external view returns (address) {
        return address(_renderer);
    }

    /// @inheritdoc IHashPowerToken
    /// @dev Reverts with `UnknownProduct`.
    function product(uint256 productId) external view returns (Product memory p) {
        ProductStorage storage s = _existingProduct(productId);
        p.issuer = s.issuer;
        p.assetClass = s.assetClass;
        p.capacity = s.capacity;
        p.start = s.start;
        p.end = s.end;
        p.hardwareRoot = s.hardwareRoot;
        p.hardwareCount = s.hardwareCount;
        p.metadataHash = s.metadataHash;
        p.collateralToken = s.collateralToken;
        p.collateral = s.collateral;
        p.frozen = s.frozen;
        p.defaulted = s.defaulted;
    }

    /// @inheritdoc IHashPowerToken
    /// @dev Reverts with `ERC721NonexistentToken` for burnt or never-minted ids.
    function tokenData(uint256 tokenId) external view returns (TokenData memory t) {
        TokenRecord storage rec = _records[tokenId];
        if (rec.owner == address(0)) revert ERC721NonexistentToken(tokenId);
        Slice storage slice = _slices[tokenId];
        ProductStorage storage p = _products[slice.productId];
        t.productId = slice.productId;
        t.assetClass = p.assetClass;
        t.units = slice.units;
        t.start = p.start;
        t.end = p.end;
        t.issuer = p.issuer;
        t.frozen = p.frozen;
        t.defaulted = p.defaulted;
        t.nonce = rec.nonce;
    }

    /// @inheritdoc IHashPowerToken
    /// @dev Reverts with `ERC721NonexistentToken`.
    function tradeState(uint256 tokenId)
        external
        view
        returns (address owner, uint256 units, uint32 nonce, bool tradable)
    {
        TokenRecord memory rec = _records[tokenId];
        owner = rec.owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        Slice storage slice = _slices[tokenId];
        ProductStorage storage p = _products[slice.productId];
        return (owner, slice.units, rec.nonce, !(p.frozen || p.defaulted));
    }

    /**
     * @notice The token nonce of a live token: signed by listings and swap orders, bumped by every
     * transfer and by {bumpTokenNonce}.
     * @dev Reverts with `ERC721NonexistentToken`.
     * @param tokenId Token id.
     * @return The nonce.
     */
    function tokenNonce(uint256 tokenId) external view returns (uint32) {
        _requireOwned(tokenId);
        return _records[tokenId].nonce;
    }

    /**
     * @notice The EIP-712 digest the committee signed for a product ({hashProductAttestation} of
     * its attestation), also emitted in {ProductAttested}.
     * @dev Reverts with `UnknownProduct`.
     * @param productId Product id.
     * @return The digest.
     */
    function productDigest(uint256 productId) external view returns (bytes32) {
        _existingProduct(productId);
        return _productDigests[productId];
    }

    /// @inheritdoc IHashPowerToken
    /// @dev Reverts with `UnknownProduct`.
    function productSigners(uint256 productId) external view returns (address[] memory) {
        _existingProduct(productId);
        return _productSigners[productId];
    }

    /// @notice The id the next minted token will get (token ids are 1..nextTokenId-1, burnt ones included).
    /// @return The id.
    function nextTokenId() external view returns (uint256) {
        return _nextTokenId;
    }

    /// @notice Number of products minted (product ids are 1..productCount).
    /// @return The count.
    function productCount() external view returns (uint256) {
        return _productCount;
    }

    /**
     * @notice The EIP-712 digest attestors sign for `a` (domain "HashMix", "1", this chain, this contract).
     * @param a The attestation.
     * @return The digest.
     */
    function hashProductAttestation(ProductAttestation calldata a) external view returns (bytes32) {
        return _hashTypedDataV4(_structHash(a));
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev The owner of a live token the caller may act for, else `ERC721NonexistentToken` /
    /// {NotAuthorized}.
    function _requireAuthorized(uint256 tokenId) private view returns (address holder) {
        bool ok;
        (holder, ok) = _authorizedOwner(tokenId, msg.sender);
        if (!ok) revert NotAuthorized(msg.sender, tokenId);
    }

    function _requireNotFrozen(uint256 productId) private view {
        if (_products[productId].frozen) revert ProductIsFrozen(productId);
    }

    function _checkAttestation(ProductAttestation calldata a) private view {
        if (msg.sender != a.issuer) revert NotTheIssuer(msg.sender, a.issuer);
        if (a.start == 0 || a.start >= a.end || a.end <= block.timestamp || a.end - a.start > MAX_TERM) {
            revert InvalidTerm(a.start, a.end);
        }
        if (a.capacity == 0) revert ZeroCapacity();
        if (a.capacity > type(uint64).max) revert CapacityTooLarge(a.capacity);
        if (a.collateral > type(uint128).max) revert CollateralTooLarge(a.collateral);
        if (a.hardwareRoot == bytes32(0) || a.hardwareCount == 0) revert InvalidHardwareCommitment();
        if (!assetClassRegistry.isActive(a.assetClass)) revert AssetClassNotActive(a.assetClass);
        address expected = assetClassRegistry.payoutTokenOf(a.assetClass);
        if (a.collateralToken != expected) revert WrongCollateralToken(expected, a.collateralToken);
    }

    /// @dev All fields are static, so `abi.encode(typehash, a)` is exactly EIP-712's
    /// `typeHash || enc(field_1) || ... || enc(field_13)`.
    function _structHash(ProductAttestation calldata a) private pure returns (bytes32) {
        return keccak256(abi.encode(PRODUCT_ATTESTATION_TYPEHASH, a));
    }

    function _storeProduct(uint256 productId, ProductAttestation calldata a) private {
        ProductStorage storage p = _products[productId];
        p.issuer = a.issuer;
        p.start = a.start;
        p.hardwareCount = a.hardwareCount;
        p.collateralToken = a.collateralToken;
        p.end = a.end;
        p.assetClass = a.assetClass;
        p.capacity = uint64(a.capacity);
        p.collateral = uint128(a.collateral);
        p.hardwareRoot = a.hardwareRoot;
        p.metadataHash = a.metadataHash;
    }

    /// @dev `units` fits 64 bits (capacity is checked at mint), `productId` 48 bits (one mint per
    /// transaction) and `since` 32 bits (until 2106).
    function _addSlice(uint256 productId, uint256 tokenId, uint256 units, address to, uint256 since) private {
        // two fields of a new slot (a whole-struct write would also write the three kept-holding fields)
        Slice storage slice = _slices[tokenId];
        slice.productId = uint48(productId);
        slice.units = uint64(units);
        _mint(to, tokenId, since);
    }

    function _existingProduct(uint256 productId) private view returns (ProductStorage storage) {
        if (productId == 0 || productId > _productCount) revert UnknownProduct(productId);
        return _products[productId];
    }
}
