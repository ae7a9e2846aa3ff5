// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IFulfillmentObserver
 * @notice What the fulfillment vault tells an observer (the credit system and the incentive
 * programs, through one router): once per settle pass, what the epochs just settled were; and, for
 * each accepted report, who signed it.
 * @dev The vault calls its observer with a bounded amount of gas and never lets it block settlement
 * or a report: a reverting observer costs it an `ObserverFailed` event, nothing else. The vault
 * checks that enough gas is left before it calls, so nobody can make the call fail on purpose by
 * sending a transaction with too little gas (which would drop a bad record).
 */
interface IFulfillmentObserver {
    /// @notice One settle pass of one product: epochs `firstEpoch ..` (`fulfilled + short_ + missed +
    /// unreported` of them, consecutive), covering the time `[from, to)`.
    /// @param productId The product.
    /// @param issuer The product's issuer.
    /// @param assetClass The product's asset class.
    /// @param capacity The product's capacity (units promised every second of its term).
    /// @param firstEpoch The first epoch of the pass.
    /// @param fulfilled Epochs deposited in full with no shortfall.
    /// @param short_ Epochs deposited with a shortfall.
    /// @param missed Epochs reported but not deposited in time.
    /// @param unreported Epochs not reported in time.
    /// @param defaulted The product's collateral ran out in this pass.
    /// @param from Start of the first epoch of the pass.
    /// @param to End of the last epoch of the pass (exclusive).
    /// @param deliveredUnitSeconds Sum over the deposited epochs of the pass (fulfilled and short) of
    /// delivered units x the epoch's seconds. Missed and unreported epochs deliver nothing.
    // solhint-disable-next-line gas-struct-packing
    struct SettledPass {
        uint256 productId;
        address issuer;
        bytes32 assetClass;
        uint64 capacity;
        uint32 firstEpoch;
        uint32 fulfilled;
        uint32 short_;
        uint32 missed;
        uint32 unreported;
        bool defaulted;
        uint64 from;
        uint64 to;
        uint256 deliveredUnitSeconds;
    }

    /// @notice Epochs of a product were settled (called once per settle pass, after its effects).
    /// @param pass What was settled.
    function onSettled(SettledPass calldata pass) external;

    /// @notice A fulfillment report was accepted.
    /// @param productId The product.
    /// @param epoch The epoch reported.
    /// @param assetClass The product's asset class.
    /// @param signers The attestors whose signatures were counted (ascending).
    function onReported(uint256 productId, uint32 epoch, bytes32 assetClass, address[] calldata signers) external;
}
