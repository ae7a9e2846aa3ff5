package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;

/**
 * A refinance: the new lender paid the old one off and the loan continues on better terms. When the sweep the
 * refinance starts with repaid the loan, nothing was refinanced ({@code refinanced} false, {@code payoff} 0, the
 * terms those of the closed loan).
 *
 * @param loanId the loan
 * @param refinanced whether the loan moved to the new lender
 * @param oldLender the lender paid off
 * @param newLender the lender now
 * @param payoff what the old lender was paid
 * @param aprBps the new rate
 * @param maturity the new maturity
 * @param capLeft the new cap on what the borrower still owes
 * @param sweep the sweep the refinance started with
 * @param receipt the transaction's receipt
 */
public record Refinance(LoanId loanId, boolean refinanced, EvmAddress oldLender, EvmAddress newLender, BigInteger payoff,
                        long aprBps, Instant maturity, BigInteger capLeft, Sweep sweep, TxReceipt receipt) {
}
