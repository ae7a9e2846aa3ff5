// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {AssetClassRegistry} from "./AssetClassRegistry.sol";
import {AttestorRegistry} from "./AttestorRegistry.sol";
import {AttestorSignature} from "./interfaces/IAttestorRegistry.sol";

/**
 * @title HashPowerToken
 * @notice Tokenized hash power. A *product* is a block of capacity (e.g. 1,000 TH/s of one farm
 * for one term) attested by an M-of-N committee of the {AttestorRegistry} and backed by issuer
 * collateral; a *token* (ERC-721) is a slice of a product: a number of units with the product's
 * term. Slices can be split and merged; the units of a product's live slices always sum to its
 * capacity.
 * @dev Hardware uniqueness is enforced optimistically: a product commits to its hardware with a
 * Merkle root (leaf = `keccak256(bytes.concat(keccak256(abi.encode(hardwareId))))`, OZ
 * `MerkleProof` sorted-pair trees). Anyone who proves the same hardware id in two live products
 * with overlapping terms freezes the later one (higher id), takes {CHALLENGE_BOUNTY_BPS} of its
 * collateral and has every attestor who signed both slashed in its favour. Tokens of a frozen
 * product can no longer be transferred, split or merged.
 *
 * Every token keeps its *holding history* (who held it, from when to when, with how many units) so
 * the {fulfillmentVault} can pay each holder exactly for units x time held; transfers, carves, splits
 * and merges close the open holding. Collateral stays in this contract; the fulfillment vault takes
 * shortfall compensation out of it, marks products defaulted and releases the rest to the issuer
 * after the product's settlement.
 *
 * Pausing stops {mintProduct} only; transfers, splits, merges and challenges keep working.
 */
