package io.hashmix.proofs.credit;

/**
 * The score parameters of the {@code CreditRegistry} ({@code Params}): a half-life, the settled time
 * at which confidence is one half, and penalties and bonuses in score points.
 *
 * @param halfLife           half-life of every record, seconds (7 to 1,460 days)
 * @param confidenceHalf     settled seconds at which confidence is one half (1 to 730 days)
 * @param missedPenalty      points per epoch reported but not deposited
 * @param unreportedPenalty  points per epoch never reported
 * @param defaultPenalty     points per product whose collateral ran out
 * @param frozenPenalty      points per product frozen for pledging hardware twice
 * @param slashPenalty       points per slashed attestor bond
 * @param loanBonusPerRepaid points per loan repaid on time
 * @param loanBonusCap       most points from repaid loans
 * @param latePenalty        points per loan repaid late
 * @param loanDefaultPenalty points per loan foreclosed
 */
public record CreditParams(long halfLife, long confidenceHalf, int missedPenalty, int unreportedPenalty,
                           int defaultPenalty, int frozenPenalty, int slashPenalty, int loanBonusPerRepaid,
                           int loanBonusCap, int latePenalty, int loanDefaultPenalty) {

    private static final long DAY = 86_400;

    /** The parameters a registry is deployed with ({@code defaultParams()}). */
    public static final CreditParams DEFAULT = new CreditParams(180 * DAY, 90 * DAY, 40, 60, 300, 500, 300, 5, 50, 20, 200);

    /**
     * Checks the contract's bounds ({@code checkParams}).
     *
     * @throws IllegalArgumentException if a value is outside them
     */
    public CreditParams {
        if (halfLife < 7 * DAY || halfLife > 1460 * DAY) {
            throw new IllegalArgumentException("halfLife must be 7..1460 days, got " + halfLife + " s");
        }
        if (confidenceHalf < DAY || confidenceHalf > 730 * DAY) {
            throw new IllegalArgumentException("confidenceHalf must be 1..730 days, got " + confidenceHalf + " s");
        }
        for (int p : new int[] {missedPenalty, unreportedPenalty, defaultPenalty, frozenPenalty, slashPenalty, latePenalty,
                loanDefaultPenalty}) {
            if (p < 0 || p > 1000) {
                throw new IllegalArgumentException("penalties must be 0..1000 points, got " + p);
            }
        }
        if (loanBonusCap < 0 || loanBonusCap > 100 || loanBonusPerRepaid < 0 || loanBonusPerRepaid > loanBonusCap) {
            throw new IllegalArgumentException("loan bonus must be 0 <= perRepaid <= cap <= 100, got " + loanBonusPerRepaid
                    + " and " + loanBonusCap);
        }
    }
}
