// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AttestationExpired, BasisPoints, TooManyItems, ZeroAddress, ZeroAmount, ZeroUnits} from
    "../common/Errors.sol";
import {IAssetClassRegistry} from "../interfaces/IAssetClassRegistry.sol";
import {IFrozenRedemption} from "../interfaces/IFrozenRedemption.sol";
import {IFulfillmentClaims} from "../interfaces/IFulfillmentClaims.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IHashPowerUnitPricing} from "../oracle/IHashPowerUnitPricing.sol";

/// @notice The hash power token's merge (not in `IHashPowerToken`): merges slices of one product
/// the caller owns into a new token.
interface IHashPowerTokenMerge {
    /// @notice Merges `tokenIds` (same product, owned by the caller) into a new token.
    /// @param tokenIds Tokens.
    /// @return newTokenId The merged token.
    function merge(uint256[] calldata tokenIds) external returns (uint256 newTokenId);
}

/**
 * @title HashPowerSwapPool
 * @notice An oracle-valued pool of hash power tokens of several asset classes. A trader gives units
 * of a token of class A and receives, in the same transaction, units of a token of class B the pool
 * holds, of equal value (the protocol's one valuation) less a fee; the pool carves the exact units
 * off what it holds, so parity needs no cash remainder. Liquidity providers deposit tokens, valued
 * at the oracle, for ERC-20 pool shares, and withdraw pro rata (in kind, no price needed) or choose
 * tokens at their value.
 *
 * Value: the pool's value (NAV) is the sum, over the products it holds units of, of the valuation of
 * its units of each product (one valuation per product, so carving never changes the NAV). Shares
 * are priced like OpenZeppelin's ERC-4626 with a decimals offset of {DECIMALS_OFFSET}:
 * `shares = value * (supply + 10**offset) / (NAV + 1)`, rounded down on deposits and up on
 * withdrawals, which makes the first-depositor / donation inflation attack unprofitable (and tokens
 * sent to the pool outside a deposit are not counted at all).
 *
 * Rounding never favours the trader: the fee is rounded up and the units out are the most whose
 * exact value is at most `value in - fee` (rounded down).
 *
 * Revenue: the pool is the holder of its tokens, so the fulfillment vault pays it their revenue
 * ({harvest}, or anyone calling the vault's `claim` for the pool's holdings). Revenue is not part
 * of the NAV: for each payout token the pool keeps a revenue-per-share accumulator, and each
 * shareholder claims its share ({claimRevenue}; pull payments; share transfers settle both sides
 * first). Revenue that arrives is **unlocked linearly over {REVENUE_UNLOCK}** (new arrivals restart
 * the window for what is still locked), so it is shared by who holds shares while it unlocks: a
 * deposit just before a harvest, withdrawn after it, earns almost nothing of it.
 *
 * Refused on the way in: tokens of classes not listed, of frozen or defaulted products, with less
 * than the class's `minRemaining` seconds of term left, or that would lift the class's units above
 * its `maxUnits` exposure cap. Class settings change through {scheduleClass} + {applyClass} after
 * {CONFIG_DELAY}. A held token whose product becomes frozen, defaulted or ended is worth 0 in the
 * NAV, is never paid out, and can be dropped from the pool's books by anyone ({evict}). A frozen
 * product's forfeited collateral is paid to the holders of its tokens at the moment of the freeze:
 * the pool's share, for the tokens it held then, is redeemed by {redeemFrozen} (anyone may call),
 * which also drops the tokens from the books and credits the redemption to shareholders at once.
 * Until then deposits and {withdrawUnits} refuse ({RedemptionPending}): shares are never priced
 * while a frozen product's redemption is outside the books, so the redemption goes exactly to the
 * shares outstanding at the freeze (less any withdrawn pro rata since). Frozen tokens are refused on
 * the way in, so the pool never expects a share for a token it did not hold at the freeze.
 */
