// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {CreditMath} from "../credit/CreditMath.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";
import {PointsProgram} from "./PointsProgram.sol";

/**
 * @title IssuerRewards
 * @notice Rewards for issuers of one asset class, by units x time delivered and scaled by credit:
 * each settle pass of a product of the class earns its issuer `deliveredUnitSeconds x score / 1000`
 * points (the score as it stands after the pass was recorded), and each day's emission of the
 * program is shared by that day's points ({PointsProgram}). An issuer who delivered nothing, or
 * whose score is 0, earns nothing.
 * @dev Told by the observer router ({onSettled}, role `REWARD_NOTIFIER`). One program per asset
 * class, because units of different classes (TH/s, TiB) do not add up.
 */
contract IssuerRewards is PointsProgram, IFulfillmentObserver, AccessManaged {
    /// @notice The credit registry (scores).
    ICreditScore public immutable credit;
    /// @notice The asset class whose issuers this program rewards.
    bytes32 public immutable assetClass;

    /**
     * @param authority The protocol's AccessManager.
     * @param source_ The emission controller (the program must be added there).
     * @param credit_ The credit registry.
     * @param assetClass_ The asset class.
     */
    constructor(address authority, IRewardSource source_, ICreditScore credit_, bytes32 assetClass_)
        PointsProgram(source_)
        AccessManaged(authority)
    {
        if (address(credit_) == address(0)) revert ZeroAddress();
        credit = credit_;
        assetClass = assetClass_;
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER` (the observer router). Ignores other asset classes and passes
    /// that delivered nothing. Emits `PointsEarned`.
    function onSettled(SettledPass calldata pass) external restricted nonReentrant {
        if (pass.assetClass != assetClass || pass.deliveredUnitSeconds == 0) return;
        uint256 points = (pass.deliveredUnitSeconds * credit.scoreOf(pass.issuer)) / CreditMath.MAX_SCORE;
        if (points == 0) return;
        _pull();
        _earn(pass.issuer, points);
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `REWARD_NOTIFIER`. Issuers earn nothing from reports (only from settled delivery).
    function onReported(uint256, uint32, bytes32, address[] calldata) external restricted {}
}
