package io.hashmix.core.tx;

/**
 * What is known about a transaction whose send ended without a receipt. Every send of the
 * transaction layer ends in exactly one of: a receipt (a failed one is decoded into a
 * {@link io.hashmix.core.errors.ContractRevertException}), a revert found before anything was
 * signed, or a {@link TransactionException} whose {@link TransactionException#outcome() outcome} is
 * one of these.
 */
public enum SendOutcome {

    /**
     * Signed and possibly broadcast: the transaction may be mined, now or later. Never re-sign the
     * request with a new nonce (that may pay twice); await the receipt by its hash, which the
     * exception always carries.
     */
    UNKNOWN(false),

    /**
     * Known not sent: nothing that could be mined left the SDK, or the node refused it (and does not
     * have it). Retrying is safe.
     */
    NOT_SENT(true),

    /**
     * Known dropped: the node had accepted the transaction, and now its nonce is used by another
     * transaction, or the node no longer has it (a reorganisation took it out and nothing put it
     * back). It will not be mined. Retrying is safe: the retry, like any next send of the key, takes
     * the node's pending nonce, so at most one of the two can ever be mined.
     */
    DROPPED(true);

    private final boolean safeToRetry;

    SendOutcome(boolean safeToRetry) {
        this.safeToRetry = safeToRetry;
    }

    /**
     * Whether re-sending the request (signed again, with a new nonce) is safe.
     *
     * @return true for {@link #NOT_SENT} and {@link #DROPPED}
     */
    public boolean safeToRetry() {
        return safeToRetry;
    }
}
