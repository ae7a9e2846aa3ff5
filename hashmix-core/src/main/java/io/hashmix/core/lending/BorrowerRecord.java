package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;

/**
 * An account's record as a borrower in one currency ({@code ILoanRecord.borrowerRecord}, for the credit system).
 *
 * @param account the account
 * @param currency the loan currency
 * @param repaid loans repaid in full by their maturity
 * @param repaidLate loans repaid in full after their maturity
 * @param defaulted loans foreclosed
 * @param amountRepaid everything paid towards its loans (revenue included)
 * @param amountDefaulted debt outstanding when its loans were foreclosed
 */
public record BorrowerRecord(EvmAddress account, EvmAddress currency, long repaid, long repaidLate, long defaulted,
                             BigInteger amountRepaid, BigInteger amountDefaulted) {
}
