package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A transaction the node had accepted will not be mined: its nonce was used by another
 * transaction, or the node no longer has it (a reorganisation took its block away and nothing
 * put it back). Outcome {@link SendOutcome#DROPPED}: {@link #retryable()}. The key's nonce is
 * resynchronised from the node, so the next send (a retry or any other) takes the freed nonce.
 */
public final class TransactionDroppedException extends TransactionException {

    private static final long serialVersionUID = 1L;

    /** How a transaction was found dropped. */
    public enum Reason {
        /** The sender's mined nonce moved past it and it has no receipt: another transaction used its nonce. */
        NONCE_USED,
        /** The node no longer knows it (no receipt, not pending): a reorganisation or the node's pool dropped it. */
        GONE
    }

    private final Reason reason;
    private final BigInteger nonce;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param sent    the dropped transaction
     * @param reason  how it was found dropped
     */
    public TransactionDroppedException(String message, SentTransaction sent, Reason reason) {
        super(message, null, SendOutcome.DROPPED, Objects.requireNonNull(sent, "sent").hash());
        this.reason = Objects.requireNonNull(reason, "reason");
        this.nonce = sent.nonce();
    }

    /**
     * The dropped transaction's hash.
     *
     * @return the hash
     */
    public String transactionHash() {
        return hash().orElseThrow();
    }

    /**
     * How it was found dropped.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The nonce it was signed with.
     *
     * @return the nonce
     */
    public BigInteger nonce() {
        return nonce;
    }
}
