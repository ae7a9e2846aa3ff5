package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;

/**
 * An account's record as a lender in one currency ({@code ILoanRecord.lenderRecord}, for the credit system).
 *
 * @param account the account
 * @param currency the loan currency
 * @param paidOff loans of the account paid off in full (repaid, or refinanced by another lender)
 * @param defaulted loans of the account foreclosed
 * @param amountReceived everything it received from its loans
 * @param badDebt debt still unpaid when its loans were foreclosed
 */
public record LenderRecord(EvmAddress account, EvmAddress currency, long paidOff, long defaulted,
                           BigInteger amountReceived, BigInteger badDebt) {
}
