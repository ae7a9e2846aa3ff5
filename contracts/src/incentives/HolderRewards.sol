// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LengthMismatch, TooManyItems, ZeroAddress} from "../common/Errors.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHoldingHistory} from "../interfaces/IHoldingHistory.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";

/**
 * @title HolderRewards
 * @notice Rewards for holders of one asset class's hash power tokens, by units x time held, read
 * from the token's holding history: no hook in the token, no registration by holders, and moving
 * tokens between one's own accounts earns nothing more (units x time is conserved).
 *
 * Supply: a product counts from the day after it is registered (or its start, if later) to the day
 * its term ends, by its capacity: every unit of a live product is held by someone at every moment,
 * so the units x time of all holdings of counted products over a day is exactly `supply x 1 day`.
 * Products register when the fulfillment vault first reports or settles them (through the observer
 * router), or by anyone ({register}); a frozen or defaulted product stops counting from the next day
 * ({deregister}, anyone).
 *
 * Accumulator: the program's emission, pulled at every touch and attributed to days by time, is
 * spread over each finished day's supply: `acc[d + 1] = acc[d] + reward(d) x PRECISION / supply(d)`
 * (a day without supply pays nobody). A holding `(start, end, units)` of a counted product is owed
 * `units x (A(b) - A(a)) / PRECISION` over `[a, b)` = its time clipped to the product's counted days
 * and to the finished days, `A` being `acc` interpolated linearly inside a day; each holding keeps a
 * cursor (what it was paid), so a claim is O(1) and never pays twice.
 * @dev Finishing days costs one storage write per day, paid by whoever touches the program first
 * after a day ends ({advance} catches up at most {MAX_DAYS_PER_CALL} days per call). Rounding is
 * down everywhere, against the claimant.
 */
