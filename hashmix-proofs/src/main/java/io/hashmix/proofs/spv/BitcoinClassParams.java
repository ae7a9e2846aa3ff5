package io.hashmix.proofs.spv;

/**
 * The parameters a Bitcoin asset class has in {@code BitcoinEvidence} (its {@code ClassConfig}): what a payout proof
 * bound to one of its products must satisfy. Set by the admin; a change waits the contract's delay.
 *
 * @param minConfirmations    least headers from a payment's block to the proof's tip, the block counted (1 .. 2016)
 * @param maxCheckpointAge    most seconds between a checkpoint's acceptance and a report it anchors (1 .. 90 days)
 * @param windowSlack         seconds a payment's block time may fall before the epoch's start or after its end
 *                            (0 .. 30 days)
 * @param baseUnitsPerSatoshi payout-token base units per satoshi (1 for an 8-decimal wrapped BTC, 10^10 for an
 *                            18-decimal one; 1 .. 10^12)
 * @param unitDecimals        decimals of the class's TH/s unit, as registered (0 .. 18)
 */
public record BitcoinClassParams(int minConfirmations, long maxCheckpointAge, long windowSlack, long baseUnitsPerSatoshi,
                                 int unitDecimals) {

    /** Largest {@code minConfirmations}. */
    public static final int MAX_MIN_CONFIRMATIONS = 2016;
    /** Largest {@code maxCheckpointAge}: 90 days. */
    public static final long MAX_CHECKPOINT_AGE = 90L * 86_400;
    /** Largest {@code windowSlack}: 30 days. */
    public static final long MAX_WINDOW_SLACK = 30L * 86_400;

    /**
     * Checks the bounds the contract enforces.
     *
     * @throws IllegalArgumentException if a value is out of its range
     */
    public BitcoinClassParams {
        if (minConfirmations < 1 || minConfirmations > MAX_MIN_CONFIRMATIONS) {
            throw new IllegalArgumentException("minConfirmations must be 1.." + MAX_MIN_CONFIRMATIONS + ", got "
                    + minConfirmations);
        }
        if (maxCheckpointAge < 1 || maxCheckpointAge > MAX_CHECKPOINT_AGE) {
            throw new IllegalArgumentException("maxCheckpointAge must be 1.." + MAX_CHECKPOINT_AGE + " s, got "
                    + maxCheckpointAge);
        }
        if (windowSlack < 0 || windowSlack > MAX_WINDOW_SLACK) {
            throw new IllegalArgumentException("windowSlack must be 0.." + MAX_WINDOW_SLACK + " s, got " + windowSlack);
        }
        if (baseUnitsPerSatoshi < 1 || baseUnitsPerSatoshi > SubsidyFloor.MAX_BASE_UNITS_PER_SATOSHI) {
            throw new IllegalArgumentException("baseUnitsPerSatoshi must be 1.." + SubsidyFloor.MAX_BASE_UNITS_PER_SATOSHI
                    + ", got " + baseUnitsPerSatoshi);
        }
        if (unitDecimals < 0 || unitDecimals > 18) {
            throw new IllegalArgumentException("unitDecimals must be 0..18, got " + unitDecimals);
        }
    }
}
