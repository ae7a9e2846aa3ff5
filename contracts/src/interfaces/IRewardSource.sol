// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IRewardSource
 * @notice The emission controller as an incentive program sees it: rewards accrue to the program
 * every second by its weight (plus any extra funding, streamed), the program pulls what accrued and
 * distributes it by its own accumulator, and pays a participant's claim through the controller
 * (HMX minted, or transferred from extra funding, straight to the participant).
 */
interface IRewardSource {
    /// @notice Brings the calling program's accrual up to now and returns what accrued since its last pull.
    /// @return amount HMX newly available to the program.
    function pull() external returns (uint256 amount);

    /// @notice Pays `amount` of the calling program's pulled, unpaid rewards to `to`.
    /// @param to Recipient.
    /// @param amount Amount.
    function payout(address to, uint256 amount) external;

    /// @notice What `program` could pull now.
    /// @param program The program.
    /// @return The amount.
    function pending(address program) external view returns (uint256);
}