contract HashPowerToken is ERC721, Ownable2Step, Pausable, ReentrancyGuard, EIP712 {
    using SafeERC20 for IERC20;

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

    /// @notice A minted product. `collateral` is what remains after challenge bounties.
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

    /// @notice One holding of a token: `holder` held it with `units` units over `[start, end)`.
    /// `end` is `type(uint64).max` while the holding is open (the token's current holder).
    struct Holding {
        address holder;
        uint64 start;
        uint64 end;
        uint256 units;
        uint256 productId;
    }

    /// @notice Answer of {proveOwnership}: the product and its live slices with holders and units.
    struct Ownership {
        uint256 productId;
        address issuer;
        bool frozen;
        uint256[] tokenIds;
        address[] holders;
        uint256[] units;
    }

    // solhint-enable gas-struct-packing

    /// @dev Storage layout of a product (7 slots instead of 11).
    struct ProductStorage {
        address issuer;
        uint64 start;
        uint32 hardwareCount;
        address collateralToken;
        uint64 end;
        bool frozen;
        bool defaulted;
        bytes32 assetClass;
        uint256 capacity;
        bytes32 hardwareRoot;
        bytes32 metadataHash;
        uint256 collateral;
    }

    /// @dev A slice (one slot): its product, its position in the product's live list, its token
    /// nonce, how many closed holdings it has, when its open holding started, whether it was burnt,
    /// and its units. Kept after the burn so that its holdings stay readable.
    struct Slice {
        uint48 productId;
        uint32 index;
        uint32 nonce;
        uint32 closedCount;
        uint32 since;
        bool burned;
        uint64 units;
    }

    /// @dev A closed holding (one slot); it ends where the next one starts.
    struct ClosedHolding {
        address holder;
        uint32 start;
        uint64 units;
    }

    /// @notice EIP-712 type hash of {ProductAttestation}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant PRODUCT_ATTESTATION_TYPEHASH = keccak256(
        "ProductAttestation(address issuer,bytes32 assetClass,uint256 capacity,uint64 start,uint64 end,"
        "bytes32 hardwareRoot,uint32 hardwareCount,bytes32 metadataHash,address collateralToken,"
        "uint256 collateral,uint256 nonce,uint64 deadline,uint64 committeeEpoch)"
    );

    /// @notice Share of a frozen product's collateral paid to the challenger, in basis points (10%).
    uint256 public constant CHALLENGE_BOUNTY_BPS = 1_000;

    /// @notice Maximum number of parts of a split, and of tokens in a merge.
    uint256 public constant MAX_PARTS = 64;

    /// @notice Longest product term (`end - start`) {mintProduct} accepts: 3,650 days.
    uint64 public constant MAX_TERM = 3_650 days;

    /// @notice Largest page {productTokensPage} returns (a larger `limit` is capped to it).
    uint256 public constant MAX_PAGE_SIZE = 500;

    uint256 private constant _BPS = 10_000;

    /// @notice The asset class registry products must belong to (active) and take their
    /// collateral token from.
    AssetClassRegistry public immutable assetClassRegistry;

    /// @notice The committee whose signatures attest products.
    AttestorRegistry public immutable attestorRegistry;

    uint256 private _productCount;
    uint256 private _nextTokenId = 1;
    mapping(uint256 productId => ProductStorage) private _products;
    mapping(uint256 productId => address[]) private _productSigners;
    mapping(uint256 productId => uint256[]) private _liveTokens;
    mapping(uint256 tokenId => Slice) private _slices;
    mapping(uint256 nonce => bool) private _usedNonces;
    mapping(uint256 productId => bytes32 digest) private _productDigests;
    mapping(uint256 tokenId => mapping(uint256 index => ClosedHolding)) private _closedHoldings;
    address private _fulfillmentVault;

    /// @notice The attested capacity does not fit 64 bits.
    error CapacityTooLarge(uint256 capacity);
    /// @notice The caller is not the fulfillment vault.
    error NotTheVault(address caller);
    /// @notice The fulfillment vault was already set.
    error VaultAlreadySet();
    /// @notice No such holding (never-minted token or index past the last holding).
    error UnknownHolding(uint256 tokenId, uint256 index);
    /// @notice The caller of {mintProduct} is not the attested issuer.
    error NotTheIssuer(address caller, address issuer);
    /// @notice The attestation's deadline has passed.
    error AttestationExpired(uint64 deadline);
    /// @notice The attestation's nonce was already consumed by this contract.
    error NonceAlreadyUsed(uint256 nonce);
    /// @notice `start >= end`, the term is already over, or it is longer than {MAX_TERM}.
    error InvalidTerm(uint64 start, uint64 end);
    /// @notice The capacity is zero.
    error ZeroCapacity();
    /// @notice The hardware root is zero or the hardware count is zero.
    error InvalidHardwareCommitment();
    /// @notice The asset class is unknown or inactive.
    error AssetClassNotActive(bytes32 assetClass);
    /// @notice The collateral token is not the asset class's payout token.
    error WrongCollateralToken(address expected, address given);
    /// @notice This contract's collateral token balance did not grow by exactly the collateral.
    error CollateralNotReceived(uint256 expected, uint256 received);
    /// @notice The caller is neither the owner of `tokenId` nor approved for it.
    error NotAuthorized(address caller, uint256 tokenId);
    /// @notice The product is frozen (its tokens cannot move, split or merge; it cannot be challenged again).
    error ProductIsFrozen(uint256 productId);
    /// @notice A split or merge with fewer than 2 or more than {MAX_PARTS} parts.
    error InvalidPartCount(uint256 count);
    /// @notice A split part of zero units.
    error ZeroUnits();
    /// @notice The parts of a split do not sum to the token's units.
    error UnitsMismatch(uint256 expected, uint256 given);
    /// @notice A token appears twice in a merge.
    error DuplicateToken(uint256 tokenId);
    /// @notice A token of a merge belongs to another product than the first token.
    error ProductMismatch(uint256 tokenId);
    /// @notice A token of a merge has another owner than the first token.
    error OwnerMismatch(uint256 tokenId);
    /// @notice A challenge named the same product twice.
    error SameProduct();
    /// @notice No product has this id.
    error UnknownProduct(uint256 productId);
    /// @notice The Merkle proof does not show `hardwareId` in the product's hardware root.
    error HardwareNotInProduct(bytes32 hardwareId, uint256 productId);
    /// @notice The product's term is over.
    error ProductNotLive(uint256 productId);
    /// @notice The two products' terms do not overlap.
    error TermsDoNotOverlap(uint256 productA, uint256 productB);
    /// @notice address(0) given for a registry at deployment.
    error ZeroAddress();

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
    /// @notice `tokenId` was burnt and split into `newTokenIds` with `units` each.
    event TokenSplit(uint256 indexed tokenId, uint256[] newTokenIds, uint256[] units);
    /// @notice `tokenIds` were burnt and merged into `newTokenId`.
    event TokensMerged(uint256[] tokenIds, uint256 indexed newTokenId);
    /// @notice `hardwareId` was proven in two products; `frozenProductId` was frozen and `bounty` paid.
    event DuplicateHardwareChallenged(
        bytes32 indexed hardwareId,
        uint256 indexed frozenProductId,
        uint256 otherProductId,
        address indexed challenger,
        uint256 bounty
    );
    /// @notice A product was frozen.
    event ProductFrozen(uint256 indexed productId);
    /// @notice `units` were carved out of `tokenId` into the new token `newTokenId`, owned by `to`.
    event TokenCarved(uint256 indexed tokenId, uint256 indexed newTokenId, uint256 units, address indexed to);
    /// @notice The owner of `tokenId` invalidated every order signed over its previous nonce.
    event TokenNonceBumped(uint256 indexed tokenId, uint32 nonce);
    /// @notice The fulfillment vault was set (once).
    event FulfillmentVaultSet(address indexed vault);
    /// @notice The vault took `amount` of a product's collateral; `remaining` is left.
    event CollateralTaken(uint256 indexed productId, uint256 amount, uint256 remaining);
    /// @notice The vault released a product's remaining collateral to `to`.
    event CollateralReleased(uint256 indexed productId, address indexed to, uint256 amount);
    /// @notice The vault declared a product defaulted (its collateral could not cover what was owed).
    event ProductDefaulted(uint256 indexed productId);

    /**
     * @notice Deploys the token ("HashMix Hash Power", "HMXHP") with EIP-712 domain ("HashMix", "1").
     * @param initialOwner Admin (pause/unpause); reverts with `OwnableInvalidOwner` if zero.
     * @param assetClasses The asset class registry.
     * @param attestors The attestor registry (this contract must be made one of its consumers).
     */
    constructor(address initialOwner, AssetClassRegistry assetClasses, AttestorRegistry attestors)
        ERC721("HashMix Hash Power", "HMXHP")
        Ownable(initialOwner)
        EIP712("HashMix", "1")
    {
        if (address(assetClasses) == address(0) || address(attestors) == address(0)) revert ZeroAddress();
        assetClassRegistry = assetClasses;
        attestorRegistry = attestors;
    }

    // ---------------------------------------------------------------------------------------
    // Minting
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Mints a product from a committee attestation; the issuer receives its first token
     * (all `capacity` units) and its collateral is pulled into this contract.
     * @dev Checks, in order: caller is `a.issuer` ({NotTheIssuer}); deadline ({AttestationExpired});
     * nonce unused ({NonceAlreadyUsed}); `start < end`, `end > now` and `end - start <= MAX_TERM`
     * ({InvalidTerm}); capacity
     * ({ZeroCapacity}); hardware commitment ({InvalidHardwareCommitment}); asset class active
     * ({AssetClassNotActive}); collateral token equals the asset class's payout token
     * ({WrongCollateralToken}); M-of-N signatures of the current committee epoch over the EIP-712
     * digest (errors of {AttestorRegistry-verifySignatures}). Then consumes the nonce, stores the
     * product, its signers and its digest ({productDigest}), mints the token, emits {ProductMinted}
     * and {ProductAttested}, locks the signers' bonds until `a.end`, pulls
     * `a.collateral` (approve this contract first; the balance must grow by exactly that amount,
     * so fee-on-transfer tokens are rejected with {CollateralNotReceived}) and finally runs the
     * ERC-721 receiver check on the issuer. Reverts with `EnforcedPause` while paused.
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
        bytes32 digest = _hashTypedDataV4(_structHash(a));
        address[] memory signers =
            attestorRegistry.verifySignatures(digest, a.assetClass, a.committeeEpoch, signatures);

        // effects
        _usedNonces[a.nonce] = true;
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

        // interactions
        attestorRegistry.lockBonds(signers, a.end);
        if (a.collateral != 0) _pullCollateral(IERC20(a.collateralToken), a.collateral);
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), a.issuer, tokenId, "");
    }

    // ---------------------------------------------------------------------------------------
    // Split / merge
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Splits a token into `units.length` new tokens of the given units (in order), owned by
     * the same owner. The token is burnt.
     * @dev Reverts with `ERC721NonexistentToken`, {NotAuthorized} (caller neither owner nor
     * approved), {ProductIsFrozen}, {InvalidPartCount} (not 2..{MAX_PARTS}), {ZeroUnits} or
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
        address holder = _requireOwned(tokenId);
        if (!_isAuthorized(holder, msg.sender, tokenId)) revert NotAuthorized(msg.sender, tokenId);
        Slice memory slice = _slices[tokenId];
        uint256 productId = slice.productId;
        if (_products[productId].frozen) revert ProductIsFrozen(productId);
        uint256 n = units.length;
        if (n < 2 || n > MAX_PARTS) revert InvalidPartCount(n);
        uint256 sum = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (units[i] == 0) revert ZeroUnits();
            sum += units[i];
        }
        if (sum != slice.units) revert UnitsMismatch(slice.units, sum);

        _removeSlice(tokenId);
        newTokenIds = new uint256[](n);
        uint256 next = _nextTokenId;
        for (uint256 i = 0; i < n; ++i) {
            newTokenIds[i] = next;
            _addSlice(productId, next, units[i], holder, block.timestamp);
            ++next;
        }
        _nextTokenId = next;
        emit TokenSplit(tokenId, newTokenIds, units);
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
            if (i != 0) {
                for (uint256 j = 0; j < i; ++j) {
                    if (tokenIds[j] == id) revert DuplicateToken(id);
                }
                address tokenOwner = _requireOwned(id);
                if (_slices[id].productId != productId) revert ProductMismatch(id);
                if (tokenOwner != holder) revert OwnerMismatch(id);
            }
            if (!_isAuthorized(holder, msg.sender, id)) revert NotAuthorized(msg.sender, id);
            total += _slices[id].units;
        }
        if (_products[productId].frozen) revert ProductIsFrozen(productId);

        for (uint256 i = 0; i < n; ++i) {
            _removeSlice(tokenIds[i]);
        }
        newTokenId = _nextTokenId;
        _nextTokenId = newTokenId + 1;
        _addSlice(productId, newTokenId, total, holder, block.timestamp);
        emit TokensMerged(tokenIds, newTokenId);
    }

    /**
     * @notice Carves `units` out of a token into a new token owned by `to`; the token keeps its id,
     * owner and nonce with `units` fewer units. This is how a partial sale delivers its slice.
     * @dev Reverts with `ERC721NonexistentToken`, {NotAuthorized} (caller neither owner nor
     * approved), {ProductIsFrozen}, {ZeroUnits} or {UnitsMismatch} (`units` not below the token's
     * units). `to` gets the token through a plain mint (no receiver callback), like a split.
     * Closes the owner's open holding (its units change). Emits {TokenCarved}.
     * @param tokenId Token to carve from.
     * @param units Units of the new token (0 < units < the token's units).
     * @param to Owner of the new token.
     * @return newTokenId The new token.
     */
    function carve(uint256 tokenId, uint256 units, address to) external returns (uint256 newTokenId) {
        address holder = _requireOwned(tokenId);
        if (!_isAuthorized(holder, msg.sender, tokenId)) revert NotAuthorized(msg.sender, tokenId);
        Slice memory slice = _slices[tokenId];
        if (_products[slice.productId].frozen) revert ProductIsFrozen(slice.productId);
        if (units == 0) revert ZeroUnits();
        if (units >= slice.units) revert UnitsMismatch(slice.units, units);

        _closeHolding(tokenId, slice, holder);
        slice.units -= uint64(units);
        _slices[tokenId] = slice;
        newTokenId = _nextTokenId;
        _nextTokenId = newTokenId + 1;
        _addSlice(slice.productId, newTokenId, units, to, block.timestamp);
        emit TokenCarved(tokenId, newTokenId, units, to);
    }

    /**
     * @notice Bumps a token's nonce, which kills every market order signed over the previous one
     * (all listings of the token at once). Transfers bump it too.
     * @dev Reverts with `ERC721NonexistentToken` or {NotAuthorized}. Emits {TokenNonceBumped}.
     * @param tokenId Token.
     */
    function bumpTokenNonce(uint256 tokenId) external {
        address holder = _requireOwned(tokenId);
        if (!_isAuthorized(holder, msg.sender, tokenId)) revert NotAuthorized(msg.sender, tokenId);
        uint32 nonce = ++_slices[tokenId].nonce;
        emit TokenNonceBumped(tokenId, nonce);
    }

    // ---------------------------------------------------------------------------------------
    // Hardware uniqueness
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Proves that `hardwareId` backs two live products with overlapping terms. The later
     * product (higher id) is frozen, the caller receives {CHALLENGE_BOUNTY_BPS} of its remaining
     * collateral, and every attestor who signed both products is slashed in the caller's favour
     * (pull the proceeds from the AttestorRegistry with `withdrawSlashProceeds`).
     * @dev Reverts with {SameProduct}, {UnknownProduct}, {HardwareNotInProduct}, {ProductIsFrozen},
     * {ProductNotLive} (`end <= now`) or {TermsDoNotOverlap}, checked in that order for A then B.
     * @param hardwareId Hardware identifier (the Merkle leaf is its double keccak, see contract docs).
     * @param productA One product.
     * @param proofA Merkle proof of `hardwareId` in `productA`'s hardware root.
     * @param productB The other product.
     * @param proofB Merkle proof of `hardwareId` in `productB`'s hardware root.
     * @return frozenProductId The frozen product (the higher of the two ids).
     * @return bounty Collateral paid to the caller.
     */
    function challengeDuplicateHardware(
        bytes32 hardwareId,
        uint256 productA,
        bytes32[] calldata proofA,
        uint256 productB,
        bytes32[] calldata proofB
    ) external nonReentrant returns (uint256 frozenProductId, uint256 bounty) {
        _checkChallenge(hardwareId, productA, proofA, productB, proofB);
        uint256 otherProductId;
        (frozenProductId, otherProductId) = productA > productB ? (productA, productB) : (productB, productA);
        address collateralToken;
        (bounty, collateralToken) = _freeze(frozenProductId);
        emit DuplicateHardwareChallenged(hardwareId, frozenProductId, otherProductId, msg.sender, bounty);

        // interactions: the registry (trusted) and the collateral token
        _slashCommonSigners(frozenProductId, otherProductId);
        if (bounty != 0) IERC20(collateralToken).safeTransfer(msg.sender, bounty);
    }

    /**
     * @notice Who holds the hardware `hardwareId` of `productId` today: verifies the Merkle proof
     * and returns the product's live slices with their holders and units.
     * @dev Reverts with {UnknownProduct} or {HardwareNotInProduct}. Reads every live slice of the
     * product: meant for off-chain calls (`eth_call`) on products with few slices (a few hundred);
     * for the rest, check the proof here with a small product or page the slices with
     * {productTokenCount} / {productTokensPage} and {tokenData} / `ownerOf`.
     * @param hardwareId Hardware identifier.
     * @param productId Product.
     * @param proof Merkle proof of `hardwareId` in the product's hardware root.
     * @return o The product id, issuer, frozen flag and live slices (ids, holders, units).
     */
    function proveOwnership(bytes32 hardwareId, uint256 productId, bytes32[] calldata proof)
        external
        view
        returns (Ownership memory o)
    {
        ProductStorage storage p = _existingProduct(productId);
        if (!MerkleProof.verifyCalldata(proof, p.hardwareRoot, _hardwareLeaf(hardwareId))) {
            revert HardwareNotInProduct(hardwareId, productId);
        }
        uint256[] storage live = _liveTokens[productId];
        uint256 n = live.length;
        o.productId = productId;
        o.issuer = p.issuer;
        o.frozen = p.frozen;
        o.tokenIds = new uint256[](n);
        o.holders = new address[](n);
        o.units = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = live[i];
            o.tokenIds[i] = id;
            o.holders[i] = _ownerOf(id);
            o.units[i] = _slices[id].units;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /// @notice Stops {mintProduct} (transfers, splits, merges and challenges keep working).
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Resumes {mintProduct}.
    function unpause() external onlyOwner {
        _unpause();
    }

    /**
     * @notice Sets the fulfillment vault, once: the only account that may take, release and default
     * product collateral.
     * @dev Reverts with {ZeroAddress} or {VaultAlreadySet}. Emits {FulfillmentVaultSet}.
     * @param vault The vault.
     */
    function setFulfillmentVault(address vault) external onlyOwner {
        if (vault == address(0)) revert ZeroAddress();
        if (_fulfillmentVault != address(0)) revert VaultAlreadySet();
        _fulfillmentVault = vault;
        emit FulfillmentVaultSet(vault);
    }

    // ---------------------------------------------------------------------------------------
    // Fulfillment vault hooks
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Sends up to `amount` of a product's collateral to the vault (compensation for holders).
     * @dev Vault only ({NotTheVault}); {UnknownProduct}. Emits {CollateralTaken}.
     * @param productId Product.
     * @param amount Amount wanted.
     * @return taken `min(amount, remaining collateral)`.
     */
    function takeCollateral(uint256 productId, uint256 amount) external returns (uint256 taken) {
        address vault = _onlyVault();
        ProductStorage storage p = _existingProduct(productId);
        uint256 collateral = p.collateral;
        taken = amount < collateral ? amount : collateral;
        p.collateral = collateral - taken;
        emit CollateralTaken(productId, taken, collateral - taken);
        if (taken != 0) IERC20(p.collateralToken).safeTransfer(vault, taken);
    }

    /**
     * @notice Sends a product's remaining collateral to `to` (the issuer, after settlement).
     * @dev Vault only ({NotTheVault}); {UnknownProduct}. Emits {CollateralReleased}.
     * @param productId Product.
     * @param to Recipient.
     * @return amount The amount released.
     */
    function releaseCollateral(uint256 productId, address to) external returns (uint256 amount) {
        _onlyVault();
        ProductStorage storage p = _existingProduct(productId);
        amount = p.collateral;
        p.collateral = 0;
        emit CollateralReleased(productId, to, amount);
        if (amount != 0) IERC20(p.collateralToken).safeTransfer(to, amount);
    }

    /**
     * @notice Marks a product defaulted; markets refuse its tokens ({tradeState}).
     * @dev Vault only ({NotTheVault}); {UnknownProduct}. Emits {ProductDefaulted} (once).
     * @param productId Product.
     */
    function markDefaulted(uint256 productId) external {
        _onlyVault();
        ProductStorage storage p = _existingProduct(productId);
        if (p.defaulted) return;
        p.defaulted = true;
        emit ProductDefaulted(productId);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice A product.
     * @dev Reverts with {UnknownProduct}.
     * @param productId Product id.
     * @return p The product (collateral net of paid bounties).
     */
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

    /**
     * @notice A live token with its product's fields.
     * @dev Reverts with `ERC721NonexistentToken` for burnt or never-minted ids.
     * @param tokenId Token id.
     * @return t The token data.
     */
    function tokenData(uint256 tokenId) public view returns (TokenData memory t) {
        _requireOwned(tokenId);
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
        t.nonce = slice.nonce;
    }

    /**
     * @notice What a market needs to settle a sale of `tokenId`, in one call.
     * @dev Reverts with `ERC721NonexistentToken`.
     * @param tokenId Token id.
     * @return owner The owner.
     * @return units The token's units.
     * @return nonce The token nonce (see {bumpTokenNonce}).
     * @return tradable False if the product is frozen or defaulted.
     */
    function tradeState(uint256 tokenId)
        external
        view
        returns (address owner, uint256 units, uint32 nonce, bool tradable)
    {
        owner = _requireOwned(tokenId);
        Slice storage slice = _slices[tokenId];
        ProductStorage storage p = _products[slice.productId];
        return (owner, slice.units, slice.nonce, !(p.frozen || p.defaulted));
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
        return _slices[tokenId].nonce;
    }

    /**
     * @notice Number of holdings of a token (closed ones plus the open one while it lives); 0 for an
     * id never minted. Zero-length holdings (a transfer in the block the holding began) are skipped.
     * @param tokenId Token id (live or burnt).
     * @return The count.
     */
    function holdingCount(uint256 tokenId) external view returns (uint256) {
        Slice storage slice = _slices[tokenId];
        if (slice.productId == 0) return 0;
        return uint256(slice.closedCount) + (slice.burned ? 0 : 1);
    }

    /**
     * @notice Holding `index` of a token (0 = oldest); works for burnt tokens.
     * @dev Reverts with {UnknownHolding}. Times are not clipped to the product's term.
     * @param tokenId Token id.
     * @param index Holding index, below {holdingCount}.
     * @return h The holding.
     */
    function holding(uint256 tokenId, uint256 index) external view returns (Holding memory h) {
        Slice memory slice = _slices[tokenId];
        uint256 closed = slice.closedCount;
        if (slice.productId == 0 || index > closed || (index == closed && slice.burned)) {
            revert UnknownHolding(tokenId, index);
        }
        h.productId = slice.productId;
        if (index == closed) {
            h.holder = _ownerOf(tokenId);
            h.start = slice.since;
            h.end = type(uint64).max;
            h.units = slice.units;
        } else {
            ClosedHolding memory c = _closedHoldings[tokenId][index];
            h.holder = c.holder;
            h.start = c.start;
            h.end = index + 1 < closed ? _closedHoldings[tokenId][index + 1].start : slice.since;
            h.units = c.units;
        }
    }

    /// @notice The fulfillment vault (zero until set).
    /// @return The vault.
    function fulfillmentVault() external view returns (address) {
        return _fulfillmentVault;
    }

    /**
     * @notice The live slices of a product (unordered).
     * @dev Reverts with {UnknownProduct}. O(number of live slices): for off-chain calls on products
     * with few slices; use {productTokenCount} and {productTokensPage} for the rest.
     * @param productId Product id.
     * @return The token ids.
     */
    function productTokens(uint256 productId) external view returns (uint256[] memory) {
        _existingProduct(productId);
        return _liveTokens[productId];
    }

    /**
     * @notice Number of live slices of a product.
     * @dev Reverts with {UnknownProduct}.
     * @param productId Product id.
     * @return The count.
     */
    function productTokenCount(uint256 productId) external view returns (uint256) {
        _existingProduct(productId);
        return _liveTokens[productId].length;
    }

    /**
     * @notice A page of the live slices of a product: at most `limit` (capped to {MAX_PAGE_SIZE})
     * ids from position `offset` of the same unordered list {productTokens} returns.
     * @dev Reverts with {UnknownProduct}. An `offset` at or past the end returns an empty array.
     * Splits and merges reorder the list (swap-and-pop), so page over a single block.
     * @param productId Product id.
     * @param offset First position.
     * @param limit Maximum number of ids.
     * @return page The token ids.
     */
    function productTokensPage(uint256 productId, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory page)
    {
        _existingProduct(productId);
        uint256[] storage live = _liveTokens[productId];
        uint256 n = live.length;
        if (offset >= n) return new uint256[](0);
        if (limit > MAX_PAGE_SIZE) limit = MAX_PAGE_SIZE;
        uint256 remaining = n - offset;
        if (limit > remaining) limit = remaining;
        page = new uint256[](limit);
        for (uint256 i = 0; i < limit; ++i) {
            page[i] = live[offset + i];
        }
    }

    /**
     * @notice The EIP-712 digest the committee signed for a product ({hashProductAttestation} of
     * its attestation), also emitted in {ProductAttested}.
     * @dev Reverts with {UnknownProduct}.
     * @param productId Product id.
     * @return The digest.
     */
    function productDigest(uint256 productId) external view returns (bytes32) {
        _existingProduct(productId);
        return _productDigests[productId];
    }

    /**
     * @notice The attestors whose signatures minted a product (ascending).
     * @dev Reverts with {UnknownProduct}.
     * @param productId Product id.
     * @return The signers.
     */
    function productSigners(uint256 productId) external view returns (address[] memory) {
        _existingProduct(productId);
        return _productSigners[productId];
    }

    /// @notice Number of products minted (product ids are 1..productCount).
    /// @return The count.
    function productCount() external view returns (uint256) {
        return _productCount;
    }

    /// @notice Whether an attestation nonce was consumed by this contract.
    /// @param nonce Nonce.
    /// @return True if used.
    function isNonceUsed(uint256 nonce) external view returns (bool) {
        return _usedNonces[nonce];
    }

    /**
     * @notice The EIP-712 digest attestors sign for `a` (domain "HashMix", "1", this chain, this contract).
     * @param a The attestation.
     * @return The digest.
     */
    function hashProductAttestation(ProductAttestation calldata a) external view returns (bytes32) {
        return _hashTypedDataV4(_structHash(a));
    }

    /// @notice The EIP-712 domain separator of this contract on this chain.
    /// @return The domain separator.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /**
     * @notice On-chain metadata: `data:application/json;base64,` + JSON with name, description and
     * attributes (product, asset class symbol, units (as a string), start, end, issuer, frozen).
     * @dev Reverts with `ERC721NonexistentToken`.
     * @param tokenId Token id.
     * @return The data URI.
     */
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        TokenData memory t = tokenData(tokenId);
        string memory symbol = assetClassRegistry.assetClass(t.assetClass).symbol;
        // solhint-disable gas-small-strings
        string memory head = string.concat(
            "{\"name\":\"HashMix Hash Power #",
            Strings.toString(tokenId),
            "\",\"description\":\"A slice of HashMix hash power product ",
            Strings.toString(t.productId),
            ", attested by the HashMix committee.\",\"attributes\":[{\"trait_type\":\"product\",\"value\":",
            Strings.toString(t.productId),
            "},{\"trait_type\":\"asset class\",\"value\":\"",
            symbol,
            "\"},{\"trait_type\":\"units\",\"value\":\"",
            Strings.toString(t.units)
        );
        string memory tail = string.concat(
            "\"},{\"display_type\":\"date\",\"trait_type\":\"start\",\"value\":",
            Strings.toString(t.start),
            "},{\"display_type\":\"date\",\"trait_type\":\"end\",\"value\":",
            Strings.toString(t.end),
            "},{\"trait_type\":\"issuer\",\"value\":\"",
            Strings.toHexString(t.issuer),
            "\"},{\"trait_type\":\"frozen\",\"value\":\"",
            t.frozen ? "true" : "false",
            "\"}]}"
        );
        // solhint-enable gas-small-strings
        return string.concat("data:application/json;base64,", Base64.encode(bytes(string.concat(head, tail))));
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Tokens of a frozen product cannot be transferred (mint and burn stay possible). A
    /// transfer or a burn closes the open holding; a transfer bumps the token nonce.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0)) {
            Slice memory slice = _slices[tokenId];
            if (to == address(0)) {
                slice.burned = true;
            } else {
                if (_products[slice.productId].frozen) revert ProductIsFrozen(slice.productId);
                ++slice.nonce;
            }
            _closeHolding(tokenId, slice, from);
            _slices[tokenId] = slice;
        }
        return super._update(to, tokenId, auth);
    }

    /// @dev Records the open holding of `holder` as closed (unless it is zero-length) and opens the
    /// next one now; the caller writes `slice` back.
    function _closeHolding(uint256 tokenId, Slice memory slice, address holder) private {
        uint32 now32 = uint32(block.timestamp);
        if (slice.since < now32) {
            _closedHoldings[tokenId][slice.closedCount] =
                ClosedHolding({holder: holder, start: slice.since, units: slice.units});
            ++slice.closedCount;
        }
        slice.since = now32;
    }

    function _onlyVault() private view returns (address vault) {
        vault = _fulfillmentVault;
        if (msg.sender != vault || vault == address(0)) revert NotTheVault(msg.sender);
    }

    function _checkAttestation(ProductAttestation calldata a) private view {
        if (msg.sender != a.issuer) revert NotTheIssuer(msg.sender, a.issuer);
        if (block.timestamp > a.deadline) revert AttestationExpired(a.deadline);
        if (_usedNonces[a.nonce]) revert NonceAlreadyUsed(a.nonce);
        if (a.start >= a.end || a.end <= block.timestamp || a.end - a.start > MAX_TERM) {
            revert InvalidTerm(a.start, a.end);
        }
        if (a.capacity == 0) revert ZeroCapacity();
        if (a.capacity > type(uint64).max) revert CapacityTooLarge(a.capacity);
        if (a.hardwareRoot == bytes32(0) || a.hardwareCount == 0) revert InvalidHardwareCommitment();
        if (!assetClassRegistry.isActive(a.assetClass)) revert AssetClassNotActive(a.assetClass);
        address expected = assetClassRegistry.assetClass(a.assetClass).payoutToken;
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
        p.capacity = a.capacity;
        p.hardwareRoot = a.hardwareRoot;
        p.metadataHash = a.metadataHash;
        p.collateral = a.collateral;
    }

    function _pullCollateral(IERC20 token, uint256 amount) private {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 afterBalance = token.balanceOf(address(this));
        uint256 received = afterBalance > before ? afterBalance - before : 0;
        if (received != amount) revert CollateralNotReceived(amount, received);
    }

    /// @dev `units` fits 64 bits (capacity is checked at mint) and `since` 32 bits (until 2106).
    function _addSlice(uint256 productId, uint256 tokenId, uint256 units, address to, uint256 since) private {
        uint256[] storage live = _liveTokens[productId];
        _slices[tokenId] = Slice({
            productId: uint48(productId),
            index: uint32(live.length),
            nonce: 0,
            closedCount: 0,
            since: uint32(since),
            burned: false,
            units: uint64(units)
        });
        live.push(tokenId);
        _mint(to, tokenId);
    }

    /// @dev O(1): swap with the last live slice and pop.
    function _removeSlice(uint256 tokenId) private {
        Slice memory slice = _slices[tokenId];
        uint256[] storage live = _liveTokens[slice.productId];
        uint256 lastId = live[live.length - 1];
        if (lastId != tokenId) {
            live[slice.index] = lastId;
            _slices[lastId].index = slice.index;
        }
        live.pop();
        _burn(tokenId); // keeps the slice (marked burnt) so its holdings stay readable
    }

    function _checkChallenge(
        bytes32 hardwareId,
        uint256 productA,
        bytes32[] calldata proofA,
        uint256 productB,
        bytes32[] calldata proofB
    ) private view {
        if (productA == productB) revert SameProduct();
        ProductStorage storage pa = _existingProduct(productA);
        ProductStorage storage pb = _existingProduct(productB);
        bytes32 leaf = _hardwareLeaf(hardwareId);
        if (!MerkleProof.verifyCalldata(proofA, pa.hardwareRoot, leaf)) {
            revert HardwareNotInProduct(hardwareId, productA);
        }
        if (!MerkleProof.verifyCalldata(proofB, pb.hardwareRoot, leaf)) {
            revert HardwareNotInProduct(hardwareId, productB);
        }
        if (pa.frozen) revert ProductIsFrozen(productA);
        if (pb.frozen) revert ProductIsFrozen(productB);
        if (pa.end <= block.timestamp) revert ProductNotLive(productA);
        if (pb.end <= block.timestamp) revert ProductNotLive(productB);
        if (pa.start >= pb.end || pb.start >= pa.end) revert TermsDoNotOverlap(productA, productB);
    }

    /// @dev Freezes a product and takes the challenge bounty out of its collateral.
    function _freeze(uint256 productId) private returns (uint256 bounty, address collateralToken) {
        ProductStorage storage p = _products[productId];
        p.frozen = true;
        uint256 collateral = p.collateral;
        bounty = (collateral * CHALLENGE_BOUNTY_BPS) / _BPS;
        p.collateral = collateral - bounty;
        collateralToken = p.collateralToken;
        emit ProductFrozen(productId);
    }

    /// @dev Slashes every attestor who signed both products (at most 32 x 32 comparisons).
    function _slashCommonSigners(uint256 productA, uint256 productB) private {
        address[] storage a = _productSigners[productA];
        address[] storage b = _productSigners[productB];
        uint256 na = a.length;
        uint256 nb = b.length;
        for (uint256 i = 0; i < na; ++i) {
            address signer = a[i];
            for (uint256 j = 0; j < nb; ++j) {
                if (b[j] == signer) {
                    attestorRegistry.slash(signer, msg.sender);
                    break;
                }
            }
        }
    }

    function _existingProduct(uint256 productId) private view returns (ProductStorage storage) {
        if (productId == 0 || productId > _productCount) revert UnknownProduct(productId);
        return _products[productId];
    }

    function _hardwareLeaf(bytes32 hardwareId) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(hardwareId))));
    }
}
