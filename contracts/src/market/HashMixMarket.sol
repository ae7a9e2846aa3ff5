// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ZeroAddress, ZeroUnits} from "../common/Errors.sol";
import {HashMixEIP712} from "../common/HashMixEIP712.sol";
import {SignaturePolicy} from "../common/SignaturePolicy.sol";
import {Transfers} from "../common/Transfers.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";

/**
 * @title HashMixMarket
 * @notice Order-book market for hash power token slices with signed (EIP-712) orders and nothing
 * escrowed: sellers `setApprovalForAll(market)` on the token, payers `approve` the market on the
 * ERC-20 they pay in. Four order kinds:
 * - {Listing}: a seller offers up to `units` units of one token at `pricePerUnit` (native coin or
 *   an ERC-20); takers buy whole tokens or parts (the part is carved off the token);
 * - {Offer}: a buyer bids for up to `units` units of one token (ERC-20 only); the owner fills it;
 * - {CriteriaOffer}: a buyer bids for units of any token of an asset class (optionally of one
 *   issuer) with at least `minRemainingTerm` seconds of term left; the seller picks the token;
 * - {SwapOrder}: a maker gives one whole token for another whole token.
 *
 * A fill of `x` units needs `x >= minFill` unless it takes the whole remainder, and never more than
 * the remainder. The payer pays exactly `pricePerUnit * x`; the protocol fee
 * `floor(payment * feeBps / 10_000)` accrues in this contract ({accruedFees}, {withdrawFees}); the
 * seller receives the rest. The market holds nothing but accrued fees, so its balance of a currency
 * *is* the accrued fees of that currency. Delivery is `transferFrom` when `x` equals the token's
 * units, otherwise `carve(tokenId, x, buyer)` (the buyer gets a new token, the seller keeps the rest
 * under the same id and token nonce, so a listing survives its partial fills).
 *
 * Orders die by expiry, by {cancelListings} & co. (per order), by {incrementCounter} (all orders of
 * a maker) and, for listings and swap orders, by the token's nonce: it moves on every transfer and
 * on `bumpTokenNonce`, so a listing is dead once its token left the seller, even if it comes back.
 *
 * @dev Gas design (see docs/market.md and docs/benchmarks.md): one status slot per order hash, written only by offer
 * fills, cancels and those partial listing fills whose listing is smaller than its token (a listing
 * covering its token is bounded by the token's shrinking units, a whole-token listing fill or a swap
 * is killed by the token nonce, see {orderStatus}); fee recipient and rate in one slot, read once
 * per call; one `tradeState` call per token; struct hashes computed straight from calldata; fees
 * accrued, not transferred per fill, and not booked either: nothing is escrowed, so the fees of a
 * currency are exactly this contract's balance of it (no fee counter to write on every fill; a
 * fee-on-transfer or rebasing currency's fees are whatever actually arrived; coins forced in by
 * `selfdestruct` count as fees instead of being stuck). Fills never pay out more than they took
 * in: native payments are capped by `msg.value` ({InsufficientValue}). Signatures are checked with
 * ECDSA first and ERC-1271 only if that fails, which saves the maker's code-size lookup. The
 * re-entrancy guard uses transient storage (EIP-1153, available on the `cancun` target this
 * project compiles for).
 */
