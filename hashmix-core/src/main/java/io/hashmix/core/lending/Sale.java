package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;

/**
 * A foreclosure auction's end: by a bid ({@code winner} is the bidder) or by the lender's claim of an unsold token
 * ({@code winner} is the lender, {@code price} 0), or neither when revenue repaid the loan first ({@code settled}
 * false: nothing was bought or claimed).
 *
 * @param loanId the loan
 * @param settled whether the token was sold or claimed
 * @param winner who got the token
 * @param price what the bidder paid
 * @param toLender the part that paid debt
 * @param bounty the part paid to the foreclosure's starter
 * @param toBorrower the part paid to the borrower
 * @param badDebt debt left unpaid
 * @param receipt the transaction's receipt
 */
public record Sale(LoanId loanId, boolean settled, EvmAddress winner, BigInteger price, BigInteger toLender,
                   BigInteger bounty, BigInteger toBorrower, BigInteger badDebt, TxReceipt receipt) {
}
