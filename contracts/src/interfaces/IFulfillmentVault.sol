// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IFulfillmentRecord} from "./IFulfillmentRecord.sol";

/**
 * @title IFulfillmentVault
 * @notice The fulfillment vault's types and the raw state the FulfillmentLens (and other protocol
 * contracts) read.
 */
interface IFulfillmentVault is IFulfillmentRecord {
    /// @notice Life of an epoch: `Pending` (not reported), `Reported` (awaiting the deposit),
    /// `Deposited` (awaiting settlement), and the settled outcomes `Fulfilled` (deposited, no
    /// shortfall), `Short` (deposited with a shortfall), `Missed` (reported, not deposited in time)
    /// and `Unreported` (not reported within the report window).
    enum EpochStatus {
        Pending,
        Reported,
        Deposited,
        Fulfilled,
        Short,
        Missed,
        Unreported
    }

    // solhint-disable gas-struct-packing
    /// @notice What the committee signs (EIP-712 typed data, see {FULFILLMENT_REPORT_TYPEHASH}).
    struct FulfillmentReport {
        uint256 productId;
        uint32 epoch;
        uint256 deliveredUnits;
        uint256 revenue;
        uint256 unitRevenue;
        bytes32 sourceChain;
        bytes32 evidence;
        uint256 nonce;
        uint64 deadline;
        uint64 committeeEpoch;
    }

    /// @notice Answer of the FulfillmentLens's `productState`. For a product the vault has not touched yet (`tracked ==
    /// false`), the epoch fields are those the current asset class configuration would give.
    struct ProductView {
        bool tracked;
        bool defaulted;
        address issuer;
        address payoutToken;
        bytes32 assetClass;
        uint64 start;
        uint64 end;
        uint64 capacity;
        uint32 epochLength;
        uint32 reportWindow;
        uint32 depositWindow;
        uint32 epochCount;
        uint32 settledEpochs;
        uint64 settledUntil;
        uint256 lastUnitRevenue;
        uint256 accumulator;
        uint256 unreportedFloor;
    }

    /// @notice Answer of {epochInfo}.
    /// @param status Current status.
    /// @param start First second of the epoch.
    /// @param end End of the epoch (exclusive).
    /// @param reportDeadline Last second a report is accepted (`end + reportWindow`).
    /// @param depositDeadline Last second the issuer may deposit (0 until reported).
    /// @param deliveredUnits Reported average units delivered.
    /// @param revenue Reported revenue the issuer owes.
    /// @param unitRevenue Reported revenue of one promised unit, scaled by {PRECISION}.
    /// @param sourceChain Reported source chain (keccak256 of a CAIP-2 id).
    /// @param evidence Reported payout evidence.
    /// @param shortfallDue `(capacity - deliveredUnits) * unitRevenue / PRECISION`.
    /// @param deposited Revenue deposited by the issuer.
    /// @param compensation Collateral paid for the epoch.
    /// @param accumulator Payout per unit (x {PRECISION}) at the epoch's end, once settled.
    struct EpochInfo {
        EpochStatus status;
        uint64 start;
        uint64 end;
        uint64 reportDeadline;
        uint64 depositDeadline;
        uint256 deliveredUnits;
        uint256 revenue;
        uint256 unitRevenue;
        bytes32 sourceChain;
        bytes32 evidence;
        uint256 shortfallDue;
        uint256 deposited;
        uint256 compensation;
        uint256 accumulator;
    }

    // solhint-enable gas-struct-packing

    /// @notice Epoch configuration of an asset class (one slot).
    struct EpochConfig {
        uint32 epochLength;
        uint32 reportWindow;
        uint32 depositWindow;
    }

    /// @notice A product as the vault tracks it (9 slots), snapshotted on its first touch.
    /// `epochLength != 0` marks a tracked product. `settledEntitlement` is what the settled epochs
    /// entitled holders to (deposits + compensation): the accumulator is derived from it.
    struct ProductState {
        address issuer;
        uint64 start;
        uint32 epochLength;
        address payoutToken;
        uint64 end;
        uint32 reportWindow;
        uint64 capacity;
        uint32 depositWindow;
        uint32 epochCount;
        uint32 settledEpochs;
        bool defaulted;
        uint128 lastUnitRevenue;
        uint32 epochsFulfilled;
        uint32 epochsShort;
        uint32 epochsMissed;
        uint32 epochsUnreported;
        bytes32 assetClass;
        uint256 unreportedFloor;
        uint256 settledEntitlement;
        uint256 totalDeposited;
        uint256 totalCompensation;
        uint256 totalClaimed;
    }

    /// @notice One epoch (5 slots). Reports bound `revenue + capacity * unitRevenue / PRECISION` to
    /// {MAX_REPORT_VALUE} and `unitRevenue` to 128 bits, so every amount of an epoch fits 128
    /// bits. Deposits are exact, so the amount deposited is `revenue` when the epoch was deposited
    /// and 0 otherwise.
    struct EpochData {
        EpochStatus status;
        uint64 deliveredUnits;
        uint48 depositDeadline;
        uint128 compensation;
        uint128 revenue;
        uint128 unitRevenue;
        bytes32 sourceChain;
        bytes32 evidence;
        uint256 accEnd;
    }

    /// @notice The epoch configuration of an asset class (zeros if not set).
    /// @param assetClass Asset class id.
    /// @return The configuration.
    function epochConfig(bytes32 assetClass) external view returns (EpochConfig memory);

    /// @notice The vault's stored state of a product (all zero until the vault first touches it).
    /// @param productId Product id.
    /// @return The state.
    function trackedState(uint256 productId) external view returns (ProductState memory);

    /// @notice The vault's stored data of one epoch of a product (all zero until reported or settled).
    /// @param productId Product id.
    /// @param epoch Epoch.
    /// @return The epoch data.
    function epochData(uint256 productId, uint32 epoch) external view returns (EpochData memory);
}
