package io.hashmix.proofs.credit;

/**
 * An account's borrower record, summed over the registry's loan currencies: what the registry reads
 * live from the lending contract ({@code loanCountsOf}).
 *
 * @param repaid     loans repaid in full by their maturity
 * @param repaidLate loans repaid in full after it
 * @param defaulted  loans foreclosed
 */
public record LoanCounts(long repaid, long repaidLate, long defaulted) {

    /** No loans. */
    public static final LoanCounts NONE = new LoanCounts(0, 0, 0);

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public LoanCounts {
        if (repaid < 0 || repaidLate < 0 || defaulted < 0) {
            throw new IllegalArgumentException("loan counts must not be negative");
        }
    }
}
