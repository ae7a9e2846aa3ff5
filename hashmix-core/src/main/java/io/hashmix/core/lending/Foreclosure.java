package io.hashmix.core.lending;

import java.util.Optional;

import io.hashmix.core.tx.TxReceipt;

/**
 * What {@code startForeclosure} did: started an auction, or found that its sweep (revenue or a frozen product's
 * redemption) repaid the loan.
 *
 * @param loanId the loan
 * @param auction the auction started, or empty when the loan was repaid instead
 * @param sweep the sweep it started with
 * @param receipt the transaction's receipt
 */
public record Foreclosure(LoanId loanId, Optional<Auction> auction, Sweep sweep, TxReceipt receipt) {

    /**
     * Whether an auction started.
     *
     * @return true if the loan is now in auction
     */
    public boolean started() {
        return auction.isPresent();
    }
}
