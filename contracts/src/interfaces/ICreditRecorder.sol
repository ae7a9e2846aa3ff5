// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IFulfillmentObserver} from "./IFulfillmentObserver.sol";

/**
 * @title ICreditRecorder
 * @notice The records the credit registry accepts, each from one protocol contract through an
 * AccessManager role: settled fulfillment (the fulfillment observer router, role `CREDIT_RECORDER`),
 * slashed attestors and frozen (fraudulent) products (the hardware registry, role `FRAUD_REPORTER`).
 * Nothing else changes a score.
 */
interface ICreditRecorder {
    /// @notice Records a settle pass of an issuer's product (role `CREDIT_RECORDER`).
    /// @param pass The pass, as the fulfillment vault reported it.
    function recordFulfillment(IFulfillmentObserver.SettledPass calldata pass) external;

    /// @notice Records that an attestor's bond was slashed (role `FRAUD_REPORTER`).
    /// @param attestor The attestor.
    /// @param amount The bond burnt.
    function recordSlash(address attestor, uint256 amount) external;

    /// @notice Records that an issuer's product was frozen for pledging hardware twice (role `FRAUD_REPORTER`).
    /// @param issuer The issuer.
    /// @param productId The product.
    function recordFrozen(address issuer, uint256 productId) external;
}
