package io.hashmix.core.rpc;

import java.util.List;
import java.util.Objects;

/**
 * One call of a JSON-RPC batch.
 *
 * @param method the method name
 * @param params positional parameters
 */
public record RpcCall(String method, List<?> params) {

    /** Checks and copies the parts. */
    public RpcCall {
        Objects.requireNonNull(method, "method");
        params = List.copyOf(params);
    }

    /** Shorthand for {@code new RpcCall(method, List.of(params))}. */
    public static RpcCall of(String method, Object... params) {
        return new RpcCall(method, List.of(params));
    }
}
