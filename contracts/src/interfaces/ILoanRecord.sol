// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ILoanRecord
 * @notice What the lending contract remembers of every account's loans, for the credit system: per
 * account and per loan currency, how many loans it repaid (on time or late) or defaulted on as a
 * borrower, how many of the loans it made were paid off or foreclosed as a lender, and the amounts.
 * @dev Records are written only by the lending contract's own state changes (checklist item 29):
 * a repayment in full, a refinance (the old lender is paid off) and a foreclosure. Amounts are in
 * base units of `currency` (a payout token), so they are only ever summed within one currency.
 */
interface ILoanRecord {
    /// @notice A borrower's record in one currency.
    /// @param repaid Loans repaid in full by their maturity (by the borrower, a payer or the token's revenue).
    /// @param repaidLate Loans repaid in full after their maturity (in the grace period or during a
    /// foreclosure auction).
    /// @param defaulted Loans foreclosed (the token sold at auction or taken by the lender).
    /// @param amountRepaid Everything paid towards the account's loans (revenue included), in `currency`.
    /// @param amountDefaulted Debt outstanding when the account's loans were foreclosed (before the
    /// auction's proceeds).
    struct BorrowerRecord {
        uint32 repaid;
        uint32 repaidLate;
        uint32 defaulted;
        uint256 amountRepaid;
        uint256 amountDefaulted;
    }

    /// @notice A lender's record in one currency.
    /// @param paidOff Loans of the account paid off in full (repaid, or refinanced by another lender).
    /// @param defaulted Loans of the account foreclosed.
    /// @param amountReceived Everything the account received from its loans (revenue, repayments,
    /// refinance payoffs, auction proceeds), in `currency`.
    /// @param badDebt Debt still unpaid when its loans were closed by foreclosure (reduced by nothing:
    /// later recoveries show in `amountReceived`).
    struct LenderRecord {
        uint32 paidOff;
        uint32 defaulted;
        uint256 amountReceived;
        uint256 badDebt;
    }

    /// @notice An account's record as a borrower in `currency`.
    /// @param account The account.
    /// @param currency The loan currency.
    /// @return The record (zeros for an account without loans).
    function borrowerRecord(address account, address currency) external view returns (BorrowerRecord memory);

    /// @notice An account's record as a lender in `currency`.
    /// @param account The account.
    /// @param currency The loan currency.
    /// @return The record (zeros for an account without loans).
    function lenderRecord(address account, address currency) external view returns (LenderRecord memory);
}
