// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IFulfillmentRecord
 * @notice A product's fulfillment history as the vault settled it: what the credit system, lending
 * valuations and the swap pool read.
 */
interface IFulfillmentRecord {
    /// @notice A product's settled fulfillment record.
    // solhint-disable-next-line gas-struct-packing
    struct Record {
        uint32 epochsFulfilled;
        uint32 epochsShort;
        uint32 epochsMissed;
        uint32 epochsUnreported;
        bool defaulted;
        uint256 totalDeposited;
        uint256 totalCompensation;
        uint256 totalClaimed;
    }

    /// @notice A product's fulfillment record (zeros for a product the vault has not touched).
    /// @param productId Product id.
    /// @return r The record.
    function record(uint256 productId) external view returns (Record memory r);
}
