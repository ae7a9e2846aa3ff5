package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.tx.TxReceipt;

/**
 * A repayment in full: what the sweep first claimed, what the payer paid, and whether it came after maturity.
 *
 * @param loanId the loan
 * @param sweep the sweep the repayment started with
 * @param paid what the payer paid (0 when revenue repaid the loan)
 * @param late whether it was repaid after maturity
 * @param receipt the transaction's receipt
 */
public record Repayment(LoanId loanId, Sweep sweep, BigInteger paid, boolean late, TxReceipt receipt) {
}
