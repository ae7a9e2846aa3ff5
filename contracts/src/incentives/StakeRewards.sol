// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";

/**
 * @title StakeRewards
 * @notice An incentive program paying by stake x time (StakingRewards-style): every pull of the
 * program's emission is spread over the stake present then, through one accumulator of reward per
 * unit of stake; an account is owed `stake x (accumulator now - accumulator when it last changed)`.
 * A claim costs O(1) whatever the number of stakers or periods. While nobody stakes, what accrues
 * is not paid to anyone ({undistributed}): a first staker cannot collect a quiet period.
 * @dev Subclasses decide where stake comes from (tokens deposited, or a trusted hook) and call
 * {_update} before changing it. Rounding is down (against the claimant): the accumulator grows by
 * `floor(amount x PRECISION / totalStake)` and each account is paid `floor(stake x delta / PRECISION)`,
 * so the sum of claims never exceeds what was pulled. {PRECISION} is 1e36 so that tiny rates over
 * large stakes still move the accumulator.
 */
abstract contract StakeRewards is ReentrancyGuardTransient {
    /// @dev An account's stake and what it is owed (2 slots).
    struct Account {
        uint128 stake;
        uint128 rewards;
        uint256 paidIndex;
    }

    /// @notice Scale of the reward-per-stake accumulator.
    uint256 public constant PRECISION = 1e36;

    /// @notice Where rewards come from (the emission controller).
    IRewardSource public immutable source;

    uint256 private _rewardPerStake;
    uint128 private _totalStake;
    uint128 private _undistributed;
    mapping(address account => Account) private _accounts;

    /// @notice `account` claimed `amount`.
    event RewardPaid(address indexed account, uint256 amount);
    /// @notice `account`'s stake is now `stake`.
    event StakeChanged(address indexed account, uint256 stake, uint256 totalStake);

    /// @param source_ The emission controller.
    constructor(IRewardSource source_) {
        if (address(source_) == address(0)) revert ZeroAddress();
        source = source_;
    }

    /**
     * @notice Pays the caller what it is owed (HMX minted to it). Pull payment: nothing is ever pushed.
     * @dev Emits {RewardPaid} (even for 0).
     * @return amount The amount paid.
     */
    function claim() external nonReentrant returns (uint256 amount) {
        amount = _claim(msg.sender);
    }

    /**
     * @notice What `account` could claim now.
     * @param account The account.
     * @return The amount.
     */
    function claimable(address account) external view returns (uint256) {
        Account memory a = _accounts[account];
        uint256 rps = _rewardPerStake;
        uint256 total = _totalStake;
        if (total != 0) rps += Math.mulDiv(source.pending(address(this)), PRECISION, total);
        return a.rewards + Math.mulDiv(a.stake, rps - a.paidIndex, PRECISION);
    }

    /// @notice An account's stake.
    /// @param account The account.
    /// @return The stake.
    function stakeOf(address account) external view returns (uint256) {
        return _accounts[account].stake;
    }

    /// @notice The total stake.
    /// @return The total.
    function totalStake() external view returns (uint256) {
        return _totalStake;
    }

    /// @notice The accumulator (reward per unit of stake x {PRECISION}) as of the last update.
    /// @return The value.
    function rewardPerStake() external view returns (uint256) {
        return _rewardPerStake;
    }

    /// @notice Rewards that accrued while nobody staked (never paid).
    /// @return The amount.
    function undistributed() external view returns (uint256) {
        return _undistributed;
    }

    /// @dev Pulls what accrued, folds it into the accumulator, then brings `account` up to date.
    function _update(address account) internal returns (Account storage a) {
        uint256 amount = source.pull();
        uint256 rps = _rewardPerStake;
        if (amount != 0) {
            uint256 total = _totalStake;
            if (total == 0) {
                _undistributed += uint128(amount);
            } else {
                rps += Math.mulDiv(amount, PRECISION, total);
                _rewardPerStake = rps;
            }
        }
        a = _accounts[account];
        uint256 stake = a.stake;
        if (stake != 0) a.rewards += uint128(Math.mulDiv(stake, rps - a.paidIndex, PRECISION));
        a.paidIndex = rps;
    }

    /// @dev Sets `account`'s stake (after {_update}).
    function _setStake(address account, Account storage a, uint256 stake) internal {
        uint256 total = _totalStake - a.stake + stake;
        _totalStake = SafeCast.toUint128(total);
        a.stake = SafeCast.toUint128(stake);
        emit StakeChanged(account, stake, total);
    }

    /// @dev Pays `account` everything it is owed.
    function _claim(address account) internal returns (uint256 amount) {
        Account storage a = _update(account);
        amount = a.rewards;
        a.rewards = 0;
        emit RewardPaid(account, amount);
        if (amount != 0) source.payout(account, amount);
    }

    /// @dev The stake of `account`.
    function _stakeOf(address account) internal view returns (uint256) {
        return _accounts[account].stake;
    }
}
