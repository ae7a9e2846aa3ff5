// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {ICollateralPolicy} from "../interfaces/ICollateralPolicy.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {CreditMath} from "./CreditMath.sol";

/**
 * @title CollateralPolicy
 * @notice The collateral a product needs at mint, set by its issuer's credit: a newcomer posts the
 * most, a long clean record the least, within the bounds {bestBps} .. {newcomerBps}.
 *
 * `required = ceil(baseRate x (covered x multiplier + (promised - covered) x newcomerBps) / (1 day x 10,000 x 1e18))`
 * where `promised = capacity x term` (unit-seconds), `covered = min(promised, classCredit)` (what
 * the issuer already delivered in that asset class, decayed: a discount never covers more exposure
 * than the record has proven, so a record built on a tiny product buys a tiny discount), the
 * multiplier falls linearly from {newcomerBps} at a score of 300 (or less) to {bestBps} at 1,000,
 * and `baseRate` is the asset class's rate in payout-token base units per unit-day, x 1e18 (0: no
 * requirement). See {CreditMath-requiredCollateral} and docs/credit.md.
 * @dev Base rates change only after {RATE_DELAY} ({scheduleBaseRate}, then {applyBaseRate} by anyone).
 */
contract CollateralPolicy is ICollateralPolicy, AccessManaged {
    /// @notice A quote of {requiredCollateral} with its parts.
    /// @param required The collateral required.
    /// @param baseRate The asset class's base rate (x 1e18).
    /// @param collateralScore The issuer's score for collateral terms.
    /// @param multiplierBps The multiplier of that score.
    /// @param promised Promised unit-seconds of the product.
    /// @param covered The part of it the issuer's record covers.
    // solhint-disable-next-line gas-struct-packing
    struct Quote {
        uint256 required;
        uint256 baseRate;
        uint256 collateralScore;
        uint256 multiplierBps;
        uint256 promised;
        uint256 covered;
    }

    /// @dev A scheduled base rate.
    struct PendingRate {
        uint192 rate;
        uint64 eta;
    }

    /// @notice Delay between scheduling and applying a base rate.
    uint64 public constant RATE_DELAY = 7 days;
    /// @notice Largest base rate.
    uint256 public constant MAX_BASE_RATE = type(uint128).max;
    /// @notice Largest multiplier a policy may be deployed with (10x).
    uint256 public constant MAX_MULTIPLIER_BPS = 100_000;

    /// @notice Where scores come from.
    ICreditScore public immutable credit;
    /// @notice Multiplier of a perfect score, basis points (10,000 = 1x).
    uint256 public immutable bestBps;
    /// @notice Multiplier of a newcomer (and of any score at or below 300), basis points.
    uint256 public immutable newcomerBps;

    mapping(bytes32 assetClass => uint256) private _rates;
    mapping(bytes32 assetClass => PendingRate) private _pending;

    /// @notice Multipliers outside `10,000 <= best <= newcomer <= 100,000`.
    error InvalidMultipliers(uint256 best, uint256 newcomer);
    /// @notice A base rate above {MAX_BASE_RATE}.
    error BaseRateTooLarge(uint256 rate);
    /// @notice No base rate is scheduled for the asset class.
    error NoPendingRate(bytes32 assetClass);
    /// @notice The scheduled base rate cannot be applied before `eta`.
    error RateNotReady(bytes32 assetClass, uint64 eta);

    /// @notice A base rate was scheduled, applicable from `eta`.
    event BaseRateScheduled(bytes32 indexed assetClass, uint256 rate, uint64 eta);
    /// @notice The base rate of an asset class changed.
    event BaseRateApplied(bytes32 indexed assetClass, uint256 rate);

    /**
     * @param authority The protocol's AccessManager (its admin schedules base rates).
     * @param credit_ The credit registry.
     * @param best Multiplier of a perfect score (e.g. 10,000 = 1x).
     * @param newcomer Multiplier of a newcomer (e.g. 30,000 = 3x).
     */
    constructor(address authority, ICreditScore credit_, uint256 best, uint256 newcomer)
        AccessManaged(authority)
    {
        if (address(credit_) == address(0)) revert ZeroAddress();
        if (best < CreditMath.BPS || best > newcomer || newcomer > MAX_MULTIPLIER_BPS) {
            revert InvalidMultipliers(best, newcomer);
        }
        credit = credit_;
        bestBps = best;
        newcomerBps = newcomer;
    }

    /**
     * @notice Schedules the base rate of an asset class (payout base units per unit-day, x 1e18),
     * applicable after {RATE_DELAY}; replaces any pending rate and restarts the delay.
     * @dev Admin (AccessManager). Reverts with {BaseRateTooLarge}. Emits {BaseRateScheduled}.
     * @param assetClass The asset class.
     * @param rate The rate (0 removes the requirement).
     */
    function scheduleBaseRate(bytes32 assetClass, uint256 rate) external restricted {
        if (rate > MAX_BASE_RATE) revert BaseRateTooLarge(rate);
        uint64 eta = uint64(block.timestamp) + RATE_DELAY;
        _pending[assetClass] = PendingRate({rate: uint192(rate), eta: eta});
        emit BaseRateScheduled(assetClass, rate, eta);
    }

    /**
     * @notice Puts a scheduled base rate in force once its delay has passed. Anyone may call.
     * @dev Reverts with {NoPendingRate} or {RateNotReady}. Emits {BaseRateApplied}.
     * @param assetClass The asset class.
     */
    function applyBaseRate(bytes32 assetClass) external {
        PendingRate memory p = _pending[assetClass];
        if (p.eta == 0) revert NoPendingRate(assetClass);
        if (block.timestamp < p.eta) revert RateNotReady(assetClass, p.eta);
        delete _pending[assetClass];
        _rates[assetClass] = p.rate;
        emit BaseRateApplied(assetClass, p.rate);
    }

    /// @inheritdoc ICollateralPolicy
    function requiredCollateral(address issuer, bytes32 assetClass, uint256 capacity, uint64 start, uint64 end)
        external
        view
        returns (uint256)
    {
        uint256 rate = _rates[assetClass];
        if (rate == 0) return 0;
        uint256 term = end > start ? end - start : 0;
        // Nothing delivered in the class yet: every unit-second is charged at the newcomer multiplier,
        // whatever the score (the common case of a first product skips the score).
        uint256 classCredit = credit.classCreditOf(issuer, assetClass);
        if (classCredit == 0) {
            return CreditMath.requiredCollateral(rate, capacity, term, 0, newcomerBps, newcomerBps);
        }
        uint256 s;
        (s, classCredit) = credit.collateralTerms(issuer, assetClass);
        return CreditMath.requiredCollateral(
            rate, capacity, term, classCredit, CreditMath.multiplierBps(s, bestBps, newcomerBps), newcomerBps
        );
    }

    /**
     * @notice {requiredCollateral} with its parts, for a planned product.
     * @param issuer The issuer.
     * @param assetClass The asset class.
     * @param capacity The capacity.
     * @param start Start of the term.
     * @param end End of the term.
     * @return q The quote.
     */
    function quote(address issuer, bytes32 assetClass, uint256 capacity, uint64 start, uint64 end)
        external
        view
        returns (Quote memory q)
    {
        uint256 term = end > start ? end - start : 0;
        uint256 classCredit;
        (q.collateralScore, classCredit) = credit.collateralTerms(issuer, assetClass);
        q.baseRate = _rates[assetClass];
        q.multiplierBps = CreditMath.multiplierBps(q.collateralScore, bestBps, newcomerBps);
        q.promised = capacity * term;
        q.covered = q.promised < classCredit ? q.promised : classCredit;
        q.required =
            CreditMath.requiredCollateral(q.baseRate, capacity, term, classCredit, q.multiplierBps, newcomerBps);
    }

    /// @notice The base rate in force for an asset class (0: no requirement).
    /// @param assetClass The asset class.
    /// @return The rate (x 1e18).
    function baseRate(bytes32 assetClass) external view returns (uint256) {
        return _rates[assetClass];
    }

    /// @notice The scheduled base rate of an asset class (`eta == 0`: none).
    /// @param assetClass The asset class.
    /// @return rate The rate.
    /// @return eta When it can be applied.
    function pendingBaseRate(bytes32 assetClass) external view returns (uint256 rate, uint64 eta) {
        PendingRate memory p = _pending[assetClass];
        return (p.rate, p.eta);
    }
}
