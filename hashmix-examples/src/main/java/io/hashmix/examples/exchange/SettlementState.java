package io.hashmix.examples.exchange;

/**
 * The life of a fill the exchange sends ({@link Settlement}):
 * <pre>
 * SUBMITTED ──receipt──► MINED ──event followed──► CONFIRMED
 *     │  └──revert / not sent──► FAILED
 *     └──crash or unknown outcome──► IN_DOUBT ──event followed──► CONFIRMED
 *                                        └──no event within the grace blocks──► FAILED
 * </pre>
 * Units of {@link #SUBMITTED}, {@link #MINED} and {@link #IN_DOUBT} settlements are reserved: the matcher does
 * not offer them again.
 */
public enum SettlementState {
    /** Recorded; the transaction is being sent by this process. */
    SUBMITTED,
    /** The transaction's receipt says it succeeded; its {@code OrderFilled} event is not followed yet. */
    MINED,
    /** Sent or maybe sent, outcome unknown (the process stopped, or the node did not answer). */
    IN_DOUBT,
    /** Its {@code OrderFilled} event is in the fills table. */
    CONFIRMED,
    /** It did not fill: reverted, refused before sending, or no fill appeared within the grace blocks. */
    FAILED;

    /**
     * Whether the settlement's units are still reserved.
     *
     * @return true while the outcome is open
     */
    public boolean isOpen() {
        return this == SUBMITTED || this == MINED || this == IN_DOUBT;
    }
}
