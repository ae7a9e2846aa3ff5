package io.hashmix.core.credit;

import java.util.Objects;

import io.hashmix.proofs.credit.AccountRecord;
import io.hashmix.proofs.credit.CreditBreakdown;
import io.hashmix.proofs.credit.CreditReport;

/**
 * An offline credit report next to the contract's answer at the same time.
 *
 * @param report         the report rebuilt from the registry's events
 * @param at             the time both were computed for (unix seconds)
 * @param offline        the report's breakdown at {@code at}
 * @param onChain        the registry's {@code creditAt(account, at)}
 * @param onChainRecord  the registry's stored record ({@code accountOf})
 */
public record CreditReportCheck(CreditReport report, long at, CreditBreakdown offline, CreditBreakdown onChain,
                                AccountRecord onChainRecord) {

    /** Checks the parts. */
    public CreditReportCheck {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(offline, "offline");
        Objects.requireNonNull(onChain, "onChain");
        Objects.requireNonNull(onChainRecord, "onChainRecord");
    }

    /** Whether the offline report equals the contract exactly (breakdown and stored record). */
    public boolean matches() {
        return offline.equals(onChain) && report.record().equals(onChainRecord);
    }
}
