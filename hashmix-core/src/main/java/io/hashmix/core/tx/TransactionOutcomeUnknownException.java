package io.hashmix.core.tx;

import java.util.Objects;
import java.util.Optional;

/**
 * The transaction was signed and may have been broadcast, and whether it is mined is not known:
 * the node stopped answering after the send, answered with something unusable, or the receipt did
 * not come in time ({@link ReceiptTimeoutException}). It may still be mined. Do not re-sign the
 * request with a new nonce (that may pay twice): await the receipt by {@link #transactionHash()} with
 * {@link TransactionSender#awaitReceipt(String)}, or, with the {@link #sent()} transaction, with
 * {@link TransactionSender#awaitReceipt(SentTransaction)}, which also tells a dropped transaction.
 * Outcome {@link SendOutcome#UNKNOWN}; not {@link #retryable()}.
 */
public class TransactionOutcomeUnknownException extends TransactionException {

    private static final long serialVersionUID = 1L;

    private final transient SentTransaction sent;
    private final String signedTransaction;

    /**
     * Creates the exception for a signed transaction.
     *
     * @param message what happened
     * @param sent    the transaction
     * @param cause   the failure that left the outcome unknown
     */
    public TransactionOutcomeUnknownException(String message, SentTransaction sent, Throwable cause) {
        this(message, sent, null, cause);
    }

    /**
     * Creates the exception for a signed transaction, with its signed bytes.
     *
     * @param message           what happened
     * @param sent              the transaction
     * @param signedTransaction the signed transaction, {@code 0x}-prefixed hex, or null
     * @param cause             the failure that left the outcome unknown
     */
    public TransactionOutcomeUnknownException(String message, SentTransaction sent, String signedTransaction, Throwable cause) {
        super(message, cause, SendOutcome.UNKNOWN, Objects.requireNonNull(sent, "sent").hash());
        this.sent = sent;
        this.signedTransaction = signedTransaction;
    }

    /**
     * Creates the exception knowing only the hash.
     *
     * @param message what happened
     * @param hash    the transaction's hash
     * @param cause   the failure that left the outcome unknown, or null
     */
    public TransactionOutcomeUnknownException(String message, String hash, Throwable cause) {
        super(message, cause, SendOutcome.UNKNOWN, Objects.requireNonNull(hash, "hash"));
        this.sent = null;
        this.signedTransaction = null;
    }

    /**
     * The transaction's hash (always known: it is computed before the first byte is sent).
     *
     * @return the hash
     */
    public String transactionHash() {
        return hash().orElseThrow();
    }

    /**
     * The signed transaction (nonce, fees, request), when the exception comes from a send rather
     * than from awaiting a receipt by hash alone.
     *
     * @return the transaction, if known
     */
    public Optional<SentTransaction> sent() {
        return Optional.ofNullable(sent);
    }

    /**
     * The signed transaction as it was broadcast ({@code 0x}-prefixed hex), when known. Broadcasting
     * these identical bytes again is always safe: they can be mined at most once.
     *
     * @return the signed bytes, if known
     */
    public Optional<String> signedTransaction() {
        return Optional.ofNullable(signedTransaction);
    }
}
