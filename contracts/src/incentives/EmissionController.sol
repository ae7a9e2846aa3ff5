// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ZeroAddress, ZeroAmount} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";
import {HMXToken} from "./HMXToken.sol";

/**
 * @title EmissionController
 * @notice The HMX emission schedule and its split across incentive programs. It deploys HMX and is
 * its only minter.
 *
 * Schedule: from {start}, HMX is emitted every second at {initialRate} (HMX wei per second),
 * halved every {halvingPeriod}: `rate(t) = initialRate >> floor((t - start) / halvingPeriod)`. All
 * of it together is less than `2 x initialRate x halvingPeriod`, which the constructor checks
 * against the HMX cap, so the schedule can never run into the cap.
 *
 * Split: each program has a weight; a program accrues `rate x weight / totalWeight` every second
 * (an accumulator of emission per unit of weight, O(1) whatever the number of programs). Programs
 * are added once ({addProgram}: never twice, with weight 0); weights change only after
 * {WEIGHT_DELAY} ({scheduleWeight}, then {applyWeight} by anyone), except before emission starts
 * ({setInitialWeight}: nothing has accrued, so nobody can be hurt) and {suspend}, the circuit
 * breaker that sets a weight to 0 at once. While the total weight is 0, nothing accrues to anyone
 * ({unallocated} counts it: it is never minted).
 *
 * Extra funding: anyone may {fund} a program with HMX; it is burnt here and streamed to the program
 * over {STREAM_DURATION} (so nobody can jump in just before a lump arrives), then minted again as
 * the program's participants claim.
 *
 * Programs {pull} what accrued to them and distribute it by their own accumulators; a participant's
 * claim is paid by {payout}, which mints HMX straight to the participant and never more than the
 * program pulled. Hence: HMX minted <= pulled <= emitted by the schedule + funded.
 */
