// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";

/**
 * @title PointsProgram
 * @notice An incentive program paying by points earned at events (an issuer's delivered
 * unit-seconds, an attestor's signed reports): the program's emission of each day is shared by the
 * points earned that day, pro rata.
 *
 * Accounting, O(1) per event and per claim: the emission the program pulls is attributed to days
 * by time (a pull covering `[lastPull, now)` gives each day its share of seconds); a day's points
 * and reward are kept per day; an account keeps the points of its latest day only, and converts
 * them to HMX (`points x dayReward / dayPoints`) when it next earns on a later day or claims, by
 * which time that day's reward is final (every event and claim pulls first). A day with no points
 * pays nobody ({undistributed}).
 * @dev Rounding is down: each account's share is floored, so claims never exceed what was pulled.
 */
abstract contract PointsProgram is ReentrancyGuardTransient {
    /// @dev A day's points and reward (one slot).
    struct Day {
        uint128 points;
        uint128 reward;
    }

    /// @dev An account, in one slot (an event that converts an earlier day, and a claim, touch no
    /// other): its latest day and points there, what it converted and not claimed yet, and a
    /// subclass's mark (the attestors' slash count when they started earning). 104 bits of points on
    /// one day: 2^104 unit-seconds is 2^64 units for 2^40 seconds. 96 bits of HMX: an account never
    /// accrues more than the program pulled in total, which the emission controller keeps below 2^96
    /// (`SafeCast.toUint96` on each program's cumulative allocation).
    struct Account {
        uint24 day;
        uint104 points;
        uint96 accrued;
        uint32 mark;
    }

    /// @notice Length of a reward day.
    uint256 public constant DAY = 1 days;

    /// @notice Where rewards come from (the emission controller).
    IRewardSource public immutable source;

    /// @dev The last pull, and the reward attributed to its day that is not written into `_days` yet
    /// (written when the day is over): a claim on a later day then costs no new storage slot.
    uint64 private _lastPull;
    uint192 private _pendingReward;
    uint256 private _undistributed;
    mapping(uint256 day => Day) private _days;
    mapping(address account => Account) private _accounts;

    /// @notice `account` earned `points` on `day`.
    event PointsEarned(address indexed account, uint256 indexed day, uint256 points);
    /// @notice `account` claimed `amount`.
    event RewardPaid(address indexed account, uint256 amount);

    /// @param source_ The emission controller (a source must never hand one program 2^96 or more in
    /// total: an account's converted reward is kept in 96 bits, and a conversion beyond reverts).
    constructor(IRewardSource source_) {
        if (address(source_) == address(0)) revert ZeroAddress();
        source = source_;
        _lastPull = uint64(block.timestamp);
    }

    /**
     * @notice Pays the caller what it converted and what its latest day is worth once that day is
     * over (HMX minted to it).
     * @dev Emits {RewardPaid} (even for 0).
     * @return amount The amount paid.
     */
    function claim() external nonReentrant returns (uint256 amount) {
        Account storage a = _accounts[msg.sender];
        // a pull is needed only while the account's finished day has a tail not attributed yet
        if (a.points != 0 && _lastPull / DAY == a.day && a.day < block.timestamp / DAY) _pull();
        _convert(a);
        amount = _payable(msg.sender, a);
        a.accrued = 0;
        emit RewardPaid(msg.sender, amount);
        if (amount != 0) source.payout(msg.sender, amount);
    }

    /**
     * @notice Pulls what accrued and attributes it to days (anyone; a keeper may call it after a day
     * ends so that claimants do not pay for it).
     */
    function sync() external nonReentrant {
        _pull();
    }

    /**
     * @notice What `account` could claim now (its current day's points count once the day is over).
     * @param account The account.
     * @return amount The amount.
     */
    function claimable(address account) external view returns (uint256 amount) {
        Account memory a = _accounts[account];
        amount = a.accrued;
        uint256 today = block.timestamp / DAY;
        if (a.points != 0 && a.day < today) {
            Day memory d = _days[a.day];
            uint256 reward = d.reward;
            uint256 last = _lastPull;
            if (last / DAY == a.day) {
                // not written yet: what was pulled on that day, and its tail not pulled yet
                uint256 dayEnd = (uint256(a.day) + 1) * DAY;
                reward += _pendingReward
                    + Math.mulDiv(source.pending(address(this)), dayEnd - last, block.timestamp - last);
            }
            amount += Math.mulDiv(a.points, reward, d.points);
        }
        amount = _claimableAdjust(account, amount);
    }

    /// @notice A day's points and reward so far (pulled and attributed to it).
    /// @param day Day number (unix time / 1 day).
    /// @return points The points.
    /// @return reward The reward attributed.
    function dayOf(uint256 day) external view returns (uint256 points, uint256 reward) {
        Day memory d = _days[day];
        reward = d.reward;
        if (_lastPull / DAY == day) reward += _pendingReward;
        return (d.points, reward);
    }

    /// @notice An account's latest day, its points there, and what it converted and not claimed.
    /// @param account The account.
    /// @return day The day.
    /// @return points The points.
    /// @return accrued The converted amount.
    function accountOf(address account) external view returns (uint256 day, uint256 points, uint256 accrued) {
        Account memory a = _accounts[account];
        return (a.day, a.points, a.accrued);
    }

    /// @notice Rewards of days nobody earned points in, or forfeited (never paid).
    /// @return The amount.
    function undistributed() external view returns (uint256) {
        return _undistributed;
    }

    /// @dev Pulls what accrued and attributes it to days by time: the part of the last pull's day is
    /// added to what that day already had and, the day being over, written to it if it had points
    /// (else it is undistributed); whole days in between had no points (every event pulls first);
    /// the part of today stays pending.
    function _pull() internal {
        uint256 last = _lastPull;
        uint256 t = block.timestamp;
        if (t == last) return;
        uint256 amount = source.pull();
        uint256 lastDay = last / DAY;
        uint256 today = t / DAY;
        if (lastDay == today) {
            _lastPull = uint64(t);
            _pendingReward = SafeCast.toUint192(_pendingReward + amount);
            return;
        }
        uint256 span = t - last;
        uint256 first = Math.mulDiv(amount, (lastDay + 1) * DAY - last, span);
        // whole days in between had no points: their share is undistributed
        uint256 lost = today > lastDay + 1 ? Math.mulDiv(amount, (today - lastDay - 1) * DAY, span) : 0;
        uint256 current = amount - first - lost;
        uint256 dayReward = _pendingReward + first;
        if (dayReward != 0) {
            Day storage d = _days[lastDay];
            if (d.points != 0) d.reward += uint128(dayReward);
            else lost += dayReward;
        }
        _lastPull = uint64(t);
        _pendingReward = uint192(current);
        if (lost != 0) _undistributed += lost;
    }

    /// @dev Adds points to `account` today (after {_pull}, so today's reward is pending and earlier days are final).
    function _earn(address account, uint256 points) internal {
        uint256 today = block.timestamp / DAY;
        Account storage a = _accounts[account];
        if (a.day != today) {
            _convert(a);
            a.day = SafeCast.toUint24(today);
        }
        a.points = SafeCast.toUint104(a.points + points);
        _days[today].points += SafeCast.toUint128(points);
        emit PointsEarned(account, today, points);
    }

    /// @dev Converts the points of a finished day into `accrued`.
    function _convert(Account storage a) private {
        uint256 points = a.points;
        if (points == 0 || a.day >= block.timestamp / DAY) return;
        Day memory d = _days[a.day];
        a.accrued = SafeCast.toUint96(a.accrued + Math.mulDiv(points, d.reward, d.points));
        a.points = 0;
    }

    /// @dev What of `a.accrued` may be paid now (a subclass may forfeit it: {_forfeit}).
    function _payable(address account, Account storage a) internal virtual returns (uint256) {
        account;
        return a.accrued;
    }

    /// @dev The view counterpart of {_payable}.
    function _claimableAdjust(address account, uint256 amount) internal view virtual returns (uint256) {
        account;
        return amount;
    }

    /// @dev Moves an amount to {undistributed} (forfeited rewards).
    function _forfeit(uint256 amount) internal {
        _undistributed += amount;
    }

    /// @dev An account's record.
    function _account(address account) internal view returns (Account storage) {
        return _accounts[account];
    }
}
