package io.hashmix.examples.exchange;

import java.util.List;

/**
 * What a buy request came to.
 *
 * @param requestId the request's id (its settlements carry it)
 * @param plan what was matched
 * @param settlements the settlements sent, as they stand after the call
 * @param outcome how the transaction ended
 * @param detail why it failed or is in doubt, or null
 */
public record BuyResult(String requestId, MatchPlan plan, List<Settlement> settlements, Outcome outcome, String detail) {

    /** Copies the settlements. */
    public BuyResult {
        settlements = List.copyOf(settlements);
    }

    /** How a buy ended. */
    public enum Outcome {
        /** No listing matched; nothing was sent. */
        NOTHING_MATCHED,
        /** The transaction succeeded; the settlements are MINED or already CONFIRMED. */
        FILLED,
        /** The transaction reverted or was refused: nothing was bought. */
        FAILED,
        /** The outcome is unknown (node gone after sending); the follower resolves it from chain events. */
        IN_DOUBT
    }
}