contract EmissionController is IRewardSource, AccessManaged, ReentrancyGuardTransient {
    /// @dev The global accumulator and total weight (one slot).
    struct Global {
        uint64 lastUpdate;
        uint128 index;
        uint64 totalWeight;
    }

    /// @notice A program's state (amounts fit 96 bits because the HMX cap does).
    /// @param added Whether the program was ever added.
    /// @param weight Its weight.
    /// @param indexSnapshot The global index it accrued up to.
    /// @param extraLast When its funding stream last accrued.
    /// @param side Whether `extraLeft` or `unpulled` may be nonzero (saves reading them otherwise).
    /// @param allocated Everything it pulled (what it may pay out).
    /// @param paid Everything paid out of it.
    /// @param extraLeft Extra funding still streaming to it.
    /// @param extraEnd When the stream ends.
    /// @param unpulled Accrued to it (before a weight change or a funding) but not pulled yet.
    /// @param pendingWeight A scheduled weight.
    /// @param weightEta When it can be applied (0: none).
    struct Program {
        bool added;
        uint64 weight;
        uint128 indexSnapshot;
        uint48 extraLast;
        bool side;
        uint96 allocated;
        uint96 paid;
        uint96 extraLeft;
        uint48 extraEnd;
        uint96 unpulled;
        uint64 pendingWeight;
        uint64 weightEta;
    }

    /// @notice Scale of the emission-per-weight index.
    uint256 public constant SCALE = 1e9;
    /// @notice Delay before a scheduled weight can be applied.
    uint64 public constant WEIGHT_DELAY = 7 days;
    /// @notice How long extra funding streams to its program.
    uint64 public constant STREAM_DURATION = 7 days;
    /// @notice Most halvings the schedule goes through (after that the rate is 0).
    uint256 public constant MAX_ERAS = 128;

    /// @notice The HMX token (deployed here; this contract is its only minter).
    HMXToken public immutable hmx;
    /// @notice When emission starts.
    uint64 public immutable start;
    /// @notice HMX wei per second in the first era.
    uint256 public immutable initialRate;
    /// @notice Length of an era (the rate halves after each).
    uint64 public immutable halvingPeriod;

    Global private _global;
    uint256 private _unallocated;
    uint256 private _funded;
    mapping(address program => Program) private _programs;

    /// @notice A schedule that could exceed the HMX cap, or has a zero rate or era.
    error InvalidSchedule();
    /// @notice The program was already added once.
    error ProgramAlreadyAdded(address program);
    /// @notice The caller or argument is not an added program.
    error UnknownProgram(address program);
    /// @notice No weight is scheduled for the program.
    error NoPendingWeight(address program);
    /// @notice The scheduled weight cannot be applied before `eta`.
    error WeightNotReady(address program, uint64 eta);
    /// @notice Emission has started: weights change only through the delay.
    error EmissionStarted(uint64 start);
    /// @notice A payout above what the program pulled and has not paid.
    error PayoutExceedsAllocation(address program, uint256 available, uint256 wanted);

    /// @notice A program was added (weight 0).
    event ProgramAdded(address indexed program);
    /// @notice A weight was scheduled, applicable from `eta`.
    event WeightScheduled(address indexed program, uint64 weight, uint64 eta);
    /// @notice A program's weight changed (applied, or suspended to 0).
    event WeightChanged(address indexed program, uint64 weight, uint256 totalWeight);
    /// @notice `amount` of HMX extra funding was burnt here, streaming to `program` until `end`.
    event ProgramFunded(address indexed program, address indexed funder, uint256 amount, uint64 end);
    /// @notice A program pulled `amount`.
    event Pulled(address indexed program, uint256 amount);
    /// @notice A program paid `amount` to `to`.
    event PaidOut(address indexed program, address indexed to, uint256 amount);

    /**
     * @notice Deploys the controller and HMX (with `cap`, minted only by this contract).
     * @dev Reverts with {InvalidSchedule} for a zero rate or era, a rate above 2^128, a cap above
     * 2^96 - 1, or `2 x initialRate x halvingPeriod > cap`.
     * @param authority The protocol's AccessManager.
     * @param cap The HMX cap (18 decimals).
     * @param start_ When emission starts (0: now).
     * @param initialRate_ HMX wei per second in the first era.
     * @param halvingPeriod_ Seconds per era.
     */
    constructor(address authority, uint256 cap, uint64 start_, uint256 initialRate_, uint64 halvingPeriod_)
        AccessManaged(authority)
    {
        if (initialRate_ == 0 || halvingPeriod_ == 0 || initialRate_ > type(uint128).max) revert InvalidSchedule();
        if (2 * initialRate_ * halvingPeriod_ > cap || cap > type(uint96).max) revert InvalidSchedule();
        hmx = new HMXToken(cap, address(this));
        uint64 s = start_ == 0 ? uint64(block.timestamp) : start_;
        start = s;
        initialRate = initialRate_;
        halvingPeriod = halvingPeriod_;
        _global.lastUpdate = s > block.timestamp ? s : uint64(block.timestamp);
    }

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Adds a program with weight 0 (give it a weight with {scheduleWeight}). A program is
     * added once, ever.
     * @dev Admin (AccessManager). Reverts with `ZeroAddress` or {ProgramAlreadyAdded}. Emits {ProgramAdded}.
     * @param program The program.
     */
    function addProgram(address program) external restricted {
        if (program == address(0)) revert ZeroAddress();
        Program storage p = _programs[program];
        if (p.added) revert ProgramAlreadyAdded(program);
        p.added = true;
        p.indexSnapshot = _checkpoint();
        emit ProgramAdded(program);
    }

    /**
     * @notice Sets a program's weight at once, before emission starts (nothing has accrued yet).
     * @dev Admin (AccessManager). Reverts with {UnknownProgram} or {EmissionStarted}. Emits {WeightChanged}.
     * @param program The program.
     * @param weight The weight.
     */
    function setInitialWeight(address program, uint64 weight) external restricted {
        Program storage p = _known(program);
        if (block.timestamp >= start) revert EmissionStarted(start);
        _setWeight(program, p, weight);
    }

    /**
     * @notice Schedules a program's weight, applicable after {WEIGHT_DELAY}; replaces any pending one.
     * @dev Admin (AccessManager). Reverts with {UnknownProgram}. Emits {WeightScheduled}.
     * @param program The program.
     * @param weight The weight.
     */
    function scheduleWeight(address program, uint64 weight) external restricted {
        Program storage p = _known(program);
        uint64 eta = uint64(block.timestamp) + WEIGHT_DELAY;
        p.pendingWeight = weight;
        p.weightEta = eta;
        emit WeightScheduled(program, weight, eta);
    }

    /**
     * @notice Applies a scheduled weight once its delay has passed. Anyone may call.
     * @dev Reverts with {UnknownProgram}, {NoPendingWeight} or {WeightNotReady}. Emits {WeightChanged}.
     * @param program The program.
     */
    function applyWeight(address program) external {
        Program storage p = _known(program);
        uint64 eta = p.weightEta;
        if (eta == 0) revert NoPendingWeight(program);
        if (block.timestamp < eta) revert WeightNotReady(program, eta);
        p.weightEta = 0;
        _setWeight(program, p, p.pendingWeight);
    }

    /**
     * @notice Circuit breaker: sets a program's weight to 0 at once (it keeps what it accrued).
     * @dev Admin (AccessManager). Reverts with {UnknownProgram}. Emits {WeightChanged}.
     * @param program The program.
     */
    function suspend(address program) external restricted {
        Program storage p = _known(program);
        p.weightEta = 0;
        _setWeight(program, p, 0);
    }

    // ---------------------------------------------------------------------------------------
    // Funding
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Adds `amount` HMX of extra rewards to a program: pulled from the caller (approve this
     * contract), burnt, and streamed to the program over {STREAM_DURATION} (with what is still
     * streaming). Anyone may fund; a program can be funded any time after it was added.
     * @dev Reverts with {UnknownProgram}, `ZeroAmount` or `AmountNotReceived`. Emits {ProgramFunded}.
     * @param program The program.
     * @param amount HMX amount.
     */
    function fund(address program, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Program storage p = _known(program);
        _accrueInto(p); // brings the emission and the stream up to now
        uint64 end = uint64(block.timestamp) + STREAM_DURATION;
        p.extraLeft = SafeCast.toUint96(p.extraLeft + amount);
        p.extraEnd = uint48(end);
        p.extraLast = uint48(block.timestamp);
        p.side = true;
        _funded += amount;
        emit ProgramFunded(program, msg.sender, amount, end);
        Transfers.pullExact(hmx, msg.sender, amount);
        hmx.burn(amount);
    }

    // ---------------------------------------------------------------------------------------
    // Programs
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc IRewardSource
    /// @dev Reverts with {UnknownProgram} for a caller that is not a program. Emits {Pulled} when
    /// something accrued.
    function pull() external returns (uint256 amount) {
        Program storage p = _known(msg.sender);
        amount = _accrue(p);
        if (p.side) {
            amount += p.unpulled;
            p.unpulled = 0;
            if (p.extraLeft == 0) p.side = false;
        }
        if (amount != 0) {
            p.allocated = SafeCast.toUint96(p.allocated + amount);
            emit Pulled(msg.sender, amount);
        }
    }

    /// @inheritdoc IRewardSource
    /// @dev Mints HMX to `to`. Reverts with {UnknownProgram} or {PayoutExceedsAllocation}. Emits {PaidOut}.
    function payout(address to, uint256 amount) external {
        Program storage p = _known(msg.sender);
        uint256 paid = p.paid;
        uint256 available = p.allocated - paid;
        if (amount > available) revert PayoutExceedsAllocation(msg.sender, available, amount);
        p.paid = uint96(paid + amount);
        emit PaidOut(msg.sender, to, amount);
        hmx.mint(to, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice HMX the schedule emits from {start} up to `t` (0 before the start).
     * @param t Unix time.
     * @return emitted The amount.
     */
    function emittedUntil(uint256 t) public view returns (uint256 emitted) {
        if (t <= start) return 0;
        uint256 elapsed = t - start;
        uint256 period = halvingPeriod;
        uint256 rate = initialRate;
        for (uint256 era = 0; era < MAX_ERAS && elapsed != 0 && rate != 0; ++era) {
            uint256 span = elapsed < period ? elapsed : period;
            emitted += rate * span;
            elapsed -= span;
            rate >>= 1;
        }
    }

    /// @notice The emission rate at `t` (HMX wei per second).
    /// @param t Unix time.
    /// @return The rate.
    function rateAt(uint256 t) external view returns (uint256) {
        if (t < start) return 0;
        uint256 era = (t - start) / halvingPeriod;
        return era >= MAX_ERAS ? 0 : initialRate >> era;
    }

    /// @inheritdoc IRewardSource
    /// @dev Emission and streamed funding since the program's last pull (0 for an unknown program).
    function pending(address program) external view returns (uint256) {
        Program memory p = _programs[program];
        if (!p.added) return 0;
        (, uint256 index) = _currentIndex();
        uint256 amount = (uint256(p.weight) * (index - p.indexSnapshot)) / SCALE;
        return amount + p.unpulled + _streamed(p.extraLeft, p.extraEnd, p.extraLast);
    }

    /// @notice A program's state.
    /// @param program The program.
    /// @return The state.
    function programOf(address program) external view returns (Program memory) {
        return _programs[program];
    }

    /// @notice The sum of all weights.
    /// @return The total weight.
    function totalWeight() external view returns (uint256) {
        return _global.totalWeight;
    }

    /// @notice Emission that accrued while no program had weight (never minted).
    /// @return The amount (up to the last checkpoint).
    function unallocated() external view returns (uint256) {
        return _unallocated;
    }

    /// @notice Extra funding received in total.
    /// @return The amount.
    function funded() external view returns (uint256) {
        return _funded;
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    function _known(address program) private view returns (Program storage p) {
        p = _programs[program];
        if (!p.added) revert UnknownProgram(program);
    }

    function _setWeight(address program, Program storage p, uint64 weight) private {
        _accrueInto(p);
        uint256 total = uint256(_global.totalWeight) - p.weight + weight;
        _global.totalWeight = SafeCast.toUint64(total);
        p.weight = weight;
        emit WeightChanged(program, weight, total);
    }

    /// @dev The global index now, and the emission since the last checkpoint.
    function _currentIndex() private view returns (uint256 emitted, uint256 index) {
        Global memory g = _global;
        index = g.index;
        if (block.timestamp <= g.lastUpdate) return (0, index);
        emitted = emittedUntil(block.timestamp) - emittedUntil(g.lastUpdate);
        if (g.totalWeight != 0) index += (emitted * SCALE) / g.totalWeight;
    }

    function _checkpoint() private returns (uint128 index) {
        Global memory g = _global;
        if (block.timestamp <= g.lastUpdate) return g.index;
        uint256 emitted = emittedUntil(block.timestamp) - emittedUntil(g.lastUpdate);
        uint256 next = g.index;
        if (g.totalWeight == 0) _unallocated += emitted;
        else next += (emitted * SCALE) / g.totalWeight;
        index = SafeCast.toUint128(next);
        _global = Global({lastUpdate: uint64(block.timestamp), index: index, totalWeight: g.totalWeight});
    }

    /// @dev Accrues the program's emission and stream up to now into `unpulled` (its next pull gets them).
    function _accrueInto(Program storage p) private {
        uint256 amount = _accrue(p);
        if (amount != 0) {
            p.unpulled = SafeCast.toUint96(p.unpulled + amount);
            p.side = true;
        }
    }

    /// @dev Moves the program's snapshot and stream to now; returns what accrued.
    function _accrue(Program storage p) private returns (uint256 amount) {
        uint256 index = _checkpoint();
        amount = (uint256(p.weight) * (index - p.indexSnapshot)) / SCALE;
        p.indexSnapshot = uint128(index);
        if (p.side) {
            uint256 left = p.extraLeft;
            if (left != 0) {
                uint256 streamed = _streamed(left, p.extraEnd, p.extraLast);
                p.extraLeft = uint96(left - streamed);
                p.extraLast = uint48(block.timestamp);
                amount += streamed;
            }
        }
    }

    function _streamed(uint256 left, uint256 end, uint256 last) private view returns (uint256) {
        if (left == 0 || block.timestamp <= last) return 0;
        if (block.timestamp >= end) return left;
        return Math.mulDiv(left, block.timestamp - last, end - last);
    }
}
