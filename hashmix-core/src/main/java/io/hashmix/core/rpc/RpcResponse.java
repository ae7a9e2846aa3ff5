package io.hashmix.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to one call of a batch: a result, or that call's error.
 *
 * @param result the result, or {@code null} on error
 * @param error  the error, or {@code null} on success
 */
public record RpcResponse(JsonNode result, RpcErrorException error) {

    static RpcResponse success(JsonNode result) {
        return new RpcResponse(result, null);
    }

    static RpcResponse failure(RpcErrorException error) {
        return new RpcResponse(null, error);
    }

    /** Whether the call succeeded. */
    public boolean isSuccess() {
        return error == null;
    }

    /**
     * The result.
     *
     * @throws RpcErrorException if the call failed
     */
    public JsonNode get() {
        if (error != null) {
            throw error;
        }
        return result;
    }
}
