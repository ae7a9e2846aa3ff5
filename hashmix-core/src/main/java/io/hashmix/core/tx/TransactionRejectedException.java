package io.hashmix.core.tx;

/**
 * The transaction was not sent, or the node refused it (and does not have it) for a reason other
 * than a revert: insufficient funds, a fee above the configured cap, an underpriced replacement,
 * ... Outcome {@link SendOutcome#NOT_SENT}: {@link #retryable()} (safe, though it fails the same
 * way until the reason goes away).
 */
public final class TransactionRejectedException extends TransactionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (nothing was signed, or the hash is not at hand). */
    public TransactionRejectedException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates the exception.
     *
     * @param message         what happened
     * @param cause           the node's error, or null
     * @param transactionHash the refused transaction's hash, or null if nothing was signed
     */
    public TransactionRejectedException(String message, Throwable cause, String transactionHash) {
        super(message, cause, SendOutcome.NOT_SENT, transactionHash);
    }
}
