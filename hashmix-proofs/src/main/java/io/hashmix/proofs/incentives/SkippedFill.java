package io.hashmix.proofs.incentives;

/**
 * A fill the maker rewards rule did not count, and why ({@link MakerRewardsAllocator}).
 *
 * @param fill   the fill
 * @param reason {@value #SELF_FILL}, {@value #NO_FEE} or {@value #UNPRICED_CURRENCY}
 */
public record SkippedFill(MakerFill fill, String reason) {

    /** The maker filled its own order ({@code maker == taker}). */
    public static final String SELF_FILL = "self-fill";
    /** The fill paid no market fee. */
    public static final String NO_FEE = "no fee";
    /** The fill's currency has no price for the period. */
    public static final String UNPRICED_CURRENCY = "unpriced currency";

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the fill is null or the reason is null or blank
     */
    public SkippedFill {
        if (fill == null) {
            throw new IllegalArgumentException("a skipped fill needs the fill");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a skipped fill needs a reason");
        }
    }
}