contract HolderRewards is IFulfillmentObserver, AccessManaged, ReentrancyGuardTransient {
    /// @dev A product's counted window, in days `[fromDay, toDay)`.
    struct Window {
        uint32 fromDay;
        uint32 toDay;
        uint64 capacity;
        bool registered;
    }

    /// @dev The running state (one slot): the current (unfinished) day, the last pull, the supply
    /// of the current day and the reward attributed to it so far.
    struct State {
        uint32 day;
        uint40 lastPull;
        uint88 supply;
        uint96 today;
    }

    /// @dev A holding's claim cursor.
    struct Cursor {
        uint64 claimedUntil;
        uint192 paid;
    }

    /// @notice Length of a reward day.
    uint256 public constant DAY = 1 days;
    /// @notice Scale of the reward-per-unit accumulator.
    uint256 public constant PRECISION = 1e36;
    /// @notice Most days one call finishes.
    uint256 public constant MAX_DAYS_PER_CALL = 90;
    /// @notice Most holdings one claim takes.
    uint256 public constant MAX_CLAIM_ITEMS = 64;

    /// @notice Where rewards come from (the emission controller).
    IRewardSource public immutable source;
    /// @notice The hash power token.
    IHashPowerToken public immutable token;
    /// @notice The asset class whose holders this program rewards.
    bytes32 public immutable assetClass;

    State private _state;
    uint256 private _undistributed;
    mapping(uint256 day => uint256) private _acc;
    mapping(uint256 day => int256) private _supplyDelta;
    mapping(uint256 productId => Window) private _windows;
    mapping(uint256 tokenId => mapping(uint256 holdingIndex => Cursor)) private _cursors;

    /// @notice The product is not of this program's asset class.
    error WrongAssetClass(uint256 productId, bytes32 assetClass);
    /// @notice The product is neither frozen nor defaulted (or was never registered).
    error StillCounting(uint256 productId);

    /// @notice A product counts from `fromDay` to `toDay` (exclusive).
    event ProductRegistered(uint256 indexed productId, uint256 fromDay, uint256 toDay, uint256 capacity);
    /// @notice A frozen or defaulted product stops counting at `toDay`.
    event ProductDeregistered(uint256 indexed productId, uint256 toDay);
    /// @notice Days up to `day` are finished; the accumulator at its start is `acc`.
    event DaysFinished(uint256 day, uint256 acc, uint256 supply);
    /// @notice `amount` was paid to `holder` for holding `holdingIndex` of `tokenId`.
    event Claimed(uint256 indexed tokenId, uint256 indexed holdingIndex, address indexed holder, uint256 amount);

    /**
     * @param authority The protocol's AccessManager (maps the observer functions to `REWARD_NOTIFIER`).
     * @param source_ The emission controller (the program must be added there).
     * @param token_ The hash power token.
     * @param assetClass_ The asset class.
     */
    constructor(address authority, IRewardSource source_, IHashPowerToken token_, bytes32 assetClass_)
        AccessManaged(authority)
    {
        if (address(source_) == address(0) || address(token_) == address(0)) revert ZeroAddress();
        source = source_;
        token = token_;
        assetClass = assetClass_;
        _state = State({day: uint32(block.timestamp / DAY), lastPull: uint40(block.timestamp), supply: 0, today: 0});
    }

    // ---------------------------------------------------------------------------------------
    // Products
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Counts a product of this asset class from tomorrow (or its start) to the end of its
     * term. Anyone may call; a second call does nothing.
     * @dev Reverts with `UnknownProduct` (token) or {WrongAssetClass}. Emits {ProductRegistered}.
     * @param productId The product.
     */
    function register(uint256 productId) external nonReentrant {
        IHashPowerToken.Product memory p = token.product(productId);
        if (p.assetClass != assetClass) revert WrongAssetClass(productId, p.assetClass);
        _advance(MAX_DAYS_PER_CALL);
        _register(productId, p);
    }

    /**
     * @notice Stops counting a frozen or defaulted product from tomorrow. Anyone may call.
     * @dev Reverts with {StillCounting}. Emits {ProductDeregistered}.
     * @param productId The product.
     */
    function deregister(uint256 productId) external nonReentrant {
        Window memory w = _windows[productId];
        if (!w.registered) revert StillCounting(productId);
        IHashPowerToken.Product memory p = token.product(productId);
        if (!(p.frozen || p.defaulted)) revert StillCounting(productId);
        _advance(MAX_DAYS_PER_CALL);
        uint256 tomorrow = uint256(_state.day) + 1;
        if (tomorrow >= w.toDay) return; // it stops counting by then anyway
        uint256 newTo = tomorrow > w.fromDay ? tomorrow : w.fromDay;
        _supplyDelta[newTo] -= int256(uint256(w.capacity));
        _supplyDelta[w.toDay] += int256(uint256(w.capacity));
        _windows[productId].toDay = uint32(newTo);
        emit ProductDeregistered(productId, newTo);
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER`. For a product of the class: finishes the days since the last
    /// touch (so the protocol's own activity, not claimants, pays for them) and registers the product
    /// on the vault's first sight of it.
    function onSettled(SettledPass calldata pass) external restricted nonReentrant {
        if (pass.assetClass == assetClass) _touch(pass.productId);
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER`. As {onSettled}.
    function onReported(uint256 productId, uint32, bytes32 assetClass_, address[] calldata)
        external
        restricted
        nonReentrant
    {
        if (assetClass_ == assetClass) _touch(productId);
    }

    // ---------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Finishes the days since the last touch (at most `maxDays`). Anyone may call.
     * @param maxDays Most days to finish.
     */
    function advance(uint256 maxDays) external nonReentrant {
        _advance(maxDays);
    }

    /**
     * @notice Pays holdings what they earned over the finished days, each to its recorded holder.
     * Anyone may call.
     * @dev Reverts with `LengthMismatch`, `TooManyItems` or the token's `UnknownHolding`. Emits
     * {Claimed} per holding paid.
     * @param tokenIds Token of each holding.
     * @param holdingIndexes Index of each holding in its token's history.
     * @return total Sum paid.
     */
    function claim(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        nonReentrant
        returns (uint256 total)
    {
        uint256 n = tokenIds.length;
        if (n != holdingIndexes.length) revert LengthMismatch(n, holdingIndexes.length);
        if (n > MAX_CLAIM_ITEMS) revert TooManyItems(n, MAX_CLAIM_ITEMS);
        // only finished days are paid: when today is already the current day, nothing needs pulling
        if (block.timestamp / DAY != _state.day) _advance(MAX_DAYS_PER_CALL);
        for (uint256 i = 0; i < n; ++i) {
            IHoldingHistory.Holding memory h = token.holding(tokenIds[i], holdingIndexes[i]);
            (uint256 amount, uint256 until, uint256 value) = _owed(tokenIds[i], holdingIndexes[i], h);
            if (until == 0) continue;
            _cursors[tokenIds[i]][holdingIndexes[i]] =
                Cursor({claimedUntil: uint64(until), paid: SafeCast.toUint192(value)});
            emit Claimed(tokenIds[i], holdingIndexes[i], h.holder, amount);
            if (amount != 0) {
                total += amount;
                source.payout(h.holder, amount);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice What {claim} would pay a holding now (days already finished; a day that ended since the
     * last touch counts after the next one).
     * @param tokenId Token.
     * @param holdingIndex Holding index.
     * @return amount The amount.
     */
    function claimable(uint256 tokenId, uint256 holdingIndex) external view returns (uint256 amount) {
        (amount,,) = _owed(tokenId, holdingIndex, token.holding(tokenId, holdingIndex));
    }

    /// @notice A product's counted window (days) and capacity.
    /// @param productId The product.
    /// @return w The window.
    function windowOf(uint256 productId) external view returns (Window memory w) {
        return _windows[productId];
    }

    /// @notice The running state: the current (unfinished) day, the last pull, the supply today.
    /// @return day The day.
    /// @return lastPull The last pull.
    /// @return supply The supply.
    function state() external view returns (uint256 day, uint256 lastPull, uint256 supply) {
        State memory st = _state;
        return (st.day, st.lastPull, st.supply);
    }

    /// @notice The accumulator at the start of `day` (reward per unit x {PRECISION}).
    /// @param day The day (finished days and the current one).
    /// @return The value.
    function accumulatorAt(uint256 day) external view returns (uint256) {
        return _acc[day];
    }

    /// @notice Rewards of days without supply (never paid).
    /// @return The amount.
    function undistributed() external view returns (uint256) {
        return _undistributed;
    }

    /// @notice A holding's cursor.
    /// @param tokenId Token.
    /// @param holdingIndex Holding index.
    /// @return claimedUntil Time up to which it was paid.
    /// @return paid Total paid.
    function claimCursor(uint256 tokenId, uint256 holdingIndex)
        external
        view
        returns (uint256 claimedUntil, uint256 paid)
    {
        Cursor memory c = _cursors[tokenId][holdingIndex];
        return (c.claimedUntil, c.paid);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    function _touch(uint256 productId) private {
        _advance(MAX_DAYS_PER_CALL);
        if (!_windows[productId].registered) _register(productId, token.product(productId));
    }

    function _register(uint256 productId, IHashPowerToken.Product memory p) private {
        Window storage w = _windows[productId];
        if (w.registered) return;
        uint256 fromDay = uint256(_state.day) + 1;
        uint256 startDay = Math.ceilDiv(p.start, DAY);
        if (startDay > fromDay) fromDay = startDay;
        uint256 toDay = p.end / DAY;
        w.registered = true;
        w.capacity = uint64(p.capacity);
        if (toDay <= fromDay) {
            w.fromDay = uint32(fromDay);
            w.toDay = uint32(fromDay);
        } else {
            w.fromDay = uint32(fromDay);
            w.toDay = uint32(toDay);
            _supplyDelta[fromDay] += int256(p.capacity);
            _supplyDelta[toDay] -= int256(p.capacity);
        }
        emit ProductRegistered(productId, w.fromDay, w.toDay, p.capacity);
    }

    /// @dev Pulls what accrued, attributes it to days by time, and finishes at most `maxDays` days.
    /// When it stops early (a long quiet stretch), the rest of the pull is kept for the next day to
    /// finish, and the next call resumes from there.
    function _advance(uint256 maxDays) private {
        State memory st = _state;
        uint256 last = st.lastPull;
        if (block.timestamp == last) return;
        uint256 amount = source.pull();
        uint256 target = block.timestamp / DAY;
        uint256 day = st.day;
        bool early = day + maxDays < target;
        if (early) target = day + maxDays;
        uint256 span = block.timestamp - last;
        uint256 left = amount;
        uint256 cur = st.today;
        uint256 supply = st.supply;
        uint256 acc = _acc[day];
        uint256 from = last;
        while (day < target) {
            uint256 dayEnd = (day + 1) * DAY;
            uint256 part = Math.mulDiv(amount, dayEnd - from, span);
            left -= part;
            cur += part;
            if (supply == 0) _undistributed += cur;
            else acc += Math.mulDiv(cur, PRECISION, supply);
            cur = 0;
            from = dayEnd;
            ++day;
            _acc[day] = acc;
            supply = uint256(int256(supply) + _supplyDelta[day]);
            emit DaysFinished(day, acc, supply);
        }
        _state = State({
            day: uint32(day),
            lastPull: uint40(early ? from : block.timestamp),
            supply: SafeCast.toUint88(supply),
            today: SafeCast.toUint96(cur + left)
        });
    }

    /// @dev What a holding is owed now: `amount` to pay, the new cursor `until` (0 if nothing new)
    /// and the holding's total value up to it.
    function _owed(uint256 tokenId, uint256 holdingIndex, IHoldingHistory.Holding memory h)
        private
        view
        returns (uint256 amount, uint256 until, uint256 value)
    {
        Window memory w = _windows[h.productId];
        if (!w.registered) return (0, 0, 0);
        uint256 a = Math.max(h.start, uint256(w.fromDay) * DAY);
        uint256 finished = uint256(_state.day) * DAY;
        uint256 b = Math.min(Math.min(h.end, uint256(w.toDay) * DAY), finished);
        Cursor memory c = _cursors[tokenId][holdingIndex];
        if (b <= a || b <= c.claimedUntil) return (0, 0, 0);
        value = Math.mulDiv(h.units, _accAt(b) - _accAt(a), PRECISION);
        return (value - c.paid, b, value);
    }

    /// @dev The accumulator at `t` (not after the start of the current day): exact at day starts,
    /// linear inside a day.
    function _accAt(uint256 t) private view returns (uint256) {
        uint256 d = t / DAY;
        uint256 start = d * DAY;
        uint256 lo = _acc[d];
        if (t == start) return lo;
        return lo + Math.mulDiv(_acc[d + 1] - lo, t - start, DAY);
    }
}
