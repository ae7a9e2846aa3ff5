// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ZeroAddress, ZeroAmount} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";
import {StakeRewards} from "./StakeRewards.sol";

/**
 * @title TokenStakingProgram
 * @notice Rewards for staking an ERC-20 by amount x time: the liquidity providers' program (stake
 * the swap pool's shares), or any other stake token. Deposit with {stake}, take back with
 * {withdraw}, collect HMX with {claim} (or both with {exit}).
 * @dev Deposits are pulled exactly (fee-on-transfer stake tokens are refused with
 * `AmountNotReceived`); withdrawals are sent with SafeERC20; every entry point is nonReentrant and
 * updates the accumulator before the stake changes.
 */
contract TokenStakingProgram is StakeRewards {
    using SafeERC20 for IERC20;

    /// @notice The token staked.
    IERC20 public immutable stakeToken;

    /// @notice A withdrawal above the caller's stake.
    error InsufficientStake(uint256 stake, uint256 wanted);

    /**
     * @param source_ The emission controller (the program must be added there).
     * @param stakeToken_ The token staked.
     */
    constructor(IRewardSource source_, IERC20 stakeToken_) StakeRewards(source_) {
        if (address(stakeToken_) == address(0)) revert ZeroAddress();
        stakeToken = stakeToken_;
    }

    /**
     * @notice Stakes `amount` of the stake token (approve this contract first).
     * @dev Reverts with `ZeroAmount` or `AmountNotReceived`. Emits `StakeChanged`.
     * @param amount Amount.
     */
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Account storage a = _update(msg.sender);
        _setStake(msg.sender, a, a.stake + amount);
        Transfers.pullExact(stakeToken, msg.sender, amount);
    }

    /**
     * @notice Takes back `amount` of the caller's stake (what it earned stays claimable).
     * @dev Reverts with `ZeroAmount` or {InsufficientStake}. Emits `StakeChanged`.
     * @param amount Amount.
     */
    function withdraw(uint256 amount) external nonReentrant {
        _withdraw(amount);
    }

    /**
     * @notice Withdraws the caller's whole stake and claims its rewards.
     * @return reward The HMX paid.
     */
    function exit() external nonReentrant returns (uint256 reward) {
        uint256 s = _stakeOf(msg.sender);
        if (s != 0) _withdraw(s);
        reward = _claim(msg.sender);
    }

    function _withdraw(uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        Account storage a = _update(msg.sender);
        uint256 current = a.stake;
        if (amount > current) revert InsufficientStake(current, amount);
        _setStake(msg.sender, a, current - amount);
        stakeToken.safeTransfer(msg.sender, amount);
    }
}
