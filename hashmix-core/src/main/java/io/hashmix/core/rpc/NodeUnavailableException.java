package io.hashmix.core.rpc;

import io.hashmix.HashMixException;

/**
 * The node could not be reached, or did not answer in time, after every retry.
 *
 * <p>{@link #possiblyDelivered()} says whether any attempt may have reached the node: {@code false}
 * only when every attempt failed before the request could arrive (connection refused, unknown host,
 * connect timeout) or was turned away unprocessed (HTTP 429 or 503). When it is {@code true}, the
 * request may have been processed: a transaction sent this way may be mined (the transaction layer
 * reports such a send as {@link io.hashmix.core.tx.SendOutcome#UNKNOWN}, with its hash).
 *
 * <p>{@link #retryable()}: repeating a JSON-RPC call is safe (the SDK's calls are reads, and a
 * transaction is only ever re-sent as its identical signed bytes).
 */
public final class NodeUnavailableException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String method;
    private final int attempts;
    private final boolean possiblyDelivered;
    private final boolean rateLimited;

    /** Creates the exception, assuming the request may have been delivered. */
    public NodeUnavailableException(String url, String method, int attempts, Throwable cause) {
        this(url, method, attempts, true, cause);
    }

    /**
     * Creates the exception for a node that is not rate limiting.
     *
     * @param url               the node
     * @param method            the JSON-RPC method (or a description of a batch)
     * @param attempts          how many attempts were made
     * @param possiblyDelivered whether any attempt may have reached the node
     * @param cause             the last attempt's failure
     */
    public NodeUnavailableException(String url, String method, int attempts, boolean possiblyDelivered, Throwable cause) {
        this(url, method, attempts, possiblyDelivered, false, cause);
    }

    /**
     * Creates the exception.
     *
     * @param url               the node
     * @param method            the JSON-RPC method (or a description of a batch)
     * @param attempts          how many attempts were made
     * @param possiblyDelivered whether any attempt may have reached the node
     * @param rateLimited       whether the last attempt was turned away by a rate limit (HTTP 429, or 503 with
     *                          {@code Retry-After}): the node is there but busy
     * @param cause             the last attempt's failure
     */
    public NodeUnavailableException(String url, String method, int attempts, boolean possiblyDelivered, boolean rateLimited,
                                    Throwable cause) {
        super("node at " + url + (rateLimited ? " rate limiting " : " unavailable for ") + method + " after " + attempts
                + " attempt(s)" + (possiblyDelivered ? "" : " (none reached it)") + ": " + describe(cause), cause);
        this.url = url;
        this.method = method;
        this.attempts = attempts;
        this.possiblyDelivered = possiblyDelivered;
        this.rateLimited = rateLimited;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** The RPC URL that failed. */
    public String url() {
        return url;
    }

    /** The JSON-RPC method that failed (or a description of the batch). */
    public String method() {
        return method;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether any attempt may have reached the node (and been processed). {@code false} means none
     * did: every attempt was refused before it could arrive or turned away unprocessed.
     *
     * @return whether the request may have been delivered
     */
    public boolean possiblyDelivered() {
        return possiblyDelivered;
    }

    /**
     * Whether the last attempt was turned away by a rate limit (HTTP 429, or 503 with {@code Retry-After}): the node
     * is there but busy, not down.
     *
     * @return whether the node was rate limiting
     */
    public boolean rateLimited() {
        return rateLimited;
    }

    /** {@code true}: repeating a JSON-RPC call of the SDK is safe. */
    @Override
    public boolean retryable() {
        return true;
    }
}
