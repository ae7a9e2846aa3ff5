// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ILoanHistory
 * @notice The part of the lending contract's loan record the credit system reads (pulls) for the
 * borrower part of a score. The lending contract implements it as `ILoanRecord.borrowerRecord`:
 * this interface is ABI-compatible with it (same selector `borrowerRecord(address,address)`, same
 * static 5-word return), so the credit registry needs only the lending contract's address.
 * @dev Records must be written only by the lending contract's own state changes (repayment in full,
 * refinance, foreclosure): the credit registry trusts them as protocol records.
 */
interface ILoanHistory {
    /// @notice A borrower's record in one loan currency.
    /// @param repaid Loans repaid in full by their maturity.
    /// @param repaidLate Loans repaid in full after their maturity.
    /// @param defaulted Loans foreclosed.
    /// @param amountRepaid Everything paid towards the account's loans, in the currency.
    /// @param amountDefaulted Debt outstanding when its loans were foreclosed, in the currency.
    struct BorrowerRecord {
        uint32 repaid;
        uint32 repaidLate;
        uint32 defaulted;
        uint256 amountRepaid;
        uint256 amountDefaulted;
    }

    /// @notice An account's record as a borrower in `currency` (zeros for an account without loans).
    /// @param account The account.
    /// @param currency The loan currency.
    /// @return The record.
    function borrowerRecord(address account, address currency) external view returns (BorrowerRecord memory);
}
