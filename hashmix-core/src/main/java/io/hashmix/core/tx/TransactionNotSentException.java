package io.hashmix.core.tx;

/**
 * The transaction was not sent: nothing that could be mined left the SDK. The node could not be
 * reached for the gas estimate, the fees or the nonce (nothing was signed), every attempt to
 * broadcast it was refused before it could arrive, or the key's line gave up on it because an
 * earlier transaction found the node unavailable while it waited. Outcome
 * {@link SendOutcome#NOT_SENT}: {@link #retryable()}; the cause says what failed.
 */
public final class TransactionNotSentException extends TransactionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message         what happened
     * @param transactionHash the hash if the transaction was signed, else null
     * @param cause           the failure
     */
    public TransactionNotSentException(String message, String transactionHash, Throwable cause) {
        super(message, cause, SendOutcome.NOT_SENT, transactionHash);
    }
}