contract HashMixMarket is HashMixEIP712, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // solhint-disable gas-struct-packing
    /// @notice A seller's signed listing of (up to `units` units of) one token.
    struct Listing {
        address seller;
        uint256 tokenId;
        uint32 tokenNonce;
        uint256 units;
        uint256 minFill;
        address currency;
        uint256 pricePerUnit;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice A buyer's signed offer for (up to `units` units of) one token. ERC-20 currency only.
    struct Offer {
        address buyer;
        uint256 tokenId;
        uint256 units;
        uint256 minFill;
        address currency;
        uint256 pricePerUnit;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice A buyer's signed offer for units of any token matching the criteria (`issuer == 0`:
    /// any issuer). ERC-20 currency only.
    struct CriteriaOffer {
        address buyer;
        bytes32 assetClass;
        address issuer;
        uint256 units;
        uint256 minFill;
        uint64 minRemainingTerm;
        address currency;
        uint256 pricePerUnit;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice A maker's signed order giving one whole token for another whole token. Both sides'
    /// units are signed: a carve keeps a token's id and nonce, so without them either party could
    /// shrink its token just before the fill.
    struct SwapOrder {
        address maker;
        uint256 giveTokenId;
        uint32 giveTokenNonce;
        uint256 giveUnits;
        uint256 wantTokenId;
        uint256 wantUnits;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice One fill of a {fillListings} batch.
    struct ListingFill {
        Listing listing;
        bytes signature;
        uint256 units;
    }
    // solhint-enable gas-struct-packing

    /// @dev Status of an order hash: one slot.
    struct OrderStatus {
        uint248 filledUnits;
        bool cancelled;
    }

    /// @dev Whether an ERC-20 is an allowed payment currency, and when a scheduled allowance matures.
    struct CurrencyState {
        bool allowed;
        uint64 eta;
    }

    /// @dev Fee recipient and rate: one slot.
    struct FeeConfig {
        address recipient;
        uint16 bps;
    }

    /// @notice EIP-712 type hash of {Listing}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,uint256 tokenId,uint32 tokenNonce,uint256 units,uint256 minFill,address currency,"
        "uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
    );
    /// @notice EIP-712 type hash of {Offer}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address buyer,uint256 tokenId,uint256 units,uint256 minFill,address currency,uint256 pricePerUnit,"
        "uint256 counter,uint256 salt,uint64 expiry)"
    );
    /// @notice EIP-712 type hash of {CriteriaOffer}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant CRITERIA_OFFER_TYPEHASH = keccak256(
        "CriteriaOffer(address buyer,bytes32 assetClass,address issuer,uint256 units,uint256 minFill,"
        "uint64 minRemainingTerm,address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
    );
    /// @notice EIP-712 type hash of {SwapOrder}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant SWAP_ORDER_TYPEHASH = keccak256(
        "SwapOrder(address maker,uint256 giveTokenId,uint32 giveTokenNonce,uint256 giveUnits,uint256 wantTokenId,"
        "uint256 wantUnits,uint256 counter,uint256 salt,uint64 expiry)"
    );

    /// @notice Highest protocol fee, in basis points (10%).
    uint16 public constant MAX_FEE_BPS = 1_000;

    /// @notice `kind` of {OrderFilled} for a listing.
    uint8 public constant KIND_LISTING = 0;
    /// @notice `kind` of {OrderFilled} for an offer.
    uint8 public constant KIND_OFFER = 1;
    /// @notice `kind` of {OrderFilled} for a criteria offer.
    uint8 public constant KIND_CRITERIA_OFFER = 2;
    /// @notice `kind` of {OrderFilled} for a swap.
    uint8 public constant KIND_SWAP = 3;

    uint256 private constant _BPS = 10_000;

    // ABI-encoded sizes of the (all-static) order structs: 32 bytes per field.
    uint256 private constant _LISTING_SIZE = 10 * 32;
    uint256 private constant _OFFER_SIZE = 9 * 32;
    uint256 private constant _CRITERIA_OFFER_SIZE = 11 * 32;
    uint256 private constant _SWAP_ORDER_SIZE = 9 * 32;

    /// @notice Least time between scheduling a new payment currency and allowing it.
    uint64 public constant CURRENCY_DELAY = 2 days;

    /// @notice The token traded here.
    IHashPowerToken public immutable token;

    FeeConfig private _feeConfig;
    mapping(address maker => uint256) private _counters;
    mapping(bytes32 orderHash => OrderStatus) private _statuses;
    mapping(address currency => CurrencyState) private _currencies;

    /// @notice The signature is neither a valid ECDSA signature of the maker nor accepted by the
    /// maker's ERC-1271 `isValidSignature`.
    error InvalidSignature();
    /// @notice The order's expiry (inclusive) has passed.
    error OrderExpired(uint64 expiry);
    /// @notice The order's counter is not the maker's current {counter}.
    error StaleCounter(uint256 expected, uint256 actual);
    /// @notice The order was cancelled.
    error OrderIsCancelled(bytes32 orderHash);
    /// @notice The token's nonce moved since the order was signed (the token changed hands or its
    /// owner bumped the nonce).
    error StaleTokenNonce(uint256 tokenId, uint32 expected, uint32 actual);
    /// @notice The token is not owned by the account the fill needs (`expected`: maker or caller).
    error NotTokenOwner(uint256 tokenId, address expected, address actual);
    /// @notice A swapped token does not hold the units the swap order names (it was carved).
    error UnitsChanged(uint256 tokenId, uint256 expected, uint256 actual);
    /// @notice The token's product is frozen or defaulted.
    error NotTradable(uint256 tokenId);
    /// @notice The token does not meet the criteria offer (asset class, issuer or remaining term).
    error CriteriaMismatch(uint256 tokenId);
    /// @notice A fill below the order's `minFill` that does not take the whole remainder.
    error FillTooSmall(uint256 minFill, uint256 units);
    /// @notice A fill above the order's remaining units.
    error Overfill(uint256 remaining, uint256 units);
    /// @notice Offers must be in an ERC-20 (`currency != address(0)`).
    error NativeNotAllowed();
    /// @notice Only the maker may cancel an order.
    error NotTheMaker(address caller, address maker);
    /// @notice A fee above {MAX_FEE_BPS}.
    error FeeTooHigh(uint16 feeBps);
    /// @notice `msg.value` does not cover the native payments (`available` is what is left of it).
    error InsufficientValue(uint256 required, uint256 available);

    /// @notice The order's ERC-20 currency is not an allowed payment currency.
    error CurrencyNotAllowed(address currency);
    /// @notice The contract cannot be a payment currency: not an ERC-20 (no code, no 32-byte
    /// `totalSupply`/`balanceOf`/`decimals` answers), an ERC-721 or ERC-1155, the traded token or
    /// this market.
    error InvalidCurrency(address currency);
    /// @notice No allowance of this currency is scheduled.
    error CurrencyNotScheduled(address currency);
    /// @notice The scheduled allowance of the currency matures at `eta`.
    error CurrencyNotReady(address currency, uint64 eta);

    /// @notice An order was (partly) filled. `kind`: 0 listing, 1 offer, 2 criteria offer, 3 swap.
    /// `tokenId` is the token delivered to the buyer (the new token of a partial fill; for a swap the
    /// maker's token, delivered to the taker); `payment` is what the buyer paid, `fee` the part of it
    /// kept as protocol fee (both 0 for swaps).
    event OrderFilled(
        bytes32 indexed orderHash,
        uint8 kind,
        address indexed maker,
        address indexed taker,
        uint256 tokenId,
        uint256 units,
        address currency,
        uint256 payment,
        uint256 fee
    );
    /// @notice An order was cancelled by its maker.
    event OrderCancelled(bytes32 indexed orderHash, address indexed maker);
    /// @notice A maker's counter moved to `counter`: every order signed with a lower one is dead.
    event CounterIncremented(address indexed maker, uint256 counter);
    /// @notice `currency` may become a payment currency from `eta` on ({allowCurrency}).
    event CurrencyScheduled(address indexed currency, uint64 eta);
    /// @notice `currency` is an allowed payment currency.
    event CurrencyAllowed(address indexed currency);
    /// @notice `currency` is no longer allowed (or its scheduled allowance was cancelled).
    event CurrencyDisallowed(address indexed currency);
    /// @notice Fee recipient and rate were set.
    event FeeSet(address indexed recipient, uint16 feeBps);
    /// @notice Accrued fees of `currency` (address(0): native coin) were sent to `recipient`.
    event FeesWithdrawn(address indexed currency, address indexed recipient, uint256 amount);

    /**
     * @notice Deploys the market with EIP-712 domain ("HashMix", "1"). Only the native coin is a
     * payment currency until ERC-20s are scheduled and allowed ({scheduleCurrency}).
     * @param authority The protocol's AccessManager ({setFee}: admin; currencies: `CURRENCY_ADMIN`).
     * @param token_ The hash power token traded here (`ZeroAddress` if zero).
     * @param feeRecipient Receiver of withdrawn fees ({ZeroAddress} if zero).
     * @param feeBps Protocol fee in basis points ({FeeTooHigh} above {MAX_FEE_BPS}).
     */
    constructor(address authority, IHashPowerToken token_, address feeRecipient, uint16 feeBps)
        AccessManaged(authority)
    {
        if (address(token_) == address(0)) revert ZeroAddress();
        token = token_;
        _setFee(feeRecipient, feeBps);
    }

    // ---------------------------------------------------------------------------------------
    // Fills
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Buys `units` units of a listed token. The whole token is transferred when `units`
     * equals its units, otherwise `units` are carved off it into a new token for the caller.
     * @dev Pays `pricePerUnit * units`: in native coin from `msg.value` (the exact excess is
     * refunded; {InsufficientValue}), or in the listing's ERC-20 from the caller (approve the
     * market; any `msg.value` is refunded). Reverts, in this order, with `ZeroUnits`,
     * {OrderExpired}, {StaleCounter}, {OrderIsCancelled}, {InvalidSignature}, {NotTokenOwner},
     * {StaleTokenNonce}, {NotTradable}, {Overfill}, {FillTooSmall}, {InsufficientValue} (native) or
     * {CurrencyNotAllowed} (ERC-20), then `NativeTransferFailed`. Emits {OrderFilled}.
     * @param listing The listing.
     * @param signature The seller's signature over {hashListing}`(listing)` (65-byte ECDSA, or
     * anything the seller's ERC-1271 wallet accepts).
     * @param units Units to buy.
     */
    function fillListing(Listing calldata listing, bytes calldata signature, uint256 units)
        external
        payable
        nonReentrant
    {
        uint256 left = _fillListing(listing, signature, units, _feeConfig, msg.value);
        if (left != 0) _sendNative(msg.sender, left);
    }

    /**
     * @notice Fills several listings in one atomic transaction (any failure reverts all).
     * @dev As {fillListing} for each entry, in order. Native payments are taken from `msg.value` in
     * order ({InsufficientValue} when it runs out); the exact excess is refunded at the end.
     * @param fills The listings, their signatures and the units to buy of each.
     */
    function fillListings(ListingFill[] calldata fills) external payable nonReentrant {
        FeeConfig memory fee = _feeConfig;
        uint256 left = msg.value;
        uint256 n = fills.length;
        for (uint256 i = 0; i < n; ++i) {
            ListingFill calldata f = fills[i];
            left = _fillListing(f.listing, f.signature, f.units, fee, left);
        }
        if (left != 0) _sendNative(msg.sender, left);
    }

    /**
     * @notice Sells `units` units of the offer's token (owned by the caller) to the offer's buyer.
     * The whole token is transferred when `units` equals its units, otherwise they are carved off.
     * @dev The buyer pays `pricePerUnit * units` in the offer's ERC-20 (the buyer approves the
     * market); the caller must have approved the market on the token. Reverts, in this order, with
     * {NativeNotAllowed}, {CurrencyNotAllowed}, `ZeroUnits`, {OrderExpired}, {StaleCounter},
     * {OrderIsCancelled}, {Overfill}, {FillTooSmall}, {InvalidSignature}, {NotTokenOwner} or
     * {NotTradable}. Emits {OrderFilled}.
     * @param o The offer.
     * @param signature The buyer's signature over {hashOffer}`(o)`.
     * @param units Units to sell.
     */
    function fillOffer(Offer calldata o, bytes calldata signature, uint256 units) external nonReentrant {
        if (o.currency == address(0)) revert NativeNotAllowed();
        _requireCurrency(o.currency);
        bytes32 orderHash = hashOffer(o);
        uint256 filled = _checkOrder(orderHash, o.buyer, o.counter, o.expiry, o.units, o.minFill, units);
        _checkSignature(o.buyer, orderHash, signature);
        (uint256 payment, uint256 feeAmount, bool whole) =
            _recordSale(orderHash, o.tokenId, units, filled, o.pricePerUnit);
        _settleSale(orderHash, KIND_OFFER, o.buyer, o.currency, o.tokenId, units, whole, payment, feeAmount);
    }

    /**
     * @notice Sells `units` units of `tokenId` (owned by the caller, chosen by the caller) to a
     * criteria offer's buyer.
     * @dev As {fillOffer}; the token must belong to the offer's asset class, to its issuer unless
     * that is address(0), and its product must end more than 0 and at least `minRemainingTerm`
     * seconds from now ({CriteriaMismatch}).
     * @param o The criteria offer.
     * @param signature The buyer's signature over {hashCriteriaOffer}`(o)`.
     * @param tokenId The token to sell from.
     * @param units Units to sell.
     */
    function fillCriteriaOffer(CriteriaOffer calldata o, bytes calldata signature, uint256 tokenId, uint256 units)
        external
        nonReentrant
    {
        if (o.currency == address(0)) revert NativeNotAllowed();
        _requireCurrency(o.currency);
        bytes32 orderHash = hashCriteriaOffer(o);
        uint256 filled = _checkOrder(orderHash, o.buyer, o.counter, o.expiry, o.units, o.minFill, units);
        _checkSignature(o.buyer, orderHash, signature);
        _checkCriteria(o, tokenId);
        (uint256 payment, uint256 feeAmount, bool whole) =
            _recordSale(orderHash, tokenId, units, filled, o.pricePerUnit);
        _settleSale(orderHash, KIND_CRITERIA_OFFER, o.buyer, o.currency, tokenId, units, whole, payment, feeAmount);
    }

    /**
     * @notice Takes a swap order: the maker's `giveTokenId` goes to the caller and the caller's
     * `wantTokenId` goes to the maker, both whole.
     * @dev Both parties must have approved the market on the token. Reverts with {OrderExpired},
     * {StaleCounter}, {OrderIsCancelled}, {InvalidSignature}, {NotTokenOwner} (give token not the
     * maker's, want token not the caller's), {StaleTokenNonce} (give token), {UnitsChanged} (either
     * token's units differ from the order's) or {NotTradable}.
     * No status is written: the transfer moves the give token's nonce, which kills the order.
     * Emits {OrderFilled} (kind 3, `tokenId = giveTokenId`, currency, payment and fee 0).
     * @param s The swap order.
     * @param signature The maker's signature over {hashSwapOrder}`(s)`.
     */
    function fillSwap(SwapOrder calldata s, bytes calldata signature) external nonReentrant {
        bytes32 orderHash = hashSwapOrder(s);
        address maker = s.maker;
        _checkLive(orderHash, maker, s.counter, s.expiry);
        _checkSignature(maker, orderHash, signature);
        uint256 giveId = s.giveTokenId;
        uint256 wantId = s.wantTokenId;
        (address giveHolder, uint256 giveUnits, uint32 nonce, bool giveTradable) = token.tradeState(giveId);
        if (giveHolder != maker) revert NotTokenOwner(giveId, maker, giveHolder);
        if (nonce != s.giveTokenNonce) revert StaleTokenNonce(giveId, s.giveTokenNonce, nonce);
        if (giveUnits != s.giveUnits) revert UnitsChanged(giveId, s.giveUnits, giveUnits);
        if (!giveTradable) revert NotTradable(giveId);
        (address wantHolder, uint256 wantUnits,, bool wantTradable) = token.tradeState(wantId);
        if (wantHolder != msg.sender) revert NotTokenOwner(wantId, msg.sender, wantHolder);
        if (wantUnits != s.wantUnits) revert UnitsChanged(wantId, s.wantUnits, wantUnits);
        if (!wantTradable) revert NotTradable(wantId);

        token.transferFrom(maker, msg.sender, giveId);
        token.transferFrom(msg.sender, maker, wantId);
        emit OrderFilled(orderHash, KIND_SWAP, maker, msg.sender, giveId, giveUnits, address(0), 0, 0);
    }

    // ---------------------------------------------------------------------------------------
    // Cancels
    // ---------------------------------------------------------------------------------------

    /// @notice Cancels listings of the caller ({NotTheMaker} otherwise). Emits {OrderCancelled} each.
    /// @param listings The listings.
    function cancelListings(Listing[] calldata listings) external nonReentrant {
        uint256 n = listings.length;
        for (uint256 i = 0; i < n; ++i) {
            Listing calldata listing = listings[i];
            _cancel(hashListing(listing), listing.seller);
        }
    }

    /// @notice Cancels offers of the caller ({NotTheMaker} otherwise). Emits {OrderCancelled} each.
    /// @param offers The offers.
    function cancelOffers(Offer[] calldata offers) external nonReentrant {
        uint256 n = offers.length;
        for (uint256 i = 0; i < n; ++i) {
            Offer calldata o = offers[i];
            _cancel(hashOffer(o), o.buyer);
        }
    }

    /// @notice Cancels criteria offers of the caller ({NotTheMaker} otherwise). Emits
    /// {OrderCancelled} each.
    /// @param offers The criteria offers.
    function cancelCriteriaOffers(CriteriaOffer[] calldata offers) external nonReentrant {
        uint256 n = offers.length;
        for (uint256 i = 0; i < n; ++i) {
            CriteriaOffer calldata o = offers[i];
            _cancel(hashCriteriaOffer(o), o.buyer);
        }
    }

    /// @notice Cancels swap orders of the caller ({NotTheMaker} otherwise). Emits {OrderCancelled} each.
    /// @param swaps The swap orders.
    function cancelSwaps(SwapOrder[] calldata swaps) external nonReentrant {
        uint256 n = swaps.length;
        for (uint256 i = 0; i < n; ++i) {
            SwapOrder calldata s = swaps[i];
            _cancel(hashSwapOrder(s), s.maker);
        }
    }

    /// @notice Kills every order the caller signed so far (they carry the old counter). Emits
    /// {CounterIncremented} with the new counter.
    function incrementCounter() external nonReentrant {
        uint256 c = ++_counters[msg.sender];
        emit CounterIncremented(msg.sender, c);
    }

    // ---------------------------------------------------------------------------------------
    // Payment currencies
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Schedules `currency` to become an allowed ERC-20 payment currency after
     * {CURRENCY_DELAY}: long enough for anyone to check what it is before orders can pay with it.
     * @dev Role `CURRENCY_ADMIN`. A currency is money only if moving it cannot move anything else a
     * payer approved to this market: it must be a contract answering `totalSupply()`,
     * `balanceOf(address)` and `decimals()` with one 32-byte word each, must not declare ERC-721 or
     * ERC-1155 support (ERC-165), and must not be the traded token or this market
     * ({InvalidCurrency}). Scheduling again restarts the delay. Emits {CurrencyScheduled}.
     * @param currency The ERC-20.
     */
    function scheduleCurrency(address currency) external restricted {
        if (!_isMoneyLike(currency)) revert InvalidCurrency(currency);
        uint64 eta = uint64(block.timestamp) + CURRENCY_DELAY;
        _currencies[currency].eta = eta;
        emit CurrencyScheduled(currency, eta);
    }

    /**
     * @notice Allows a scheduled currency once its delay has passed. Anyone may call.
     * @dev Reverts with {CurrencyNotScheduled} or {CurrencyNotReady}. Emits {CurrencyAllowed}.
     * @param currency The ERC-20.
     */
    function allowCurrency(address currency) external {
        CurrencyState memory c = _currencies[currency];
        if (c.eta == 0) revert CurrencyNotScheduled(currency);
        if (block.timestamp < c.eta) revert CurrencyNotReady(currency, c.eta);
        _currencies[currency] = CurrencyState({allowed: true, eta: 0});
        emit CurrencyAllowed(currency);
    }

    /**
     * @notice Stops a currency at once (and cancels a scheduled allowance): orders in it can no
     * longer be filled. Removing money can only stop trades, never move funds, so it takes no delay.
     * @dev Role `CURRENCY_ADMIN`. Emits {CurrencyDisallowed}.
     * @param currency The ERC-20.
     */
    function disallowCurrency(address currency) external restricted {
        delete _currencies[currency];
        emit CurrencyDisallowed(currency);
    }

    /// @notice Whether orders may pay in `currency` (address(0), the native coin, always may).
    /// @param currency The currency.
    /// @return True if allowed.
    function isCurrencyAllowed(address currency) external view returns (bool) {
        return currency == address(0) || _currencies[currency].allowed;
    }

    /// @notice When a scheduled allowance of `currency` matures (0 if none is scheduled).
    /// @param currency The currency.
    /// @return The timestamp.
    function currencyEta(address currency) external view returns (uint64) {
        return _currencies[currency].eta;
    }

    // ---------------------------------------------------------------------------------------
    // Fees
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Sets the fee recipient and rate (admin only). Applies to every later fill, including
     * fills of orders signed before.
     * @dev Reverts with {ZeroAddress} or {FeeTooHigh}. Emits {FeeSet}.
     * @param recipient Receiver of withdrawn fees (also of fees accrued before this call).
     * @param feeBps Fee in basis points, at most {MAX_FEE_BPS}.
     */
    function setFee(address recipient, uint16 feeBps) external restricted {
        _setFee(recipient, feeBps);
    }

    /**
     * @notice Sends the fees accrued in `currency` (address(0): native coin), i.e. this contract's
     * whole balance of it, to the fee recipient. Anyone may call; does nothing when there is none.
     * @dev Emits {FeesWithdrawn}; reverts with {NativeTransferFailed} if the recipient refuses
     * native coin (fills are not affected; the admin can change the recipient).
     * @param currency The currency.
     */
    function withdrawFees(address currency) external nonReentrant {
        address recipient = _feeConfig.recipient;
        if (currency == address(0)) {
            uint256 amount = address(this).balance;
            if (amount == 0) return;
            emit FeesWithdrawn(currency, recipient, amount);
            _sendNative(recipient, amount);
        } else {
            uint256 amount = IERC20(currency).balanceOf(address(this));
            if (amount == 0) return;
            emit FeesWithdrawn(currency, recipient, amount);
            IERC20(currency).safeTransfer(recipient, amount);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Fill status of an order hash (an EIP-712 digest from {hashListing} & co.).
     * @dev Offers and criteria offers record every fill. Listings record a fill only while their own
     * remainder (`units - filledUnits`) is below the token's units; from the first fill where it is
     * not, the token itself bounds the listing (its units only shrink under one nonce, and a
     * whole-token fill moves the nonce), so a listing's live remainder is
     * `min(units - filledUnits, token units)`. Swaps never record (the give token's nonce kills them).
     * @param orderHash The order hash.
     * @return filledUnits Units filled so far (for listings: recorded fills, see above).
     * @return cancelled Whether the maker cancelled it.
     */
    function orderStatus(bytes32 orderHash) external view returns (uint256 filledUnits, bool cancelled) {
        OrderStatus memory s = _statuses[orderHash];
        return (s.filledUnits, s.cancelled);
    }

    /// @notice A maker's current counter (orders must carry it).
    /// @param maker The maker.
    /// @return The counter.
    function counter(address maker) external view returns (uint256) {
        return _counters[maker];
    }

    /// @notice Fees accrued and not yet withdrawn in `currency` (address(0): native coin): this
    /// contract's balance of it (it holds nothing else).
    /// @dev Reverts with `ReentrancyGuardReentrantCall` when read during a fill (a native fill holds
    /// the taker's coins for a moment).
    /// @param currency The currency.
    /// @return The amount.
    function accruedFees(address currency) external view nonReentrantView returns (uint256) {
        return currency == address(0) ? address(this).balance : IERC20(currency).balanceOf(address(this));
    }

    /// @notice The fee recipient and rate.
    /// @return recipient Receiver of withdrawn fees.
    /// @return bps Fee in basis points.
    function feeConfig() external view returns (address recipient, uint16 bps) {
        FeeConfig memory f = _feeConfig;
        return (f.recipient, f.bps);
    }

    /// @notice EIP-712 digest of a listing: what the seller signs, and its order hash.
    /// @param listing The listing.
    /// @return The digest.
    function hashListing(Listing calldata listing) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := listing
        }
        return _hashTypedDataV4(_structHash(LISTING_TYPEHASH, offset, _LISTING_SIZE));
    }

    /// @notice EIP-712 digest of an offer: what the buyer signs, and its order hash.
    /// @param o The offer.
    /// @return The digest.
    function hashOffer(Offer calldata o) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := o
        }
        return _hashTypedDataV4(_structHash(OFFER_TYPEHASH, offset, _OFFER_SIZE));
    }

    /// @notice EIP-712 digest of a criteria offer: what the buyer signs, and its order hash.
    /// @param o The criteria offer.
    /// @return The digest.
    function hashCriteriaOffer(CriteriaOffer calldata o) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := o
        }
        return _hashTypedDataV4(_structHash(CRITERIA_OFFER_TYPEHASH, offset, _CRITERIA_OFFER_SIZE));
    }

    /// @notice EIP-712 digest of a swap order: what the maker signs, and its order hash.
    /// @param s The swap order.
    /// @return The digest.
    function hashSwapOrder(SwapOrder calldata s) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := s
        }
        return _hashTypedDataV4(_structHash(SWAP_ORDER_TYPEHASH, offset, _SWAP_ORDER_SIZE));
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev One listing fill; `valueLeft` is what remains of `msg.value`, the return value what
    /// remains after this fill.
    ///
    /// Listing status is written only when the listing's own remainder (`units - filledUnits`) is
    /// below the token's units. Otherwise the token bounds every later fill of the listing by
    /// itself: under one token nonce its units only shrink, and each fill carves exactly its units
    /// off it (a whole-token fill moves the nonce and kills the listing). So from the first fill
    /// whose remainder covers the token, the recorded `filledUnits` plus the token's units never
    /// exceed `units`, and the listing can never fill more than `units` in total. The remainder a
    /// fill is checked against is therefore `min(units - filledUnits, token units)`.
    function _fillListing(
        Listing calldata listing,
        bytes calldata signature,
        uint256 units,
        FeeConfig memory fee,
        uint256 valueLeft
    ) private returns (uint256) {
        bytes32 orderHash = hashListing(listing);
        if (units == 0) revert ZeroUnits();
        uint256 filled = _checkLive(orderHash, listing.seller, listing.counter, listing.expiry);
        _checkSignature(listing.seller, orderHash, signature);
        uint256 tokenUnits = _listedTokenUnits(listing);
        // filled <= listing.units: listing.units is part of the hash and recorded fills never pass it
        uint256 cap = listing.units - filled;
        _checkFillSize(cap < tokenUnits ? cap : tokenUnits, listing.minFill, units);

        uint256 payment = listing.pricePerUnit * units;
        uint256 feeAmount = fee.bps == 0 ? 0 : (payment * fee.bps) / _BPS;
        if (listing.currency == address(0)) {
            if (payment > valueLeft) revert InsufficientValue(payment, valueLeft);
            valueLeft -= payment;
        } else {
            _requireCurrency(listing.currency);
        }
        // effects (`cap < tokenUnits` implies a partial fill, see above)
        if (cap < tokenUnits) _statuses[orderHash].filledUnits = SafeCast.toUint248(filled + units);
        // interactions
        _settleListing(orderHash, listing, units, units == tokenUnits, payment, feeAmount);
        return valueLeft;
    }

    /// @dev The listed token must be the seller's, with the signed nonce, and tradable; returns its units.
    function _listedTokenUnits(Listing calldata listing) private view returns (uint256) {
        uint256 tokenId = listing.tokenId;
        (address holder, uint256 tokenUnits, uint32 nonce, bool tradable) = token.tradeState(tokenId);
        if (holder != listing.seller) revert NotTokenOwner(tokenId, listing.seller, holder);
        if (nonce != listing.tokenNonce) revert StaleTokenNonce(tokenId, listing.tokenNonce, nonce);
        if (!tradable) revert NotTradable(tokenId);
        return tokenUnits;
    }

    /// @dev Delivery and payment of a listing fill (the interactions), then its event.
    function _settleListing(
        bytes32 orderHash,
        Listing calldata listing,
        uint256 units,
        bool whole,
        uint256 payment,
        uint256 feeAmount
    ) private {
        address seller = listing.seller;
        address currency = listing.currency;
        uint256 delivered = _deliver(seller, msg.sender, listing.tokenId, units, whole);
        if (currency == address(0)) _sendNative(seller, payment - feeAmount);
        else _payErc20(IERC20(currency), msg.sender, seller, payment, feeAmount);
        emit OrderFilled(orderHash, KIND_LISTING, seller, msg.sender, delivered, units, currency, payment, feeAmount);
    }

    /// @dev Offer / criteria-offer fill after the order checks: checks the caller's token, records
    /// the fill (offers are not bound to a token nonce, so every fill is).
    function _recordSale(
        bytes32 orderHash,
        uint256 tokenId,
        uint256 units,
        uint256 filled,
        uint256 pricePerUnit
    ) private returns (uint256 payment, uint256 feeAmount, bool whole) {
        (address holder, uint256 tokenUnits,, bool tradable) = token.tradeState(tokenId);
        if (holder != msg.sender) revert NotTokenOwner(tokenId, msg.sender, holder);
        if (!tradable) revert NotTradable(tokenId);
        whole = units == tokenUnits;
        payment = pricePerUnit * units;
        uint16 bps = _feeConfig.bps;
        if (bps != 0) feeAmount = (payment * bps) / _BPS;
        _statuses[orderHash].filledUnits = SafeCast.toUint248(filled + units);
    }

    /// @dev Delivery and payment of an offer or criteria-offer fill (the interactions), then its event.
    function _settleSale(
        bytes32 orderHash,
        uint8 kind,
        address buyer,
        address currency,
        uint256 tokenId,
        uint256 units,
        bool whole,
        uint256 payment,
        uint256 feeAmount
    ) private {
        uint256 delivered = _deliver(msg.sender, buyer, tokenId, units, whole);
        _payErc20(IERC20(currency), buyer, msg.sender, payment, feeAmount);
        emit OrderFilled(orderHash, kind, buyer, msg.sender, delivered, units, currency, payment, feeAmount);
    }

    /// @dev Checks expiry, counter and cancellation, then the fill size against the order's
    /// remaining units. Returns the units filled so far.
    function _checkOrder(
        bytes32 orderHash,
        address maker,
        uint256 orderCounter,
        uint64 expiry,
        uint256 orderUnits,
        uint256 minFill,
        uint256 units
    ) private view returns (uint256 filled) {
        if (units == 0) revert ZeroUnits();
        filled = _checkLive(orderHash, maker, orderCounter, expiry);
        // filled <= orderUnits: the units are part of the hash and fills never pass them
        _checkFillSize(orderUnits - filled, minFill, units);
    }

    function _checkFillSize(uint256 remaining, uint256 minFill, uint256 units) private pure {
        if (units > remaining) revert Overfill(remaining, units);
        if (units < minFill && units != remaining) revert FillTooSmall(minFill, units);
    }

    /// @dev Checks expiry, counter and cancellation; returns the units filled so far.
    function _checkLive(bytes32 orderHash, address maker, uint256 orderCounter, uint64 expiry)
        private
        view
        returns (uint256)
    {
        if (block.timestamp > expiry) revert OrderExpired(expiry);
        uint256 current = _counters[maker];
        if (orderCounter != current) revert StaleCounter(orderCounter, current);
        OrderStatus memory s = _statuses[orderHash];
        if (s.cancelled) revert OrderIsCancelled(orderHash);
        return s.filledUnits;
    }

    /// @dev The protocol's one signature rule ({SignaturePolicy}): ECDSA first, then a gas-capped
    /// ERC-1271 call for contract makers.
    function _checkSignature(address signer, bytes32 digest, bytes calldata signature) private view {
        if (!SignaturePolicy.isValidSignatureNow(signer, digest, signature)) revert InvalidSignature();
    }

    function _requireCurrency(address currency) private view {
        if (!_currencies[currency].allowed) revert CurrencyNotAllowed(currency);
    }

    /// @dev See {scheduleCurrency}. Each probe is a staticcall that must succeed with a 32-byte answer.
    function _isMoneyLike(address currency) private view returns (bool) {
        if (currency == address(0) || currency == address(token) || currency == address(this)) return false;
        if (currency.code.length == 0) return false;
        if (
            ERC165Checker.supportsInterface(currency, type(IERC721).interfaceId)
                || ERC165Checker.supportsInterface(currency, type(IERC1155).interfaceId)
        ) return false;
        return _answersWord(currency, abi.encodeCall(IERC20.totalSupply, ()))
            && _answersWord(currency, abi.encodeCall(IERC20.balanceOf, (address(this))))
            && _answersWord(currency, abi.encodeCall(IERC20Metadata.decimals, ()));
    }

    function _answersWord(address target, bytes memory data) private view returns (bool) {
        (bool ok, bytes memory ret) = target.staticcall(data);
        return ok && ret.length == 32;
    }

    function _checkCriteria(CriteriaOffer calldata o, uint256 tokenId) private view {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        address wantedIssuer = o.issuer;
        if (
            t.assetClass != o.assetClass || (wantedIssuer != address(0) && t.issuer != wantedIssuer)
                || t.end <= block.timestamp || t.end - block.timestamp < o.minRemainingTerm
        ) revert CriteriaMismatch(tokenId);
    }

    /// @dev Transfers the whole token or carves `units` off it; returns the token the buyer got.
    function _deliver(address from, address to, uint256 tokenId, uint256 units, bool whole)
        private
        returns (uint256)
    {
        if (whole) {
            token.transferFrom(from, to, tokenId);
            return tokenId;
        }
        return token.carve(tokenId, units, to);
    }

    /// @dev Seller proceeds straight from the payer to the seller, the fee from the payer to this
    /// contract (where it accrues). Zero amounts are skipped (some tokens reject them).
    function _payErc20(IERC20 currency, address payer, address seller, uint256 payment, uint256 feeAmount) private {
        uint256 proceeds = payment - feeAmount;
        if (proceeds != 0) currency.safeTransferFrom(payer, seller, proceeds);
        if (feeAmount != 0) currency.safeTransferFrom(payer, address(this), feeAmount);
    }

    function _cancel(bytes32 orderHash, address maker) private {
        if (maker != msg.sender) revert NotTheMaker(msg.sender, maker);
        _statuses[orderHash].cancelled = true;
        emit OrderCancelled(orderHash, maker);
    }

    function _setFee(address recipient, uint16 feeBps_) private {
        if (recipient == address(0)) revert ZeroAddress();
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        _feeConfig = FeeConfig({recipient: recipient, bps: feeBps_});
        emit FeeSet(recipient, feeBps_);
    }

    /// @dev Sends native coin with all gas and no returndata copy; skips zero amounts.
    function _sendNative(address to, uint256 amount) private {
        Transfers.sendNative(to, amount);
    }

    /// @dev `keccak256(typeHash || order)`: every order field is a static type, so its ABI calldata
    /// encoding (`size` bytes at `offset`, one 32-byte word per field, in type-string order) is
    /// exactly EIP-712's `enc(field_1) || ... || enc(field_n)`, and is hashed without decoding it
    /// into memory. A narrow field (address, uint32, uint64) with dirty high bits gives another hash
    /// than its canonical encoding, so an honest signature no longer matches; and every fill also
    /// reads each narrow field through the ABI decoder, which reverts on such input (tested with
    /// dirty calldata). Writes above the free memory pointer without moving it (scratch use).
    function _structHash(bytes32 typeHash, uint256 offset, uint256 size) private pure returns (bytes32 h) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), offset, size)
            h := keccak256(ptr, add(size, 0x20))
        }
    }
}
