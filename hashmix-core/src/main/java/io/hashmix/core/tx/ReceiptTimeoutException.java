package io.hashmix.core.tx;

import java.time.Duration;

/**
 * No receipt (with enough confirmations) arrived in time. This is not a failure of the
 * transaction: it may still be mined. Await it again with
 * {@link TransactionSender#awaitReceipt(String)} and {@link #transactionHash()}. Outcome
 * {@link SendOutcome#UNKNOWN}.
 */
public final class ReceiptTimeoutException extends TransactionOutcomeUnknownException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param transactionHash the transaction awaited
     * @param waited          how long
     * @param state           what was seen last (e.g. {@code not mined})
     * @param lastError       the last error while polling, or null
     */
    public ReceiptTimeoutException(String transactionHash, Duration waited, String state, Throwable lastError) {
        super(message(transactionHash, waited, state), transactionHash, lastError);
    }

    /**
     * Creates the exception for a transaction this SDK sent.
     *
     * @param sent      the transaction awaited
     * @param waited    how long
     * @param state     what was seen last (e.g. {@code not mined})
     * @param lastError the last error while polling, or null
     */
    public ReceiptTimeoutException(SentTransaction sent, Duration waited, String state, Throwable lastError) {
        super(message(sent.hash(), waited, state), sent, lastError);
    }

    private static String message(String hash, Duration waited, String state) {
        return "no receipt for " + hash + " after " + waited.toMillis() + " ms (" + state
                + "); it may still be mined: await it again by hash";
    }
}
