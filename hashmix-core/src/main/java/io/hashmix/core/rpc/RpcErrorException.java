package io.hashmix.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.HashMixException;

/**
 * The node answered with a JSON-RPC error object. Reverts are not surfaced as this type by the
 * transaction layer: it decodes them into {@link io.hashmix.core.errors.ContractRevertException}s.
 */
public final class RpcErrorException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final int code;
    private final String rpcMessage;
    private final transient JsonNode data;

    /** Creates the exception. */
    public RpcErrorException(String url, String method, int code, String rpcMessage, JsonNode data) {
        super(method + " failed at " + url + ": " + rpcMessage + " (code " + code + ")");
        this.method = method;
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.data = data;
    }

    /** The JSON-RPC method that failed. */
    public String method() {
        return method;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The node's error message. */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** The error's {@code data} member as the node sent it (any shape), or {@code null}. */
    public JsonNode data() {
        return data;
    }
}
