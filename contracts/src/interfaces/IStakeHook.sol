// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IStakeHook
 * @notice A reward program fed by a protocol contract with each account's stake (the lenders'
 * `HookStakeProgram`, told by the lending contract each lender's outstanding principal).
 */
interface IStakeHook {
    /// @notice Sets `account`'s stake to `stake` (absolute, so a missed or repeated call never
    /// inflates it).
    /// @param account The account.
    /// @param stake Its stake.
    function setStake(address account, uint256 stake) external;
}