contract HashPowerSwapPool is ERC20, AccessManaged, ReentrancyGuardTransient, IERC721Receiver {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice A swap request.
    /// @param tokenIn The trader's token (class A) to give units of.
    /// @param unitsIn Units to give (all of them: the whole token moves; fewer: the pool carves them).
    /// @param tokenOut The pool's token (class B) to receive units of.
    /// @param minUnitsOut Slippage bound: the swap reverts if it would pay fewer units.
    /// @param recipient Receiver of the units out.
    /// @param deadline Last second the swap may execute.
    // solhint-disable-next-line gas-struct-packing
    struct SwapParams {
        uint256 tokenIn;
        uint256 unitsIn;
        uint256 tokenOut;
        uint256 minUnitsOut;
        address recipient;
        uint64 deadline;
    }

    /// @notice A quote: exactly what {swap} executes at the same block.
    /// @param valueIn Value of the units in (numeraire, 18 decimals).
    /// @param fee Fee kept by the pool (numeraire, rounded up).
    /// @param unitsOut Units of `tokenOut` paid.
    /// @param productOut Product of `tokenOut`.
    struct Quote {
        uint256 valueIn;
        uint256 fee;
        uint256 unitsOut;
        uint256 productOut;
    }

    /// @notice Settings of a listed asset class.
    /// @param maxUnits Exposure cap: most units of the class the pool may hold after an inflow.
    /// @param minRemaining Tokens with less term left (seconds) are refused on the way in.
    /// @param listed Whether the class is listed.
    struct ClassConfig {
        uint64 maxUnits;
        uint32 minRemaining;
        bool listed;
    }

    /// @dev A held token (one slot): product, units, position in `_held` (1-based).
    struct Held {
        uint48 productId;
        uint64 units;
        uint32 index;
    }

    /// @dev Units held of one product (one slot): position in `_products` (1-based).
    struct Position {
        uint64 units;
        uint32 index;
        bytes32 assetClass;
    }

    /// @dev A scheduled class setting.
    struct PendingClass {
        uint64 maxUnits;
        uint32 minRemaining;
        uint64 eta;
    }

    /// @dev Revenue of one payout token still unlocking (one slot): released linearly from `last`
    /// until `end`.
    struct Stream {
        uint128 locked;
        uint64 last;
        uint64 end;
    }

    /// @dev One token movement out of the pool.
    struct Out {
        uint256 tokenId;
        uint256 units;
        bool whole;
    }

    /// @notice Delay between {scheduleClass} and {applyClass}.
    uint64 public constant CONFIG_DELAY = 2 days;
    /// @notice Most tokens the pool holds at once (bounds every loop; {consolidate} merges them).
    uint256 public constant MAX_HELD = 32;
    /// @notice Most asset classes the pool lists.
    uint256 public constant MAX_CLASSES = 8;
    /// @notice Most payout tokens the pool tracks (its classes' tokens, past and present, and the reward token).
    uint256 public constant MAX_PAYOUT_TOKENS = 16;
    /// @notice Largest swap fee (1%).
    uint256 public constant MAX_FEE_BPS = 100;
    /// @notice Decimals offset of the shares (virtual shares = 10**offset, virtual value = 1).
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Scale of the revenue-per-share accumulators.
    uint256 public constant ACC_SCALE = 1e36;
    /// @notice Revenue that arrives is released to shareholders linearly over this window.
    uint64 public constant REVENUE_UNLOCK = 1 days;

    uint256 private constant VIRTUAL_SHARES = 10 ** DECIMALS_OFFSET;

    /// @notice The hash power token.
    IHashPowerToken public immutable token;
    /// @notice The valuation (also its unit pricing).
    IHashPowerValuation public immutable valuation;
    /// @notice The fulfillment vault the revenue is claimed from.
    IFulfillmentClaims public immutable vault;
    /// @notice The hardware registry frozen products' forfeited collateral is redeemed from.
    IFrozenRedemption public immutable hardwareRegistry;
    /// @notice The asset class registry (payout tokens).
    IAssetClassRegistry public immutable assetClasses;
    /// @notice The swap fee in basis points of the value in (1..{MAX_FEE_BPS}).
    uint256 public immutable feeBps;

    mapping(bytes32 assetClass => ClassConfig) private _classConfig;
    mapping(bytes32 assetClass => PendingClass) private _pending;
    mapping(bytes32 assetClass => uint256) private _classUnits;
    bytes32[] private _classes;
    address[] private _payoutTokens;

    mapping(uint256 tokenId => Held) private _heldOf;
    uint256[] private _held;
    mapping(uint256 productId => Position) private _positions;
    uint256[] private _products;

    mapping(address payout => uint256) private _accPerShare;
    mapping(address payout => uint256) private _accounted;
    mapping(address payout => Stream) private _streams;
    mapping(address account => mapping(address payout => uint256)) private _snapshot;
    mapping(address account => mapping(address payout => uint256)) private _owed;

    /// @notice The swap fee is 0 or above {MAX_FEE_BPS}.
    error InvalidFee(uint256 feeBps);
    /// @notice No class change is scheduled.
    error ClassNotScheduled(bytes32 assetClass);
    /// @notice The scheduled class change applies from `eta` on.
    error ClassNotReady(bytes32 assetClass, uint64 eta);
    /// @notice The class is not listed by the pool.
    error ClassNotListed(bytes32 assetClass);
    /// @notice The product is frozen or defaulted.
    error ProductNotAccepted(uint256 productId);
    /// @notice The token has less than the class's minimum term left.
    error TooCloseToExpiry(uint256 productId, uint256 remaining, uint256 minRemaining);
    /// @notice The inflow would lift the class above its exposure cap.
    error ClassCapExceeded(bytes32 assetClass, uint256 units, uint256 maxUnits);
    /// @notice The caller does not own the token it gives.
    error NotTokenOwner(uint256 tokenId, address caller);
    /// @notice More units than the token has.
    error UnitsExceedToken(uint256 tokenId, uint256 units, uint256 available);
    /// @notice The pool does not hold this token.
    error TokenNotHeld(uint256 tokenId);
    /// @notice The pool already holds {MAX_HELD} tokens.
    error PoolFull();
    /// @notice The units in are worth nothing.
    error ZeroValue();
    /// @notice The pool's token has fewer units than the swap would pay.
    error InsufficientLiquidity(uint256 tokenId, uint256 available, uint256 wanted);
    /// @notice The swap would pay fewer units than `minUnitsOut`.
    error SlippageExceeded(uint256 unitsOut, uint256 minUnitsOut);
    /// @notice The deposit would mint fewer shares than `minShares`.
    error SharesBelowMinimum(uint256 shares, uint256 minShares);
    /// @notice The withdrawal would burn more shares than `maxShares`.
    error SharesAboveMaximum(uint256 shares, uint256 maxShares);
    /// @notice The token is still live and usable: nothing to evict.
    error NotEvictable(uint256 tokenId);
    /// @notice Tokens to consolidate must be at least two held tokens of one product.
    error InvalidConsolidation();
    /// @notice An ERC-721 arrived that is not a hash power token.
    error UnsolicitedToken(address collection, uint256 tokenId);
    /// @notice A held product is frozen and the pool's share of its forfeited collateral is not in
    /// the books yet: call {redeemFrozen} for its tokens first.
    error RedemptionPending(uint256 productId);

    /// @notice Class settings were scheduled.
    event ClassScheduled(bytes32 indexed assetClass, uint64 maxUnits, uint32 minRemaining, uint64 eta);
    /// @notice Class settings took effect (`payoutToken`: the class's payout token, tracked for revenue).
    event ClassApplied(bytes32 indexed assetClass, uint64 maxUnits, uint32 minRemaining, address payoutToken);
    /// @notice A swap executed.
    event Swapped(
        address indexed trader,
        uint256 indexed tokenIn,
        uint256 indexed tokenOut,
        uint256 unitsIn,
        uint256 unitsOut,
        uint256 valueIn,
        uint256 fee,
        uint256 receivedTokenId,
        address recipient
    );
    /// @notice A liquidity provider deposited units of a token for shares.
    event Deposited(
        address indexed provider,
        address indexed receiver,
        uint256 indexed tokenId,
        uint256 units,
        uint256 value,
        uint256 shares
    );
    /// @notice Units of a pool token were paid out of a withdrawal.
    event Withdrawn(
        address indexed provider,
        address indexed receiver,
        uint256 indexed tokenId,
        uint256 units,
        uint256 receivedTokenId
    );
    /// @notice Shares were burnt in a withdrawal (`value` 0 for pro-rata withdrawals).
    event SharesBurnt(address indexed provider, uint256 shares, uint256 value);
    /// @notice The pool started holding `tokenId` (`units` of `productId`).
    event TokenHeld(uint256 indexed tokenId, uint256 indexed productId, uint256 units);
    /// @notice A frozen, defaulted or ended token was dropped from the pool's books.
    event TokenEvicted(uint256 indexed tokenId, uint256 indexed productId, uint256 units);
    /// @notice Held tokens of one product were merged into `newTokenId`.
    event Consolidated(uint256 indexed productId, uint256 indexed newTokenId, uint256[] tokenIds);
    /// @notice Revenue in `payout` was credited to shareholders (released from the unlocking window,
    /// or a frozen product's redemption, at once).
    event RevenueDistributed(address indexed payout, uint256 amount, uint256 accPerShare);
    /// @notice Revenue in `payout` arrived; it unlocks, with what was still locked, until `unlockEnd`.
    event RevenueLocked(address indexed payout, uint256 amount, uint64 unlockEnd);
    /// @notice A shareholder claimed its revenue.
    event RevenueClaimed(address indexed account, address indexed payout, uint256 amount);

    /**
     * @notice Deploys the pool (shares "HashMix Swap Pool Share", "hmPOOL", 24 decimals).
     * @dev Reverts with `ZeroAddress` or {InvalidFee}.
     * @param authority The protocol's AccessManager (admin schedules class settings).
     * @param token_ The hash power token.
     * @param valuation_ The valuation (must also implement {IHashPowerUnitPricing}).
     * @param vault_ The fulfillment vault.
     * @param registry The hardware registry (redemption of frozen products).
     * @param assetClasses_ The asset class registry.
     * @param feeBps_ Swap fee, basis points (1..{MAX_FEE_BPS}).
     * @param rewardToken A token the pool shares like revenue besides its classes' payout tokens (HMX,
     * paid in by the liquidity providers' emission program), or address(0).
     */
    constructor(
        address authority,
        IHashPowerToken token_,
        IHashPowerValuation valuation_,
        IFulfillmentClaims vault_,
        IFrozenRedemption registry,
        IAssetClassRegistry assetClasses_,
        uint256 feeBps_,
        address rewardToken
    ) ERC20("HashMix Swap Pool Share", "hmPOOL") AccessManaged(authority) {
        if (
            address(token_) == address(0) || address(valuation_) == address(0) || address(vault_) == address(0)
                || address(registry) == address(0) || address(assetClasses_) == address(0)
        ) revert ZeroAddress();
        if (feeBps_ == 0 || feeBps_ > MAX_FEE_BPS) revert InvalidFee(feeBps_);
        token = token_;
        valuation = valuation_;
        vault = vault_;
        hardwareRegistry = registry;
        assetClasses = assetClasses_;
        feeBps = feeBps_;
        // tracked from the start, like a payout token (its balance before is not revenue)
        if (rewardToken != address(0)) {
            _payoutTokens.push(rewardToken);
            _accounted[rewardToken] = IERC20(rewardToken).balanceOf(address(this));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Class settings
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Schedules the settings of an asset class (listing it when first applied); they can be
     * applied after {CONFIG_DELAY}. Scheduling again replaces the pending change.
     * @dev Admin. Reverts with `UnknownAssetClass` (registry) for an unregistered class. Emits
     * {ClassScheduled}.
     * @param assetClass Asset class id.
     * @param maxUnits Exposure cap in units (0 stops inflows of the class).
     * @param minRemaining Minimum term left of incoming tokens, in seconds.
     */
    function scheduleClass(bytes32 assetClass, uint64 maxUnits, uint32 minRemaining) external restricted {
        _payoutOf(assetClass);
        uint64 eta = uint64(block.timestamp) + CONFIG_DELAY;
        _pending[assetClass] = PendingClass({maxUnits: maxUnits, minRemaining: minRemaining, eta: eta});
        emit ClassScheduled(assetClass, maxUnits, minRemaining, eta);
    }

    /**
     * @notice Applies a scheduled class setting once its delay has passed, and tracks the class's
     * current payout token (so after the asset class registry changes it, scheduling the class again
     * makes the pool share revenue in the new token too). Anyone may call.
     * @dev Reverts with {ClassNotScheduled}, {ClassNotReady}, `TooManyItems` (more than
     * {MAX_CLASSES} classes or {MAX_PAYOUT_TOKENS} payout tokens). Emits {ClassApplied}.
     * @param assetClass Asset class id.
     */
    function applyClass(bytes32 assetClass) external {
        PendingClass memory p = _pending[assetClass];
        if (p.eta == 0) revert ClassNotScheduled(assetClass);
        if (block.timestamp < p.eta) revert ClassNotReady(assetClass, p.eta);
        delete _pending[assetClass];
        address payout = _payoutOf(assetClass);
        ClassConfig storage c = _classConfig[assetClass];
        if (!c.listed) {
            if (_classes.length == MAX_CLASSES) revert TooManyItems(MAX_CLASSES + 1, MAX_CLASSES);
            c.listed = true;
            _classes.push(assetClass);
        }
        // the class's payout token as of now, so re-applying a class after its payout token changed tracks
        // the new one; whatever the pool already holds of it is shared as revenue when next synced
        if (!_isPayoutToken(payout)) {
            if (_payoutTokens.length == MAX_PAYOUT_TOKENS) {
                revert TooManyItems(MAX_PAYOUT_TOKENS + 1, MAX_PAYOUT_TOKENS);
            }
            _payoutTokens.push(payout);
        }
        c.maxUnits = p.maxUnits;
        c.minRemaining = p.minRemaining;
        emit ClassApplied(assetClass, p.maxUnits, p.minRemaining, payout);
    }

    // ---------------------------------------------------------------------------------------
    // Swaps
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Swaps `unitsIn` of the caller's `tokenIn` for units of the pool's `tokenOut` of equal
     * value less the fee. The caller must own `tokenIn` and have approved the pool for it.
     * @dev Reverts with `AttestationExpired(deadline)` past the deadline, {TokenNotHeld},
     * {NotTokenOwner}, `ZeroUnits`, {UnitsExceedToken}, {ClassNotListed}, {ProductNotAccepted},
     * {TooCloseToExpiry}, {ClassCapExceeded}, {PoolFull}, `PriceUnusable`, {ZeroValue},
     * {InsufficientLiquidity}, {SlippageExceeded}. Emits {Swapped}.
     * @param p The swap.
     * @return unitsOut Units paid.
     * @return receivedTokenId The token the recipient received (`tokenOut` itself when all its units
     * were paid, else a new carved token).
     */
    function swap(SwapParams calldata p) external nonReentrant returns (uint256 unitsOut, uint256 receivedTokenId) {
        if (block.timestamp > p.deadline) revert AttestationExpired(p.deadline);
        if (p.recipient == address(0)) revert ZeroAddress();
        Held memory out = _heldOf[p.tokenOut];
        if (out.index == 0) revert TokenNotHeld(p.tokenOut);
        (uint256 productIn, bytes32 classIn, uint256 available) = _checkIncoming(p.tokenIn, p.unitsIn, msg.sender);
        Quote memory q = _quote(productIn, p.unitsIn, p.tokenOut, out);
        unitsOut = q.unitsOut;
        if (unitsOut < p.minUnitsOut) revert SlippageExceeded(unitsOut, p.minUnitsOut);

        // effects
        _addUnits(productIn, classIn, p.unitsIn);
        bool whole = unitsOut == out.units;
        _removeUnits(p.tokenOut, out, unitsOut);

        // interactions: take the units in, then pay the units out (the recipient's hook comes last)
        _takeIn(msg.sender, p.tokenIn, p.unitsIn, available, productIn);
        receivedTokenId = _payOut(p.tokenOut, unitsOut, whole, p.recipient);
        _emitSwapped(p, q, receivedTokenId);
    }

    function _emitSwapped(SwapParams calldata p, Quote memory q, uint256 receivedTokenId) private {
        emit Swapped(
            msg.sender, p.tokenIn, p.tokenOut, p.unitsIn, q.unitsOut, q.valueIn, q.fee, receivedTokenId, p.recipient
        );
    }

    /**
     * @notice What {swap} would pay now for `unitsIn` of `tokenIn` against `tokenOut` (ownership
     * and deadline aside): the executed amounts at the same block.
     * @dev Reverts like {swap}.
     * @param tokenIn The token given.
     * @param unitsIn Units given.
     * @param tokenOut The pool's token.
     * @return q The quote.
     */
    function quote(uint256 tokenIn, uint256 unitsIn, uint256 tokenOut) external view returns (Quote memory q) {
        Held memory out = _heldOf[tokenOut];
        if (out.index == 0) revert TokenNotHeld(tokenOut);
        (uint256 productIn,,) = _checkIncoming(tokenIn, unitsIn, address(0));
        return _quote(productIn, unitsIn, tokenOut, out);
    }

    // ---------------------------------------------------------------------------------------
    // Liquidity
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Deposits `units` of the caller's token (all of them: the token moves; fewer: the pool
     * carves them; approve the pool first) for pool shares at the oracle value.
     * @dev Reverts with {NotTokenOwner}, `ZeroUnits`, {UnitsExceedToken}, the class checks of
     * {swap}, {PoolFull}, `PriceUnusable` (for any class the pool holds), {ZeroValue},
     * {SharesBelowMinimum}, `ZeroAddress`. Emits {Deposited}, {TokenHeld}.
     * @param tokenId The token.
     * @param units Units to deposit.
     * @param minShares Slippage bound.
     * @param receiver Receiver of the shares.
     * @return shares Shares minted.
     */
    function deposit(uint256 tokenId, uint256 units, uint256 minShares, address receiver)
        external
        nonReentrant
        returns (uint256 shares)
    {
        return _deposit(msg.sender, tokenId, units, minShares, receiver, false);
    }

    /**
     * @notice Withdraws pro rata: for `shares`, the fraction `shares / (supply + 10**offset)` of the
     * units of every usable token the pool holds (rounded down), carved or moved whole to `receiver`.
     * Needs no price, so it works while prices are unusable. Tokens of frozen or defaulted products
     * are skipped (a frozen product's forfeited collateral reaches shareholders through {redeemFrozen}).
     * @dev Reverts with `ZeroAmount`, `ZeroAddress`, ERC-20 `ERC20InsufficientBalance`. Emits
     * {SharesBurnt} and {Withdrawn} per token paid.
     * @param shares Shares to burn.
     * @param receiver Receiver of the tokens.
     * @return received The tokens `receiver` received.
     * @return units Their units.
     */
    function withdrawProRata(uint256 shares, address receiver)
        external
        nonReentrant
        returns (uint256[] memory received, uint256[] memory units)
    {
        if (shares == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        uint256 denominator = totalSupply() + VIRTUAL_SHARES;
        uint256 n = _held.length;
        Out[] memory outs = new Out[](n);
        uint256 m = 0;
        // iterate a snapshot of the held list: removals below reorder `_held`
        uint256[] memory ids = _held;
        for (uint256 i = 0; i < n; ++i) {
            uint256 tokenId = ids[i];
            Held memory h = _heldOf[tokenId];
            uint256 u = Math.mulDiv(h.units, shares, denominator);
            if (u == 0) continue;
            IHashPowerToken.TokenData memory t = _tokenData(tokenId);
            if (t.frozen || t.defaulted) continue;
            outs[m] = Out({tokenId: tokenId, units: u, whole: u == h.units});
            _removeUnits(tokenId, h, u);
            ++m;
        }
        _burn(msg.sender, shares);
        emit SharesBurnt(msg.sender, shares, 0);
        received = new uint256[](m);
        units = new uint256[](m);
        for (uint256 j = 0; j < m; ++j) {
            Out memory o = outs[j];
            received[j] = _payOut(o.tokenId, o.units, o.whole, receiver);
            units[j] = o.units;
            emit Withdrawn(msg.sender, receiver, o.tokenId, o.units, received[j]);
        }
    }

    /**
     * @notice Withdraws chosen units of pool tokens, burning shares worth their value (the NAV
     * decrease, rounded up).
     * @dev Reverts with `ZeroAddress`, {TokenNotHeld}, `ZeroUnits`, {InsufficientLiquidity},
     * `PriceUnusable`, {ZeroValue} (a frozen, defaulted or ended token is never paid out for nothing),
     * {SharesAboveMaximum}, ERC-20 `ERC20InsufficientBalance`.
     * Emits {SharesBurnt}, {Withdrawn}.
     * @param tokenId A pool token.
     * @param units Units wanted.
     * @param maxShares Slippage bound.
     * @param receiver Receiver of the units.
     * @return shares Shares burnt.
     * @return receivedTokenId The token received.
     */
    function withdrawUnits(uint256 tokenId, uint256 units, uint256 maxShares, address receiver)
        external
        nonReentrant
        returns (uint256 shares, uint256 receivedTokenId)
    {
        if (receiver == address(0)) revert ZeroAddress();
        Held memory h = _heldOf[tokenId];
        uint256 value;
        (value, shares) = _previewWithdraw(tokenId, h, units);
        if (shares > maxShares) revert SharesAboveMaximum(shares, maxShares);
        bool whole = units == h.units;
        _removeUnits(tokenId, h, units);
        _burn(msg.sender, shares);
        emit SharesBurnt(msg.sender, shares, value);
        receivedTokenId = _payOut(tokenId, units, whole, receiver);
        emit Withdrawn(msg.sender, receiver, tokenId, units, receivedTokenId);
    }

    /**
     * @notice Shares a deposit of `units` of `productId` would mint now.
     * @param productId Product.
     * @param units Units.
     * @return value Their value.
     * @return shares Shares.
     */
    function previewDeposit(uint256 productId, uint256 units) external view returns (uint256 value, uint256 shares) {
        return _previewDeposit(productId, units);
    }

    /**
     * @notice Shares {withdrawUnits} would burn now.
     * @param tokenId A pool token.
     * @param units Units.
     * @return value The NAV decrease.
     * @return shares Shares.
     */
    function previewWithdraw(uint256 tokenId, uint256 units) external view returns (uint256 value, uint256 shares) {
        return _previewWithdraw(tokenId, _heldOf[tokenId], units);
    }

    /**
     * @notice Accepts safe transfers of hash power tokens as whole-token deposits: `data` is
     * `abi.encode(uint256 minShares, address receiver)` (empty: 0 and the sender). Only the pool's
     * own transfers and these deposits are accepted.
     * @dev Reverts with {UnsolicitedToken} for other collections, and the errors of {deposit}.
     * @param operator The caller of the transfer.
     * @param from The previous owner.
     * @param tokenId The token.
     * @param data Deposit parameters.
     * @return The receiver selector.
     */
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4)
    {
        if (msg.sender != address(token)) revert UnsolicitedToken(msg.sender, tokenId);
        if (operator != address(this)) {
            (uint256 minShares, address receiver) =
                data.length == 0 ? (uint256(0), from) : abi.decode(data, (uint256, address));
            _depositReceived(from, tokenId, minShares, receiver);
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    // ---------------------------------------------------------------------------------------
    // Revenue
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Claims the revenue of the pool's holdings from the fulfillment vault into the pool, to be
     * unlocked to shareholders over {REVENUE_UNLOCK}. Anyone may call.
     * @dev Reverts with the vault's errors. Emits {RevenueLocked} per payout token with new revenue and
     * {RevenueDistributed} per payout token with revenue unlocked since the last update.
     * @param tokenIds Token of each holding (the pool's holdings, current or past).
     * @param holdingIndexes Index of each holding.
     * @return total What the vault paid.
     */
    function harvest(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        nonReentrant
        returns (uint256 total)
    {
        total = vault.claim(tokenIds, holdingIndexes);
        _syncAll();
    }

    /**
     * @notice Redeems the pool's share of frozen products' forfeited collateral at the hardware
     * registry, drops the tokens from the pool's books and credits the redemption to shareholders at
     * once (it replaces value the shares already had: see {RedemptionPending}). Anyone may call. The
     * registry pays the holder of each
     * token at its product's freeze; the pool names its current holding of each token it owns, which
     * covers the freeze exactly when the pool already held the token then (frozen tokens never leave
     * the pool). A token the pool received after the freeze is not the pool's to redeem: the registry
     * reverts, and the holder at the freeze is paid by anyone naming that holding at the registry.
     * @dev Reverts with {NotTokenOwner} (`caller` = the pool) for a token the pool does not own, and
     * the registry's errors: `NotHolderAtFreeze` (received after the freeze), `NotFrozen`,
     * `AlreadyRedeemed`, `TooManyTokens`. Emits {TokenEvicted} per token dropped from the books and
     * {RevenueDistributed}.
     * @param tokenIds Tokens of frozen products the pool owns.
     * @return total What the registry paid the pool.
     */
    function redeemFrozen(uint256[] calldata tokenIds) external nonReentrant returns (uint256 total) {
        uint256 n = tokenIds.length;
        uint256[] memory holdingIndexes = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            if (_ownerOf(tokenId) != address(this)) revert NotTokenOwner(tokenId, address(this));
            holdingIndexes[i] = token.holdingCount(tokenId) - 1;
        }
        total = hardwareRegistry.redeemFrozen(tokenIds, holdingIndexes);
        for (uint256 i = 0; i < n; ++i) {
            if (_heldOf[tokenIds[i]].index != 0) _evict(tokenIds[i]);
        }
    }

    /**
     * @notice Locks any unaccounted balance of the pool's payout tokens (revenue someone claimed for
     * the pool) for unlocking, and credits what has unlocked. Anyone may call.
     * @dev Emits {RevenueLocked} and {RevenueDistributed} per payout token with news.
     */
    function sync() external nonReentrant {
        _syncAll();
    }

    /**
     * @notice Pays the caller its revenue in every payout token.
     * @dev Emits {RevenueClaimed} per token paid.
     * @return amounts What was paid, in the order of the payout tokens ({SwapPoolLens-payoutTokens}).
     */
    function claimRevenue() external nonReentrant returns (uint256[] memory amounts) {
        uint256 n = _payoutTokens.length;
        amounts = new uint256[](n);
        uint256 balance = balanceOf(msg.sender);
        for (uint256 i = 0; i < n; ++i) {
            address payout = _payoutTokens[i];
            uint256 acc = _sync(payout, 0);
            _settle(msg.sender, payout, balance, acc);
            uint256 amount = _owed[msg.sender][payout];
            if (amount == 0) continue;
            _owed[msg.sender][payout] = 0;
            _accounted[payout] -= amount;
            amounts[i] = amount;
            emit RevenueClaimed(msg.sender, payout, amount);
            IERC20(payout).safeTransfer(msg.sender, amount);
        }
    }

    /**
     * @notice The revenue `account` can claim in `payout` now (including what has unlocked since the
     * last update; revenue that arrived unaccounted is not unlocked yet).
     * @param account Shareholder.
     * @param payout Payout token.
     * @return The amount.
     */
    function claimableRevenue(address account, address payout) external view returns (uint256) {
        uint256 acc = _accPerShare[payout];
        uint256 supply = totalSupply();
        if (supply != 0) acc += Math.mulDiv(_unlocked(_streams[payout]), ACC_SCALE, supply);
        return _owed[account][payout] + Math.mulDiv(balanceOf(account), acc - _snapshot[account][payout], ACC_SCALE);
    }

    // ---------------------------------------------------------------------------------------
    // Housekeeping
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Drops held tokens of frozen, defaulted or ended products from the pool's books (they
     * are worth 0 and never paid out); the tokens stay with the pool for revenue. A frozen token
     * whose share of forfeited collateral is still to be redeemed leaves the books only through
     * {redeemFrozen}; one already redeemed (e.g. directly at the registry) has its redemption credited
     * to shareholders at once here. Anyone may call.
     * @dev Reverts with {TokenNotHeld}, {NotEvictable}, {RedemptionPending}. Emits {TokenEvicted}.
     * @param tokenIds Held tokens.
     */
    function evict(uint256[] calldata tokenIds) external nonReentrant {
        for (uint256 i = 0; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            if (_heldOf[tokenId].index == 0) revert TokenNotHeld(tokenId);
            _evict(tokenId);
        }
    }

    /**
     * @notice Merges held tokens of one product into one (frees room under {MAX_HELD}). Anyone may call.
     * @dev Reverts with {InvalidConsolidation}, {TokenNotHeld} and the token's merge errors. Emits
     * {Consolidated}, {TokenHeld}.
     * @param tokenIds At least two held tokens of the same product.
     * @return newTokenId The merged token.
     */
    function consolidate(uint256[] calldata tokenIds) external nonReentrant returns (uint256 newTokenId) {
        uint256 n = tokenIds.length;
        if (n < 2) revert InvalidConsolidation();
        uint256 productId = 0;
        uint256 total = 0;
        for (uint256 i = 0; i < n; ++i) {
            Held memory h = _heldOf[tokenIds[i]];
            if (h.index == 0) revert TokenNotHeld(tokenIds[i]);
            if (i == 0) productId = h.productId;
            else if (h.productId != productId) revert InvalidConsolidation();
            total += h.units;
            _dropHeld(tokenIds[i], h.index);
        }
        newTokenId = IHashPowerTokenMerge(address(token)).merge(tokenIds);
        _addHeld(newTokenId, productId, total);
        emit Consolidated(productId, newTokenId, tokenIds);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @notice Share decimals: 18 + {DECIMALS_OFFSET}.
    /// @return The decimals.
    function decimals() public pure override returns (uint8) {
        return 18 + DECIMALS_OFFSET;
    }

    /**
     * @notice The pool's value: the valuation of its units of every product it holds.
     * @dev Reverts with `PriceUnusable` when a held class has no usable price.
     * @return nav The value (numeraire, 18 decimals).
     */
    function totalValue() external view returns (uint256 nav) {
        return _nav(false);
    }

    /// @notice The tokens the pool holds (at most {MAX_HELD}).
    /// @return The token ids.
    function heldTokens() external view returns (uint256[] memory) {
        return _held;
    }

    /**
     * @notice Raw storage words of the pool, for the {SwapPoolLens} (held tokens and products, class
     * settings and tallies, revenue books): the pool keeps only the views its callers need on chain.
     * @param startSlot First slot.
     * @param nSlots Number of consecutive slots.
     * @return values The words.
     */
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values) {
        values = new bytes32[](nSlots);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := add(values, 0x20)
            for { let i := 0 } lt(i, nSlots) { i := add(i, 1) } {
                mstore(add(ptr, mul(i, 0x20)), sload(add(startSlot, i)))
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Internal: checks and math
    // ---------------------------------------------------------------------------------------

    /// @dev Owner (unless `owner` is 0), units and acceptance of an incoming token; returns its
    /// product, class and units.
    function _checkIncoming(uint256 tokenId, uint256 units, address owner)
        private
        view
        returns (uint256 productId, bytes32 assetClass, uint256 available)
    {
        if (owner != address(0) && _ownerOf(tokenId) != owner) revert NotTokenOwner(tokenId, owner);
        IHashPowerToken.TokenData memory t = _tokenData(tokenId);
        if (units == 0) revert ZeroUnits();
        if (units > t.units) revert UnitsExceedToken(tokenId, units, t.units);
        _checkAccepted(t.productId, t.assetClass, t.start, t.end, t.frozen || t.defaulted, units);
        if (_heldOf[tokenId].index == 0 && _held.length >= MAX_HELD) revert PoolFull();
        return (t.productId, t.assetClass, t.units);
    }

    function _checkAccepted(
        uint256 productId,
        bytes32 assetClass,
        uint64 start,
        uint64 end,
        bool blocked,
        uint256 units
    ) private view {
        ClassConfig memory c = _classConfig[assetClass];
        if (!c.listed) revert ClassNotListed(assetClass);
        if (blocked) revert ProductNotAccepted(productId);
        uint256 from = block.timestamp > start ? block.timestamp : start;
        uint256 remaining = end > from ? end - from : 0;
        if (remaining < c.minRemaining || remaining == 0) revert TooCloseToExpiry(productId, remaining, c.minRemaining);
        uint256 after_ = _classUnits[assetClass] + units;
        if (after_ > c.maxUnits) revert ClassCapExceeded(assetClass, after_, c.maxUnits);
    }

    function _quote(uint256 productIn, uint256 unitsIn, uint256 tokenOut, Held memory out)
        private
        view
        returns (Quote memory q)
    {
        q.valueIn = _valueOf(productIn, unitsIn);
        if (q.valueIn == 0) revert ZeroValue();
        q.fee = Math.mulDiv(q.valueIn, feeBps, BasisPoints.DENOMINATOR, Math.Rounding.Ceil);
        q.productOut = out.productId;
        q.unitsOut = IHashPowerUnitPricing(address(valuation)).unitsForValue(out.productId, q.valueIn - q.fee);
        if (q.unitsOut == 0) revert ZeroUnits();
        if (q.unitsOut > out.units) revert InsufficientLiquidity(tokenOut, out.units, q.unitsOut);
    }

    function _previewDeposit(uint256 productId, uint256 units) private view returns (uint256 value, uint256 shares) {
        value = _valueOf(productId, units);
        if (value == 0) revert ZeroValue();
        shares = Math.mulDiv(value, totalSupply() + VIRTUAL_SHARES, _nav(true) + 1);
        if (shares == 0) revert ZeroValue();
    }

    function _previewWithdraw(uint256 tokenId, Held memory h, uint256 units)
        private
        view
        returns (uint256 value, uint256 shares)
    {
        if (h.index == 0) revert TokenNotHeld(tokenId);
        if (units == 0) revert ZeroUnits();
        if (units > h.units) revert InsufficientLiquidity(tokenId, h.units, units);
        uint256 held = _positions[h.productId].units;
        value = _valueOf(h.productId, held) - _valueOf(h.productId, held - units);
        if (value == 0) revert ZeroValue();
        shares = Math.mulDiv(value, totalSupply() + VIRTUAL_SHARES, _nav(true) + 1, Math.Rounding.Ceil);
    }

    /// @dev The NAV; `pricing` (shares are priced on it) also refuses while a held frozen product's
    /// redemption is pending: the NAV already counts it at 0, the redemption is not credited yet.
    function _nav(bool pricing) private view returns (uint256 nav) {
        uint256 n = _products.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 pid = _products[i];
            uint256 v = _valueOf(pid, _positions[pid].units);
            if (pricing && v == 0) {
                (uint256 forfeited,) = _frozenPool(pid);
                if (forfeited != 0) revert RedemptionPending(pid);
            }
            nav += v;
        }
    }

    /// @dev Collateral forfeited to the holders of a product frozen by a challenge (0 otherwise), and
    /// the product's capacity it is shared by.
    function _frozenPool(uint256 productId) private view returns (uint256 forfeited, uint256 capacity) {
        (forfeited, capacity,,) = hardwareRegistry.frozenPool(productId);
    }

    // One call site per external call of the token and the valuation: each inlined call costs its ABI
    // coding again, and the pool is close to the 20,000-byte code size goal.
    function _valueOf(uint256 productId, uint256 units) private view returns (uint256) {
        return valuation.valueOfUnits(productId, units);
    }

    function _payoutOf(bytes32 assetClass) private view returns (address) {
        return assetClasses.payoutTokenOf(assetClass);
    }

    function _tokenData(uint256 tokenId) private view returns (IHashPowerToken.TokenData memory) {
        return token.tokenData(tokenId);
    }

    function _ownerOf(uint256 tokenId) private view returns (address) {
        return token.ownerOf(tokenId);
    }

    function _isPayoutToken(address payout) private view returns (bool) {
        uint256 n = _payoutTokens.length;
        for (uint256 i = 0; i < n; ++i) {
            if (_payoutTokens[i] == payout) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------
    // Internal: books
    // ---------------------------------------------------------------------------------------

    function _addUnits(uint256 productId, bytes32 assetClass, uint256 units) private {
        _classUnits[assetClass] += units;
        Position storage pos = _positions[productId];
        if (pos.index == 0) {
            _products.push(productId);
            pos.index = uint32(_products.length);
            pos.assetClass = assetClass;
        }
        pos.units += units.toUint64();
    }

    /// @dev Removes `units` of a held token from the books (the whole token leaves the list).
    function _removeUnits(uint256 tokenId, Held memory h, uint256 units) private {
        Position storage pos = _positions[h.productId];
        _classUnits[pos.assetClass] -= units;
        uint64 left = pos.units - uint64(units);
        if (left == 0) {
            uint256 last = _products[_products.length - 1];
            if (last != h.productId) {
                _products[pos.index - 1] = last;
                _positions[last].index = pos.index;
            }
            _products.pop();
            delete _positions[h.productId];
        } else {
            pos.units = left;
        }
        if (units == h.units) _dropHeld(tokenId, h.index);
        else _heldOf[tokenId].units = h.units - uint64(units);
    }

    function _addHeld(uint256 tokenId, uint256 productId, uint256 units) private {
        _held.push(tokenId);
        _heldOf[tokenId] =
            Held({productId: productId.toUint48(), units: units.toUint64(), index: uint32(_held.length)});
        emit TokenHeld(tokenId, productId, units);
    }

    function _dropHeld(uint256 tokenId, uint32 index) private {
        uint256 last = _held[_held.length - 1];
        if (last != tokenId) {
            _held[index - 1] = last;
            _heldOf[last].index = index;
        }
        _held.pop();
        delete _heldOf[tokenId];
    }

    /// @dev Takes `units` of `from`'s token: the whole token, or a carve owned by the pool.
    function _takeIn(address from, uint256 tokenId, uint256 units, uint256 available, uint256 productId) private {
        uint256 heldId = tokenId;
        if (units == available) token.transferFrom(from, address(this), tokenId);
        else heldId = token.carve(tokenId, units, address(this));
        _addHeld(heldId, productId, units);
    }

    function _payOut(uint256 tokenId, uint256 units, bool whole, address to) private returns (uint256) {
        if (whole) {
            token.safeTransferFrom(address(this), to, tokenId);
            return tokenId;
        }
        return token.carve(tokenId, units, to);
    }

    /// @dev Drops a held token of a frozen, defaulted or ended product from the books. A frozen
    /// product's redemption must have been paid to the pool already; its amount (the registry's
    /// `units * forfeited / capacity`) is credited to shareholders at once.
    function _evict(uint256 tokenId) private {
        Held memory h = _heldOf[tokenId];
        IHashPowerToken.TokenData memory t = _tokenData(tokenId);
        if (!(t.frozen || t.defaulted || block.timestamp >= t.end)) revert NotEvictable(tokenId);
        if (t.frozen) {
            (uint256 forfeited, uint256 capacity) = _frozenPool(h.productId);
            if (forfeited != 0) {
                if (!hardwareRegistry.isRedeemed(tokenId)) revert RedemptionPending(h.productId);
                _sync(_payoutOf(t.assetClass), t.units * forfeited / capacity);
            }
        }
        _removeUnits(tokenId, h, h.units);
        emit TokenEvicted(tokenId, h.productId, h.units);
    }

    /// @dev A whole token that arrived by safe transfer (the pool already owns it).
    function _depositReceived(address from, uint256 tokenId, uint256 minShares, address receiver)
        private
        nonReentrant
    {
        _deposit(from, tokenId, _tokenData(tokenId).units, minShares, receiver, true);
    }

    function _deposit(
        address from,
        uint256 tokenId,
        uint256 units,
        uint256 minShares,
        address receiver,
        bool received
    ) private returns (uint256 shares) {
        if (receiver == address(0)) revert ZeroAddress();
        (uint256 productId, bytes32 assetClass, uint256 available) =
            _checkIncoming(tokenId, units, received ? address(0) : from);
        uint256 value;
        (value, shares) = _previewDeposit(productId, units);
        if (shares < minShares) revert SharesBelowMinimum(shares, minShares);
        _addUnits(productId, assetClass, units);
        _mint(receiver, shares);
        if (received) _addHeld(tokenId, productId, units);
        else _takeIn(from, tokenId, units, available, productId);
        emit Deposited(from, receiver, tokenId, units, value, shares);
    }

    // ---------------------------------------------------------------------------------------
    // Internal: revenue
    // ---------------------------------------------------------------------------------------

    /// @dev Settles both sides' revenue before every balance change.
    function _update(address from, address to, uint256 value) internal override {
        uint256 n = _payoutTokens.length;
        for (uint256 i = 0; i < n; ++i) {
            address payout = _payoutTokens[i];
            uint256 acc = _sync(payout, 0);
            if (from != address(0)) _settle(from, payout, balanceOf(from), acc);
            if (to != address(0)) _settle(to, payout, balanceOf(to), acc);
        }
        super._update(from, to, value);
    }

    /// @dev Books what `balance` shares earned since the account's last settlement, rounded down
    /// once per balance change (so the shareholders together never claim more than was credited).
    function _settle(address account, address payout, uint256 balance, uint256 acc) private {
        uint256 snap = _snapshot[account][payout];
        if (acc == snap) return;
        _owed[account][payout] += Math.mulDiv(balance, acc - snap, ACC_SCALE);
        _snapshot[account][payout] = acc;
    }

    function _syncAll() private {
        uint256 n = _payoutTokens.length;
        for (uint256 i = 0; i < n; ++i) {
            _sync(_payoutTokens[i], 0);
        }
    }

    /// @dev Brings `payout`'s books up to date: credits to current shares what unlocked since the last
    /// update plus `creditNow` at once (both out of what is pending), then locks what arrived since
    /// (the unaccounted balance) for {REVENUE_UNLOCK}, restarting the window for what is still locked.
    /// Nothing moves while there are no shares.
    function _sync(address payout, uint256 creditNow) private returns (uint256 acc) {
        acc = _accPerShare[payout];
        uint256 supply = totalSupply();
        if (supply == 0) return acc;
        Stream memory st = _streams[payout];
        uint256 bal = IERC20(payout).balanceOf(address(this));
        uint256 accounted = _accounted[payout];
        uint256 arrived = bal > accounted ? bal - accounted : 0;
        uint256 pending = st.locked + arrived;
        uint256 released = Math.min(_unlocked(st) + creditNow, pending);
        uint256 increment = Math.mulDiv(released, ACC_SCALE, supply);
        // too little to credit yet: it stays locked (its time keeps counting)
        if (increment == 0) released = 0;
        if (released == 0 && arrived == 0) return acc;
        if (released != 0) {
            acc += increment;
            _accPerShare[payout] = acc;
            // rounding leaves at most one base unit per update undistributed, in the pool
            emit RevenueDistributed(payout, released, acc);
        }
        st.locked = (pending - released).toUint128();
        st.last = uint64(block.timestamp);
        if (arrived != 0) {
            _accounted[payout] = bal;
            st.end = uint64(block.timestamp) + REVENUE_UNLOCK;
            emit RevenueLocked(payout, arrived, st.end);
        }
        _streams[payout] = st;
    }

    /// @dev What of `st` has unlocked by now (linear from `last` to `end`, rounded down).
    function _unlocked(Stream memory st) private view returns (uint256) {
        if (block.timestamp >= st.end) return st.locked;
        return uint256(st.locked) * (block.timestamp - st.last) / (st.end - st.last);
    }
}
