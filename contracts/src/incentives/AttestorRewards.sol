// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";
import {PointsProgram} from "./PointsProgram.sol";

/**
 * @title AttestorRewards
 * @notice Rewards for attestors, per fulfillment report signed and not slashed: every accepted
 * report earns each attestor whose signature counted one point, and each day's emission of the
 * program is shared by that day's points ({PointsProgram}). An attestor slashed after earning
 * forfeits everything it had not claimed yet (it goes to `undistributed`, never to anyone).
 * @dev Told by the observer router ({onReported}, role `REWARD_NOTIFIER`); slashes are read from
 * the credit registry (`slashesOf`), which the hardware registry tells of every slash.
 */
contract AttestorRewards is PointsProgram, IFulfillmentObserver, AccessManaged {
    /// @notice Most signers one report may reward.
    uint256 public constant MAX_SIGNERS = 64;

    /// @notice The credit registry (slash counts).
    ICreditScore public immutable credit;

    /// @notice An attestor slashed since it earned forfeited `amount`.
    event RewardForfeited(address indexed attestor, uint256 amount);

    /**
     * @param authority The protocol's AccessManager.
     * @param source_ The emission controller (the program must be added there).
     * @param credit_ The credit registry.
     */
    constructor(address authority, IRewardSource source_, ICreditScore credit_)
        PointsProgram(source_)
        AccessManaged(authority)
    {
        if (address(credit_) == address(0)) revert ZeroAddress();
        credit = credit_;
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER`. Nothing to do: attestors earn from reports.
    function onSettled(SettledPass calldata) external restricted {}

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER` (the observer router). One point per signer (at most
    /// {MAX_SIGNERS}). Emits `PointsEarned` per signer.
    function onReported(uint256, uint32, bytes32, address[] calldata signers) external restricted nonReentrant {
        _pull();
        uint256 n = signers.length < MAX_SIGNERS ? signers.length : MAX_SIGNERS;
        for (uint256 i = 0; i < n; ++i) {
            address signer = signers[i];
            Account storage a = _account(signer);
            if (a.points == 0 && a.accrued == 0) a.mark = SafeCast.toUint32(credit.slashesOf(signer));
            _earn(signer, 1);
        }
    }

    /// @dev Forfeits everything unclaimed if the attestor was slashed since it started earning.
    function _payable(address account, Account storage a) internal override returns (uint256) {
        uint256 amount = a.accrued;
        if (amount != 0 && credit.slashesOf(account) > a.mark) {
            _forfeit(amount);
            a.accrued = 0;
            emit RewardForfeited(account, amount);
            return 0;
        }
        return amount;
    }

    function _claimableAdjust(address account, uint256 amount) internal view override returns (uint256) {
        if (amount != 0 && credit.slashesOf(account) > _account(account).mark) return 0;
        return amount;
    }
}
