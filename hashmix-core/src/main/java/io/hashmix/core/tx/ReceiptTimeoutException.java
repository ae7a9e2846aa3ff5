package io.hashmix.core.tx;

import java.time.Duration;

import io.hashmix.core.HashMixException;

/**
 * No receipt (with enough confirmations) arrived in time. This is not a failure of the
 * transaction: it may still be mined. Await it again with
 * {@link TransactionSender#awaitReceipt(String)} and {@link #transactionHash()}.
 */
public final class ReceiptTimeoutException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final String transactionHash;

    /** Creates the exception. */
    public ReceiptTimeoutException(String transactionHash, Duration waited, String state, Throwable lastError) {
        super("no receipt for " + transactionHash + " after " + waited.toMillis() + " ms (" + state
                + "); it may still be mined: await it again by hash", lastError);
        this.transactionHash = transactionHash;
    }

    /** The transaction still awaited. */
    public String transactionHash() {
        return transactionHash;
    }
}
