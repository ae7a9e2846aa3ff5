// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";

/// @notice A contract that shares every token it receives among its shareholders as revenue (the swap
/// pool: by shares x time, through its revenue unlocking).
interface IRevenueSharing {
    /// @notice Books tokens that arrived (here: HMX) for its shareholders.
    function sync() external;
}

/**
 * @title RevenueShareProgram
 * @notice The liquidity providers' emission program: what the emission schedule gives it is paid, in
 * HMX, into the swap pool, which shares it among its shareholders like revenue (unlocked over its
 * `REVENUE_UNLOCK`, so by pool shares x time held), and liquidity providers claim it with the pool's
 * `claimRevenue`. The shares stay with the liquidity providers (no staking), so they keep earning the
 * pool's revenue and fees. Anyone may {forward}; the pool tracks HMX as one of its payout tokens.
 * @dev No state but what was never paid: if the pool has no shares when {forward} runs, what accrued
 * is {undistributed} and never paid. Otherwise all that accrued since the last forward unlocks over
 * the next day to the shares held then, so keepers should forward often (as they harvest): a quiet
 * stretch without a forward goes to whoever provides liquidity in the day after the next one.
 */
contract RevenueShareProgram is ReentrancyGuardTransient {
    /// @notice Where rewards come from (the emission controller).
    IRewardSource public immutable source;
    /// @notice Where they go (the swap pool).
    IRevenueSharing public immutable recipient;

    /// @notice Accrued while the recipient had no shareholders: never paid.
    uint256 public undistributed;

    /// @notice `amount` of HMX was paid into the recipient for its shareholders.
    event Forwarded(address indexed recipient, uint256 amount);
    /// @notice `amount` accrued while the recipient had no shareholders (never paid).
    event Undistributed(uint256 amount);

    /**
     * @param source_ The emission controller (the program must be added there).
     * @param recipient_ The swap pool (an ERC-20 of shares that shares incoming tokens as revenue).
     */
    constructor(IRewardSource source_, IRevenueSharing recipient_) {
        if (address(source_) == address(0) || address(recipient_) == address(0)) revert ZeroAddress();
        source = source_;
        recipient = recipient_;
    }

    /**
     * @notice Pulls what accrued to the program and pays it into the recipient, which starts
     * unlocking it to its shareholders. Anyone may call (keepers, the SDK, a liquidity provider
     * before claiming).
     * @dev Reverts with the emission controller's `UnknownProgram` if the program was not added.
     * Emits {Forwarded} or {Undistributed} when something accrued.
     * @return amount What accrued since the last call.
     */
    function forward() external nonReentrant returns (uint256 amount) {
        amount = source.pull();
        if (amount == 0) return 0;
        if (IERC20(address(recipient)).totalSupply() == 0) {
            undistributed += amount;
            emit Undistributed(amount);
            return amount;
        }
        emit Forwarded(address(recipient), amount);
        source.payout(address(recipient), amount);
        recipient.sync();
    }

    /**
     * @notice What {forward} would pull now.
     * @return The amount.
     */
    function pending() external view returns (uint256) {
        return source.pending(address(this));
    }
}
