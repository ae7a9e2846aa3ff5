package io.hashmix.core.tx;

import java.util.Objects;
import java.util.Optional;

import io.hashmix.HashMixException;

/**
 * A send that ended without a receipt, saying what is known about the transaction: its
 * {@link #outcome()} ({@link SendOutcome#UNKNOWN}: it may be mined, never re-sign it;
 * {@link SendOutcome#NOT_SENT} or {@link SendOutcome#DROPPED}: it will not be mined, retrying is
 * safe) and, once it was signed, its {@link #hash()}.
 *
 * <p>{@link #retryable()} is {@link SendOutcome#safeToRetry()}. The subclasses:
 * {@link TransactionOutcomeUnknownException} (and its {@link ReceiptTimeoutException}),
 * {@link TransactionNotSentException}, {@link TransactionRejectedException} (the node or the fee
 * cap refused it: not sent) and {@link TransactionDroppedException}.
 */
public abstract class TransactionException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final SendOutcome outcome;
    private final String transactionHash;

    /**
     * Creates the exception.
     *
     * @param message         what happened
     * @param cause           why, or null
     * @param outcome         what is known about the transaction
     * @param transactionHash its hash, or null if it was never signed
     */
    protected TransactionException(String message, Throwable cause, SendOutcome outcome, String transactionHash) {
        super(message, cause);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.transactionHash = transactionHash;
    }

    /**
     * What is known about the transaction.
     *
     * @return the outcome
     */
    public SendOutcome outcome() {
        return outcome;
    }

    /**
     * The transaction's hash: always present for {@link SendOutcome#UNKNOWN} and
     * {@link SendOutcome#DROPPED}; for {@link SendOutcome#NOT_SENT}, present when the transaction was
     * signed before the send failed.
     *
     * @return the hash, if the transaction was signed
     */
    public Optional<String> hash() {
        return Optional.ofNullable(transactionHash);
    }

    /** Whether re-sending is safe: {@code outcome().safeToRetry()}. */
    @Override
    public boolean retryable() {
        return outcome.safeToRetry();
    }
}
