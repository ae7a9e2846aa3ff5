// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestorSignature} from "./IAttestorRegistry.sol";
import {IFulfillmentVault} from "./IFulfillmentVault.sol";

/**
 * @title IBitcoinEvidence
 * @notice What the fulfillment vault asks the Bitcoin evidence binding: whether a report of a product
 * may reach it from this relayer (a product whose payout commitment requires SPV evidence is reported
 * only through the binding, which checks the proofs).
 */
interface IBitcoinEvidence {
    /// @notice A product that requires SPV evidence was reported by another path than the binding's.
    error SpvEvidenceRequired(uint256 productId);

    /// @notice Reverts with {SpvEvidenceRequired} if `productId` requires SPV evidence and `relayer`
    /// is not the binding itself.
    /// @param relayer Who relays the report to the vault.
    /// @param productId The reported product.
    function checkRelayer(address relayer, uint256 productId) external view;

    /// @notice Whether reports of `productId` need SPV evidence.
    /// @param productId Product id.
    /// @return True if its payout commitment requires it.
    function requiresSpv(uint256 productId) external view returns (bool);
}

/**
 * @title IFulfillmentReportEntry
 * @notice The fulfillment vault's report entry, as the Bitcoin evidence binding relays reports to it.
 */
interface IFulfillmentReportEntry {
    /// @notice Records a committee-signed fulfillment report (see `FulfillmentVault.submitReport`).
    /// @param r The report.
    /// @param sigs Attestor signatures, signers ascending.
    function submitReport(IFulfillmentVault.FulfillmentReport calldata r, AttestorSignature[] calldata sigs) external;
}
