package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.tx.TxReceipt;

/**
 * What a sweep (or the sweep a repayment, refinance or foreclosure starts with) did, read from its events.
 *
 * @param loanId the loan
 * @param claimed revenue (and frozen redemption) claimed for the loan
 * @param toLender what paid debt (interest and principal) to the lender
 * @param toInterest the part of it that paid interest
 * @param surplus what went to the borrower beyond the debt
 * @param repaid whether the loan is now repaid and the token back with its borrower
 * @param receipt the transaction's receipt
 */
public record Sweep(LoanId loanId, BigInteger claimed, BigInteger toLender, BigInteger toInterest, BigInteger surplus,
                    boolean repaid, TxReceipt receipt) {
}
