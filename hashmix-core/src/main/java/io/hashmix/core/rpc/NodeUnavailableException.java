package io.hashmix.core.rpc;

import io.hashmix.core.HashMixException;

/**
 * The node could not be reached, or did not answer in time, after every retry. Nothing about the
 * request's outcome is known: a transaction sent this way may still be mined (its hash is known
 * to the caller, so the receipt can be awaited later).
 */
public final class NodeUnavailableException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final int attempts;

    /** Creates the exception. */
    public NodeUnavailableException(String url, String method, int attempts, Throwable cause) {
        super("node at " + url + " unavailable for " + method + " after " + attempts + " attempt(s): "
                + describe(cause), cause);
        this.url = url;
        this.attempts = attempts;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** The RPC URL that failed. */
    public String url() {
        return url;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }
}
