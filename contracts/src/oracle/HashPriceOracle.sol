// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {AttestationExpired, TooManyItems, ZeroAddress} from "../common/Errors.sol";
import {BasisPoints} from "../common/Errors.sol";
import {HashMixEIP712} from "../common/HashMixEIP712.sol";
import {SignaturePolicy} from "../common/SignaturePolicy.sol";
import {IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IHashPriceOracle} from "./IHashPriceOracle.sol";

/**
 * @title HashPriceOracle
 * @notice Hashprice and payout token prices per asset class, observed by the attestor committee.
 *
 * Each committee member observes on its own and signs its own `PriceObservation` (EIP-712, domain
 * "HashMix", "1", this chain, this oracle): asset class, its hashprice (numeraire per capacity base
 * unit per day, 18 decimals), its payout token price (numeraire per payout token base unit, x 1e18),
 * the observation time, a deadline and the committee epoch. Anyone relays a {PriceReport} carrying at
 * least the class's attestor threshold of observations, observers strictly ascending (so distinct),
 * all active attestors of the current committee epoch; the oracle stores the median of the
 * hashprices and the median of the payout prices (the lower median for an even count: always one
 * of the observed values). A minority of bad observers cannot move a median outside the range of
 * the honest observations.
 *
 * Replay: a report's `observedAt` must be later than the class's last recorded one (and not in the
 * future), and its deadline not passed; the domain binds it to this chain and contract.
 *
 * Bounds per asset class (set with {scheduleBounds}, applied after {BOUNDS_DELAY} by anyone with
 * {applyBounds}): the heartbeat `maxAge` (a price older than it is stale) and `maxMoveBps` (a report
 * moving either price by more than that, relative to the last recorded one, is recorded but trips
 * the feed: the price is unusable until a following report lies within the bound of the new level,
 * i.e. confirms it). The price guardian's circuit breaker ({setPaused}) acts at once. An unusable
 * price makes {prices} revert with `PriceUnusable`: callers stop (no swaps, no new loans) instead
 * of valuing anything at 0.
 */
