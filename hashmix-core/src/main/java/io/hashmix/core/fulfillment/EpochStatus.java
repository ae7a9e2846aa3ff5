package io.hashmix.core.fulfillment;

/**
 * Life of an epoch, mirroring {@code FulfillmentVault.EpochStatus} (same order, so
 * {@link #ordinal()} is the on-chain value).
 */
public enum EpochStatus {
    /** Not reported yet. */
    PENDING,
    /** Reported; awaiting the issuer's deposit until the deposit deadline. */
    REPORTED,
    /** Deposited; awaiting settlement (deposits settle at once when earlier epochs are settled). */
    DEPOSITED,
    /** Settled: deposited, no shortfall. */
    FULFILLED,
    /** Settled: deposited, with a shortfall paid from the collateral. */
    SHORT,
    /** Settled: reported but not deposited in time; revenue and shortfall paid from the collateral. */
    MISSED,
    /** Settled: not reported within the report window; {@code capacity * lastUnitRevenue} paid from the collateral. */
    UNREPORTED;

    private static final EpochStatus[] VALUES = values();

    /**
     * The status of an on-chain value.
     *
     * @param value the {@code uint8} the vault returns
     * @return the status
     * @throws IllegalArgumentException if the value is not a status
     */
    public static EpochStatus of(int value) {
        if (value < 0 || value >= VALUES.length) {
            throw new IllegalArgumentException("not an epoch status: " + value);
        }
        return VALUES[value];
    }

    /** Whether the epoch is settled (one of the final outcomes), so holders can claim it. */
    public boolean isSettled() {
        return ordinal() >= FULFILLED.ordinal();
    }
}
