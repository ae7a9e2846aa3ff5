package io.hashmix.core.rpc;

import io.hashmix.HashMixException;

/**
 * The node answered, but not with usable JSON-RPC: a non-retryable HTTP status with a body that is
 * not JSON-RPC, or (after every retry) a truncated or non-JSON body, an object with neither result
 * nor error, a mismatched id. The request reached a server, so it may have been processed.
 *
 * <p>{@link #retryable()}: repeating a JSON-RPC call of the SDK is safe (reads, and transactions
 * only ever re-sent as their identical signed bytes).
 */
public final class RpcProtocolException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public RpcProtocolException(String message) {
        super(message);
    }

    /** Creates the exception. */
    public RpcProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code true}: repeating a JSON-RPC call of the SDK is safe. */
    @Override
    public boolean retryable() {
        return true;
    }
}
