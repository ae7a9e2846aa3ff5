// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {LengthMismatch, ZeroAddress} from "../common/Errors.sol";
import {IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {ICreditRecorder} from "../interfaces/ICreditRecorder.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHoldingHistory} from "../interfaces/IHoldingHistory.sol";

/**
 * @title HardwareRegistry
 * @notice Ownership confirmation and hardware uniqueness for hash power products: which tokens (and
 * so which holders) a physical machine or storage resource backs today, and the optimistic check
 * that no machine backs two products at once.
 * @dev A product commits to its hardware with a Merkle root (leaf =
 * `keccak256(bytes.concat(keccak256(abi.encode(hardwareId))))`, OpenZeppelin `MerkleProof`
 * sorted-pair trees).
 *
 * Challenges: anyone who proves the same hardware id in two products with overlapping terms, the
 * later one (higher id) still live, gets the later product *frozen* and its issuer's collateral
 * forfeited: {CHALLENGE_BOUNTY_BPS} of it to the challenger, the rest to those who held the frozen
 * product's tokens when it was frozen, who redeem their share ({redeemFrozen}; the issuer's own units
 * are not paid); and every attestor who signed both
 * products has its whole bond slashed and burnt. The earlier product may itself be frozen, defaulted
 * or ended: a frozen product stays evidence, so the rest of its machines cannot back a new product
 * unchallenged. A challenge against an already frozen later product still slashes the attestors
 * who signed both (and reverts with {NothingToChallenge} when there is nothing left to do).
 *
 * Why fraud always costs the issuer: the challenger may be the fraudulent issuer itself, racing
 * honest challengers. All it can win back is the bounty, 10% of its own forfeited collateral;
 * nothing of the slashed bonds goes to challengers (they are burnt), and the rest of the collateral
 * goes to the holders of the moment of the freeze, never back to the issuer (its own unsold units'
 * share stays locked). What no contract can tell apart is an issuer's sybil holders: units it "sold"
 * to addresses it controls before the freeze are redeemed like anyone's.
 *
 * Ownership proofs: live slices are not enumerated on chain, so {proveOwnership} takes the
 * product's token ids (the SDK gathers them from the token's events), checks each is a live slice
 * of the product and reports whether their units sum to the capacity, which proves the list is
 * complete (the live slices of a product always sum to its capacity).
 *
 * Credit: with a {credit} registry set, every challenge reports the frozen product's issuer
 * ({ICreditRecorder-recordFrozen}) and every slashed attestor ({ICreditRecorder-recordSlash}) through
 * the role `FRAUD_REPORTER`. A report gets at most {CREDIT_GAS} and can never block a challenge (a
 * failing one emits {CreditReportFailed}); a challenge sent with too little gas for it reverts with
 * {CreditGasTooLow}, so a fraudulent issuer racing to challenge itself cannot drop the record.
 */
contract HardwareRegistry is ReentrancyGuardTransient {
    /// @notice Answer of {proveOwnership}.
    // solhint-disable-next-line gas-struct-packing
    struct Ownership {
        uint256 productId;
        address issuer;
        bool frozen;
        bool complete;
        uint256[] tokenIds;
        address[] holders;
        uint256[] units;
    }

    /// @dev A frozen product's redemption pool (2 slots): what was forfeited for holders, the
    /// product's capacity, when it was frozen, and its issuer (whose own units are not paid).
    struct FrozenPool {
        uint128 forfeited;
        uint64 capacity;
        uint64 frozenAt;
        address issuer;
    }

    /// @notice Share of a frozen product's collateral paid to the challenger, in basis points (10%).
    uint256 public constant CHALLENGE_BOUNTY_BPS = 1_000;

    /// @notice Most token ids one {proveOwnership} call takes.
    uint256 public constant MAX_ITEMS = 500;

    /// @notice Most tokens one {redeemFrozen} call takes (about 65,000 gas each: 200 fit well inside
    /// one transaction's gas cap).
    uint256 public constant MAX_REDEEM_ITEMS = 200;

    /// @notice The hash power token.
    IHashPowerToken public immutable token;
    /// @notice Where the collateral is held (this contract needs role `COLLATERAL_FORFEITER`).
    ICollateralVault public immutable collateralVault;
    /// @notice The committee (this contract needs role `BOND_SLASHER`).
    IAttestorRegistry public immutable attestorRegistry;
    /// @notice The credit registry told of frozen products and slashes (address(0): none).
    ICreditRecorder public immutable credit;

    /// @notice Gas given to each credit report.
    uint256 public constant CREDIT_GAS = 200_000;

    mapping(uint256 productId => FrozenPool) private _pools;
    mapping(uint256 tokenId => bool) private _redeemed;

    /// @notice A challenge named the same product twice.
    error SameProduct();
    /// @notice The Merkle proof does not show `hardwareId` in the product's hardware root.
    error HardwareNotInProduct(bytes32 hardwareId, uint256 productId);
    /// @notice The product to freeze has ended.
    error ProductNotLive(uint256 productId);
    /// @notice The two products' terms do not overlap.
    error TermsDoNotOverlap(uint256 productA, uint256 productB);
    /// @notice The later product is already frozen and no attestor of both has a bond left.
    error NothingToChallenge(uint256 productId);
    /// @notice The token's product is not frozen.
    error NotFrozen(uint256 tokenId);
    /// @notice The token's share of its frozen product's collateral was already paid.
    error AlreadyRedeemed(uint256 tokenId);
    /// @notice The token is not a live slice of the product.
    error TokenNotInProduct(uint256 tokenId, uint256 productId);
    /// @notice The holding named does not cover the moment the token's product was frozen.
    error NotHolderAtFreeze(uint256 tokenId, uint256 holdingIndex);
    /// @notice Token ids must be strictly ascending (this also rejects duplicates).
    error TokenIdsNotAscending(uint256 previous, uint256 tokenId);
    /// @notice More than {MAX_ITEMS} token ids.
    error TooManyTokens(uint256 count, uint256 max);
    /// @notice Too little gas left to give a credit report {CREDIT_GAS}.
    error CreditGasTooLow();

    /// @notice `hardwareId` was proven in two products. `frozenProductId` is the later one (frozen
    /// now, or already before); `bounty` was paid to `challenger` and `slashed` attestors lost their bonds.
    event DuplicateHardwareChallenged(
        bytes32 indexed hardwareId,
        uint256 indexed frozenProductId,
        uint256 otherProductId,
        address indexed challenger,
        uint256 bounty,
        uint256 slashed
    );
    /// @notice `holder`, who held `tokenId` when its product was frozen, was paid `amount`, the token's
    /// share of the product's forfeited collateral (0 when `holder` is the product's issuer).
    event FrozenRedeemed(uint256 indexed tokenId, uint256 indexed productId, address indexed holder, uint256 amount);
    /// @notice The credit registry refused (or ran out of gas for) a report about `account`.
    event CreditReportFailed(address indexed account);

    /**
     * @param token_ The hash power token (this contract needs its role `PRODUCT_FREEZER`).
     * @param collateral The collateral vault.
     * @param attestors The attestor registry.
     * @param credit_ The credit registry (this contract needs its role `FRAUD_REPORTER`), or address(0).
     */
    constructor(
        IHashPowerToken token_,
        ICollateralVault collateral,
        IAttestorRegistry attestors,
        ICreditRecorder credit_
    ) {
        if (address(token_) == address(0) || address(collateral) == address(0) || address(attestors) == address(0)) {
            revert ZeroAddress();
        }
        token = token_;
        collateralVault = collateral;
        attestorRegistry = attestors;
        credit = credit_;
    }

    /**
     * @notice Proves that `hardwareId` backs two products with overlapping terms; see the contract
     * docs for what follows.
     * @dev Reverts with {SameProduct}, `UnknownProduct` (token), {HardwareNotInProduct} (A, then
     * B), {TermsDoNotOverlap}, {ProductNotLive} (the later product has ended) or
     * {NothingToChallenge}. Emits {DuplicateHardwareChallenged}.
     * @param hardwareId Hardware identifier.
     * @param productA One product.
     * @param proofA Merkle proof of `hardwareId` in `productA`'s hardware root.
     * @param productB The other product.
     * @param proofB Merkle proof of `hardwareId` in `productB`'s hardware root.
     * @return frozenProductId The later product (the higher of the two ids).
     * @return bounty Collateral paid to the caller (0 if the product was already frozen).
     * @return slashed Total bond slashed and burnt.
     */
    function challengeDuplicateHardware(
        bytes32 hardwareId,
        uint256 productA,
        bytes32[] calldata proofA,
        uint256 productB,
        bytes32[] calldata proofB
    ) external nonReentrant returns (uint256 frozenProductId, uint256 bounty, uint256 slashed) {
        uint256 otherProductId;
        bool alreadyFrozen;
        uint64 capacity;
        address issuer;
        (frozenProductId, otherProductId, alreadyFrozen, capacity, issuer) =
            _checkChallenge(hardwareId, productA, proofA, productB, proofB);

        // interactions with protocol contracts only (token, collateral vault, registries)
        if (!alreadyFrozen) {
            token.freeze(frozenProductId);
            uint256 forfeited;
            (bounty, forfeited) = collateralVault.forfeit(frozenProductId, msg.sender, CHALLENGE_BOUNTY_BPS);
            _pools[frozenProductId] = FrozenPool({
                forfeited: uint128(forfeited),
                capacity: capacity,
                frozenAt: uint64(block.timestamp),
                issuer: issuer
            });
            _report(issuer, abi.encodeCall(ICreditRecorder.recordFrozen, (issuer, frozenProductId)));
        }
        slashed = _slashCommonSigners(frozenProductId, otherProductId);
        if (alreadyFrozen && slashed == 0) revert NothingToChallenge(frozenProductId);
        emit DuplicateHardwareChallenged(hardwareId, frozenProductId, otherProductId, msg.sender, bounty, slashed);
    }

    /**
     * @notice Pays each frozen token's share of its product's forfeited collateral,
     * `units * forfeited / capacity` (rounded down), to whoever held the token when the product was
     * frozen, once per token. The issuer's own holdings at the freeze get nothing: their share stays
     * locked in the collateral vault (an issuer is not a victim of its own fraud). Anyone may call.
     * @dev The holder at the freeze, not the current owner: frozen tokens can still be transferred
     * (escrows must be able to return them), and a claim that followed the token would let the
     * issuer move its unsold slices to fresh addresses after the freeze and redeem them. The caller
     * names each token's holding that covers the freeze (`start <= frozenAt < end`; the SDK finds
     * it), so the check is O(1) however often the token moved since. Reverts with `LengthMismatch`,
     * {TooManyTokens} (above {MAX_REDEEM_ITEMS}), `ERC721NonexistentToken`, {NotFrozen},
     * {AlreadyRedeemed}, the token's `UnknownHolding` or {NotHolderAtFreeze}. Frozen products' tokens
     * can no longer split, merge or be carved, so the shares of the slices live at the freeze sum to
     * at most what was forfeited. Emits {FrozenRedeemed} per token.
     * @param tokenIds Tokens of frozen products.
     * @param holdingIndexes For each token, the index of its holding that covers the freeze.
     * @return total Sum paid.
     */
    function redeemFrozen(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        nonReentrant
        returns (uint256 total)
    {
        uint256 n = tokenIds.length;
        if (n != holdingIndexes.length) revert LengthMismatch(n, holdingIndexes.length);
        if (n > MAX_REDEEM_ITEMS) revert TooManyTokens(n, MAX_REDEEM_ITEMS);
        for (uint256 i = 0; i < n; ++i) {
            total += _redeem(tokenIds[i], holdingIndexes[i]);
        }
    }

    /**
     * @notice Who holds the hardware `hardwareId` of `productId` today: verifies the Merkle proof and
     * returns the given slices with their holders and units, and whether they are all of them.
     * @dev Reverts with `UnknownProduct`, {HardwareNotInProduct}, {TooManyTokens},
     * {TokenIdsNotAscending}, `ERC721NonexistentToken` (a burnt id) or {TokenNotInProduct}.
     * @param hardwareId Hardware identifier.
     * @param productId Product.
     * @param proof Merkle proof of `hardwareId` in the product's hardware root.
     * @param tokenIds The product's live slices, ascending (from the token's events).
     * @return o The product, issuer, frozen flag, the slices with holders and units, and `complete`
     * (their units sum to the capacity: no slice is missing).
     */
    function proveOwnership(
        bytes32 hardwareId,
        uint256 productId,
        bytes32[] calldata proof,
        uint256[] calldata tokenIds
    )
        external
        view
        returns (Ownership memory o)
    {
        IHashPowerToken.Product memory p = token.product(productId);
        if (!MerkleProof.verifyCalldata(proof, p.hardwareRoot, hardwareLeaf(hardwareId))) {
            revert HardwareNotInProduct(hardwareId, productId);
        }
        uint256 n = tokenIds.length;
        if (n > MAX_ITEMS) revert TooManyTokens(n, MAX_ITEMS);
        o.productId = productId;
        o.issuer = p.issuer;
        o.frozen = p.frozen;
        o.tokenIds = tokenIds;
        o.holders = new address[](n);
        o.units = new uint256[](n);
        uint256 sum = 0;
        uint256 previous = 0;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = tokenIds[i];
            if (id <= previous) revert TokenIdsNotAscending(previous, id);
            previous = id;
            IHashPowerToken.TokenData memory t = token.tokenData(id);
            if (t.productId != productId) revert TokenNotInProduct(id, productId);
            o.holders[i] = token.ownerOf(id);
            o.units[i] = t.units;
            sum += t.units;
        }
        o.complete = sum == p.capacity;
    }

    /// @notice Whether a token's share of its frozen product's collateral was paid.
    /// @param tokenId Token id.
    /// @return True if redeemed.
    function isRedeemed(uint256 tokenId) external view returns (bool) {
        return _redeemed[tokenId];
    }

    /// @notice A frozen product's redemption pool (zeros if the product was never frozen here).
    /// @param productId Product id.
    /// @return forfeited Collateral set aside for holders when it was frozen.
    /// @return capacity The product's capacity (shares are `units * forfeited / capacity`).
    /// @return frozenAt When it was frozen (redemptions pay the holders of that moment).
    /// @return issuer Its issuer (whose own holdings at the freeze are not paid).
    function frozenPool(uint256 productId)
        external
        view
        returns (uint256 forfeited, uint256 capacity, uint64 frozenAt, address issuer)
    {
        FrozenPool memory pool = _pools[productId];
        return (pool.forfeited, pool.capacity, pool.frozenAt, pool.issuer);
    }

    /// @notice The Merkle leaf of a hardware id: `keccak256(bytes.concat(keccak256(abi.encode(id))))`.
    /// @param hardwareId Hardware identifier.
    /// @return The leaf.
    function hardwareLeaf(bytes32 hardwareId) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(hardwareId))));
    }

    /// @dev Validates a challenge; returns the later product (to freeze), the other one, whether the
    /// later one is already frozen, and its capacity.
    function _checkChallenge(
        bytes32 hardwareId,
        uint256 productA,
        bytes32[] calldata proofA,
        uint256 productB,
        bytes32[] calldata proofB
    ) private view returns (uint256 laterId, uint256 otherId, bool alreadyFrozen, uint64 capacity, address issuer) {
        if (productA == productB) revert SameProduct();
        IHashPowerToken.Product memory pa = token.product(productA);
        IHashPowerToken.Product memory pb = token.product(productB);
        bytes32 leaf = hardwareLeaf(hardwareId);
        if (!MerkleProof.verifyCalldata(proofA, pa.hardwareRoot, leaf)) {
            revert HardwareNotInProduct(hardwareId, productA);
        }
        if (!MerkleProof.verifyCalldata(proofB, pb.hardwareRoot, leaf)) {
            revert HardwareNotInProduct(hardwareId, productB);
        }
        if (pa.start >= pb.end || pb.start >= pa.end) revert TermsDoNotOverlap(productA, productB);
        IHashPowerToken.Product memory later;
        (laterId, otherId, later) = productA > productB ? (productA, productB, pa) : (productB, productA, pb);
        if (later.end <= block.timestamp) revert ProductNotLive(laterId);
        return (laterId, otherId, later.frozen, uint64(later.capacity), later.issuer);
    }

    /// @dev Redeems one token (see {redeemFrozen}); returns what was paid.
    function _redeem(uint256 tokenId, uint256 holdingIndex) private returns (uint256 amount) {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        FrozenPool memory pool = _pools[t.productId];
        // a product frozen here always has a pool (capacity > 0)
        if (!t.frozen || pool.capacity == 0) revert NotFrozen(tokenId);
        if (_redeemed[tokenId]) revert AlreadyRedeemed(tokenId);
        IHoldingHistory.Holding memory h = token.holding(tokenId, holdingIndex);
        if (h.start > pool.frozenAt || h.end <= pool.frozenAt) revert NotHolderAtFreeze(tokenId, holdingIndex);
        _redeemed[tokenId] = true;
        if (h.holder != pool.issuer) amount = (t.units * pool.forfeited) / pool.capacity;
        emit FrozenRedeemed(tokenId, t.productId, h.holder, amount);
        if (amount != 0) collateralVault.payForfeited(t.productId, h.holder, amount);
    }

    /// @dev Sends a report to the credit registry (if any) with {CREDIT_GAS}; a failure is an event.
    function _report(address account, bytes memory data) private {
        address target = address(credit);
        if (target == address(0)) return;
        if (gasleft() < CREDIT_GAS + CREDIT_GAS / 63 + 10_000) revert CreditGasTooLow();
        bool ok;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(CREDIT_GAS, target, 0, add(data, 0x20), mload(data), 0, 0)
        }
        if (!ok) emit CreditReportFailed(account);
    }

    /// @dev Slashes every attestor who signed both products (at most 32 x 32 comparisons).
    function _slashCommonSigners(uint256 productA, uint256 productB) private returns (uint256 total) {
        address[] memory a = token.productSigners(productA);
        address[] memory b = token.productSigners(productB);
        uint256 na = a.length;
        uint256 nb = b.length;
        for (uint256 i = 0; i < na; ++i) {
            address signer = a[i];
            for (uint256 j = 0; j < nb; ++j) {
                if (b[j] == signer) {
                    uint256 slashed = attestorRegistry.slash(signer);
                    total += slashed;
                    if (slashed != 0) _report(signer, abi.encodeCall(ICreditRecorder.recordSlash, (signer, slashed)));
                    break;
                }
            }
        }
    }
}
