package io.hashmix.core.credit;

import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.credit.AccountRecord;
import io.hashmix.proofs.credit.CreditBreakdown;
import io.hashmix.proofs.credit.LoanCounts;

/**
 * An account's credit as the registry reports it now: the score with its parts, the stored record
 * behind it (counters and decayed totals) and the borrower counts read from lending.
 *
 * @param account   the account
 * @param breakdown the score and its parts ({@code creditOf})
 * @param record    the stored record ({@code accountOf})
 * @param loans     the borrower counts ({@code loanCountsOf}; zeros without a loan source)
 */
public record CreditScore(EvmAddress account, CreditBreakdown breakdown, AccountRecord record, LoanCounts loans) {

    /** Checks the parts. */
    public CreditScore {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(breakdown, "breakdown");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(loans, "loans");
    }

    /** The score, 0..1000. */
    public long score() {
        return breakdown.score();
    }

    /** Whether the account has no record at all (a newcomer). */
    public boolean newcomer() {
        return record.lastUpdate() == 0;
    }
}
