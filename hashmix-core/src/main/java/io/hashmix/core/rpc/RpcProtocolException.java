package io.hashmix.core.rpc;

import io.hashmix.core.HashMixException;

/** The node answered, but not with valid JSON-RPC: a non-retryable HTTP status, HTML, or a mismatched id. */
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
}
