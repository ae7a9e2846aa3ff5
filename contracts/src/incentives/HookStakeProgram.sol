// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";
import {StakeRewards} from "./StakeRewards.sol";

/**
 * @title HookStakeProgram
 * @notice Rewards by an amount x time that a protocol contract reports: the lenders' program
 * (principal lent x time), fed by the lending contract through {setStake} (role `STAKE_REPORTER`)
 * whenever a loan starts, is repaid, refinanced or foreclosed. The lender claims with {claim}.
 * @dev The hook sets the absolute stake (the lender's outstanding principal), so a missed or
 * repeated call can never inflate it; the accumulator is updated before every change.
 */
contract HookStakeProgram is StakeRewards, AccessManaged {
    /**
     * @param authority The protocol's AccessManager (maps {setStake} to `STAKE_REPORTER`).
     * @param source_ The emission controller (the program must be added there).
     */
    constructor(address authority, IRewardSource source_) StakeRewards(source_) AccessManaged(authority) {}

    /**
     * @notice Sets `account`'s stake (role `STAKE_REPORTER`: the lending contract).
     * @dev Emits `StakeChanged`.
     * @param account The account (a lender).
     * @param stake Its new stake (outstanding principal).
     */
    function setStake(address account, uint256 stake) external restricted nonReentrant {
        _setStake(account, _update(account), stake);
    }
}