contract HashPriceOracle is IHashPriceOracle, HashMixEIP712, AccessManaged {
    /// @dev Bounds waiting for their delay.
    struct PendingBounds {
        uint32 maxAge;
        uint16 maxMoveBps;
        uint64 eta;
    }

    /// @notice EIP-712 type hash of one observer's observation.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant PRICE_OBSERVATION_TYPEHASH = keccak256(
        "PriceObservation(bytes32 assetClass,uint256 hashprice,uint256 payoutPrice,uint64 observedAt,"
        "uint64 deadline,uint64 committeeEpoch)"
    );

    /// @notice Delay between {scheduleBounds} and {applyBounds}.
    uint64 public constant BOUNDS_DELAY = 2 days;
    /// @notice Shortest heartbeat a class may have.
    uint32 public constant MIN_MAX_AGE = 1 minutes;
    /// @notice Longest heartbeat a class may have.
    uint32 public constant MAX_MAX_AGE = 7 days;
    /// @notice Largest per-report move bound (100%).
    uint16 public constant MAX_MOVE_BPS = 10_000;
    /// @notice Most observations one report may carry.
    uint256 public constant MAX_OBSERVATIONS = 32;

    /// @notice The committee whose members observe.
    IAttestorRegistry public immutable attestorRegistry;

    mapping(bytes32 assetClass => Feed) private _feeds;
    mapping(bytes32 assetClass => PendingBounds) private _pending;

    /// @notice Bounds outside `[MIN_MAX_AGE, MAX_MAX_AGE]` or `maxMoveBps` outside `[1, MAX_MOVE_BPS]`.
    error InvalidBounds(uint32 maxAge, uint16 maxMoveBps);
    /// @notice No bounds change is scheduled for the class.
    error BoundsNotScheduled(bytes32 assetClass);
    /// @notice The scheduled bounds of the class apply from `eta` on.
    error BoundsNotReady(bytes32 assetClass, uint64 eta);
    /// @notice The class has no bounds: no report can be recorded.
    error FeedNotConfigured(bytes32 assetClass);
    /// @notice The report's observation time is in the future.
    error ObservationInFuture(uint64 observedAt);
    /// @notice The report is not newer than the last recorded one (a replay or a late report).
    error ObservationNotNewer(uint64 observedAt, uint64 lastObservedAt);
    /// @notice The report was signed for another committee epoch.
    error WrongCommitteeEpoch(uint64 signed, uint64 current);
    /// @notice The class's attestor threshold is not set.
    error ThresholdNotSet(bytes32 assetClass);
    /// @notice Fewer observations than the class's threshold.
    error TooFewObservations(uint256 count, uint256 required);
    /// @notice Observers are not strictly ascending (a duplicate or unsorted observer).
    error ObserversNotSorted(address previous, address observer);
    /// @notice The observer is not an active attestor.
    error NotAnActiveObserver(address observer);
    /// @notice An observed price is 0 or above 128 bits.
    error InvalidObservation(address observer);
    /// @notice The observer's signature does not verify.
    error InvalidObservationSignature(address observer);

    /// @notice New bounds of `assetClass` were scheduled; they can apply from `eta` on.
    event BoundsScheduled(bytes32 indexed assetClass, uint32 maxAge, uint16 maxMoveBps, uint64 eta);
    /// @notice The bounds of `assetClass` changed.
    event BoundsApplied(bytes32 indexed assetClass, uint32 maxAge, uint16 maxMoveBps);
    /// @notice The guardian paused or resumed the feed of `assetClass`.
    event FeedPaused(bytes32 indexed assetClass, bool paused);
    /// @notice A report was recorded (`tripped`: it moved a price beyond the bound, feed unusable).
    event PriceReported(
        bytes32 indexed assetClass,
        uint64 indexed observedAt,
        uint256 hashprice,
        uint256 payoutPrice,
        uint256 observations,
        bool tripped
    );

    /**
     * @notice Deploys the oracle with EIP-712 domain ("HashMix", "1").
     * @param authority The protocol's AccessManager (admin schedules bounds; `PRICE_GUARDIAN` pauses).
     * @param attestors The attestor registry ({ZeroAddress} if zero).
     */
    constructor(address authority, IAttestorRegistry attestors) AccessManaged(authority) {
        if (address(attestors) == address(0)) revert ZeroAddress();
        attestorRegistry = attestors;
    }

    // ---------------------------------------------------------------------------------------
    // Bounds and circuit breaker
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Schedules bounds for an asset class; they can be applied after {BOUNDS_DELAY}.
     * Scheduling again replaces the pending change and restarts the delay.
     * @dev Admin. Reverts with {InvalidBounds}. Emits {BoundsScheduled}.
     * @param assetClass Asset class id.
     * @param maxAge Heartbeat in seconds.
     * @param maxMoveBps Largest move per report, in basis points.
     */
    function scheduleBounds(bytes32 assetClass, uint32 maxAge, uint16 maxMoveBps) external restricted {
        if (maxAge < MIN_MAX_AGE || maxAge > MAX_MAX_AGE || maxMoveBps == 0 || maxMoveBps > MAX_MOVE_BPS) {
            revert InvalidBounds(maxAge, maxMoveBps);
        }
        uint64 eta = uint64(block.timestamp) + BOUNDS_DELAY;
        _pending[assetClass] = PendingBounds({maxAge: maxAge, maxMoveBps: maxMoveBps, eta: eta});
        emit BoundsScheduled(assetClass, maxAge, maxMoveBps, eta);
    }

    /**
     * @notice Applies the scheduled bounds of an asset class once their delay has passed. Anyone may call.
     * @dev Reverts with {BoundsNotScheduled} or {BoundsNotReady}. Emits {BoundsApplied}.
     * @param assetClass Asset class id.
     */
    function applyBounds(bytes32 assetClass) external {
        PendingBounds memory p = _pending[assetClass];
        if (p.eta == 0) revert BoundsNotScheduled(assetClass);
        if (block.timestamp < p.eta) revert BoundsNotReady(assetClass, p.eta);
        delete _pending[assetClass];
        Feed storage f = _feeds[assetClass];
        f.maxAge = p.maxAge;
        f.maxMoveBps = p.maxMoveBps;
        emit BoundsApplied(assetClass, p.maxAge, p.maxMoveBps);
    }

    /**
     * @notice The circuit breaker: pauses (or resumes) an asset class's price at once. While paused,
     * {prices} reverts and so every valuation of the class (swaps, new loans) stops.
     * @dev Role `PRICE_GUARDIAN`. Emits {FeedPaused}.
     * @param assetClass Asset class id.
     * @param paused True to pause.
     */
    function setPaused(bytes32 assetClass, bool paused) external restricted {
        _feeds[assetClass].paused = paused;
        emit FeedPaused(assetClass, paused);
    }

    // ---------------------------------------------------------------------------------------
    // Reports
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Records a price report (see the contract docs). Anyone may relay it.
     * @dev Reverts, in this order, with {FeedNotConfigured}, `AttestationExpired`,
     * {ObservationInFuture}, {ObservationNotNewer}, {WrongCommitteeEpoch}, {ThresholdNotSet},
     * `TooManyItems`, {TooFewObservations}, then per observation {ObserversNotSorted},
     * {NotAnActiveObserver}, {InvalidObservation}, {InvalidObservationSignature}. Emits {PriceReported}.
     * @param report The report.
     * @return hashprice The recorded median hashprice.
     * @return payoutPrice The recorded median payout price.
     */
    function submitReport(PriceReport calldata report) external returns (uint256 hashprice, uint256 payoutPrice) {
        bytes32 assetClass = report.assetClass;
        Feed memory f = _feeds[assetClass];
        if (f.maxAge == 0) revert FeedNotConfigured(assetClass);
        if (block.timestamp > report.deadline) revert AttestationExpired(report.deadline);
        if (report.observedAt > block.timestamp) revert ObservationInFuture(report.observedAt);
        if (report.observedAt <= f.observedAt) revert ObservationNotNewer(report.observedAt, f.observedAt);
        IAttestorRegistry registry = attestorRegistry;
        uint64 epoch = registry.epoch();
        if (report.committeeEpoch != epoch) revert WrongCommitteeEpoch(report.committeeEpoch, epoch);
        uint256 required = registry.threshold(assetClass);
        if (required == 0) revert ThresholdNotSet(assetClass);
        uint256 n = report.observations.length;
        if (n > MAX_OBSERVATIONS) revert TooManyItems(n, MAX_OBSERVATIONS);
        if (n < required) revert TooFewObservations(n, required);

        uint256[] memory hashprices = new uint256[](n);
        uint256[] memory payoutPrices = new uint256[](n);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            Observation calldata o = report.observations[i];
            _checkObservation(registry, report, o, previous);
            hashprices[i] = o.hashprice;
            payoutPrices[i] = o.payoutPrice;
            previous = o.observer;
        }
        hashprice = _median(hashprices);
        payoutPrice = _median(payoutPrices);

        bool tripped = f.observedAt != 0
            && (
                _movedTooFar(f.hashprice, hashprice, f.maxMoveBps)
                    || _movedTooFar(f.payoutPrice, payoutPrice, f.maxMoveBps)
            );
        Feed storage s = _feeds[assetClass];
        s.hashprice = uint128(hashprice);
        s.payoutPrice = uint128(payoutPrice);
        s.observedAt = report.observedAt;
        s.tripped = tripped;
        emit PriceReported(assetClass, report.observedAt, hashprice, payoutPrice, n, tripped);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc IHashPriceOracle
    function prices(bytes32 assetClass) external view returns (uint256 hashprice, uint256 payoutPrice) {
        Feed memory f = _feeds[assetClass];
        if (!_usable(f)) revert IHashPowerValuation.PriceUnusable(assetClass);
        return (f.hashprice, f.payoutPrice);
    }

    /**
     * @notice Whether the price of an asset class is usable now (what {prices} checks).
     * @param assetClass Asset class id.
     * @return True if usable.
     */
    function isUsable(bytes32 assetClass) external view returns (bool) {
        return _usable(_feeds[assetClass]);
    }

    /**
     * @notice The stored feed of an asset class, usable or not (zeros if never configured).
     * @param assetClass Asset class id.
     * @return The feed.
     */
    function feed(bytes32 assetClass) external view returns (Feed memory) {
        return _feeds[assetClass];
    }

    /**
     * @notice The scheduled bounds change of an asset class (`eta == 0`: none).
     * @param assetClass Asset class id.
     * @return maxAge Scheduled heartbeat.
     * @return maxMoveBps Scheduled move bound.
     * @return eta When it can be applied.
     */
    function pendingBounds(bytes32 assetClass) external view returns (uint32 maxAge, uint16 maxMoveBps, uint64 eta) {
        PendingBounds memory p = _pending[assetClass];
        return (p.maxAge, p.maxMoveBps, p.eta);
    }

    /**
     * @notice The EIP-712 digest `observer` signs for its observation in `report`.
     * @param report The report (its observations are ignored).
     * @param hashprice The observer's hashprice.
     * @param payoutPrice The observer's payout price.
     * @return The digest.
     */
    function hashObservation(PriceReport calldata report, uint256 hashprice, uint256 payoutPrice)
        external
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(_observationHash(report, hashprice, payoutPrice));
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    function _checkObservation(
        IAttestorRegistry registry,
        PriceReport calldata report,
        Observation calldata o,
        address previous
    ) private view {
        address observer = o.observer;
        if (observer <= previous) revert ObserversNotSorted(previous, observer);
        if (!registry.isActiveAttestor(observer)) revert NotAnActiveObserver(observer);
        if (
            o.hashprice == 0 || o.payoutPrice == 0 || o.hashprice > type(uint128).max
                || o.payoutPrice > type(uint128).max
        ) revert InvalidObservation(observer);
        bytes32 digest = _hashTypedDataV4(_observationHash(report, o.hashprice, o.payoutPrice));
        if (!SignaturePolicy.isValidSignatureNow(observer, digest, o.signature)) {
            revert InvalidObservationSignature(observer);
        }
    }

    function _usable(Feed memory f) private view returns (bool) {
        return f.observedAt != 0 && f.maxAge != 0 && !f.paused && !f.tripped
            && block.timestamp <= uint256(f.observedAt) + f.maxAge;
    }

    function _observationHash(PriceReport calldata r, uint256 hashprice, uint256 payoutPrice)
        private
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                PRICE_OBSERVATION_TYPEHASH,
                r.assetClass,
                hashprice,
                payoutPrice,
                r.observedAt,
                r.deadline,
                r.committeeEpoch
            )
        );
    }

    /// @dev `|next - prev| * 10,000 > prev * maxMoveBps` (both below 2^128: no overflow).
    function _movedTooFar(uint256 prev, uint256 next, uint256 maxMoveBps) private pure returns (bool) {
        uint256 diff = next > prev ? next - prev : prev - next;
        return diff * BasisPoints.DENOMINATOR > prev * maxMoveBps;
    }

    /// @dev The lower median (index `(n - 1) / 2` of the sorted values); insertion sort, n <= 32.
    function _median(uint256[] memory v) private pure returns (uint256) {
        uint256 n = v.length;
        for (uint256 i = 1; i < n; ++i) {
            uint256 x = v[i];
            uint256 j = i;
            while (j > 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                --j;
            }
            v[j] = x;
        }
        return v[(n - 1) / 2];
    }
}
