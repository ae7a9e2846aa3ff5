package io.hashmix.core.tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.hashmix.core.internal.Futures;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RpcCall;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.core.rpc.RpcResponse;
import io.hashmix.proofs.EvmAddress;

/**
 * Read-only contract calls ({@code eth_call}, {@code eth_estimateGas}) with reverts decoded into
 * typed exceptions. Thread-safe.
 */
public final class ContractCalls {

    private final JsonRpcClient rpc;
    private final RevertDecoder decoder;

    /** Creates the caller. */
    public ContractCalls(JsonRpcClient rpc, RevertDecoder decoder) {
        this.rpc = rpc;
        this.decoder = decoder;
    }

    /** The decoder reverts go through. */
    public RevertDecoder decoder() {
        return decoder;
    }

    /**
     * Runs a call against the latest block.
     *
     * @param from the caller ({@code msg.sender}), or {@code null}
     * @return the return data, {@code 0x}-prefixed
     */
    public CompletableFuture<String> call(EvmAddress from, TxRequest request) {
        return call(from, request, "latest");
    }

    /** Runs a call against a given block tag or number. */
    public CompletableFuture<String> call(EvmAddress from, TxRequest request, String blockTag) {
        return decodeReverts(request.label() + " (call)",
                rpc.call("eth_call", callObject(from, request), blockTag).thenApply(r -> r.asText("0x")));
    }

    /**
     * Runs several calls against the latest block in one JSON-RPC batch (one round trip).
     *
     * @return the return data of each call, in the order of {@code requests}; fails with the decoded
     *         revert (or the error) of the first call that failed
     */
    public CompletableFuture<List<String>> callAll(EvmAddress from, List<TxRequest> requests) {
        List<RpcCall> batch = requests.stream().map(r -> RpcCall.of("eth_call", callObject(from, r), "latest")).toList();
        return rpc.batch(batch).thenApply(responses -> {
            List<String> out = new java.util.ArrayList<>(responses.size());
            for (int i = 0; i < responses.size(); i++) {
                RpcResponse response = responses.get(i);
                if (!response.isSuccess()) {
                    String context = requests.get(i).label() + " (call)";
                    throw decoder.fromRpcError(context, response.error())
                            .<RuntimeException>map(revert -> {
                                revert.addSuppressed(response.error());
                                return revert;
                            })
                            .orElse(response.error());
                }
                out.add(response.result().asText("0x"));
            }
            return out;
        });
    }

    /**
     * Runs several calls against the latest block in one JSON-RPC batch (one round trip), letting
     * each call fail on its own: a call that reverts (e.g. {@code ownerOf} of a burnt token) does
     * not fail the others. A transport failure of the whole batch still fails the future.
     *
     * @return one outcome per request, in the order of {@code requests}: the return data, or the
     *         decoded revert (or the JSON-RPC error) of that call
     */
    public CompletableFuture<List<CallOutcome>> callAllSettled(EvmAddress from, List<TxRequest> requests) {
        List<RpcCall> batch = requests.stream().map(r -> RpcCall.of("eth_call", callObject(from, r), "latest")).toList();
        return rpc.batch(batch).thenApply(responses -> {
            List<CallOutcome> out = new java.util.ArrayList<>(responses.size());
            for (int i = 0; i < responses.size(); i++) {
                RpcResponse response = responses.get(i);
                if (response.isSuccess()) {
                    out.add(CallOutcome.success(response.result().asText("0x")));
                    continue;
                }
                String context = requests.get(i).label() + " (call)";
                RuntimeException failure = decoder.fromRpcError(context, response.error())
                        .<RuntimeException>map(revert -> {
                            revert.addSuppressed(response.error());
                            return revert;
                        })
                        .orElse(response.error());
                out.add(CallOutcome.failure(failure));
            }
            return out;
        });
    }

    /**
     * The native-coin balance of an account (ETH on Ethereum), in wei, at the latest block.
     *
     * @param account the account
     * @return its balance
     */
    public CompletableFuture<java.math.BigInteger> balance(EvmAddress account) {
        return rpc.call("eth_getBalance", account.hex(), "latest").thenApply(Quantities::toBigInteger);
    }

    /** Estimates gas, decoding a revert the estimate runs into. */
    public CompletableFuture<java.math.BigInteger> estimateGas(EvmAddress from, TxRequest request) {
        return decodeReverts(request.label() + " (gas estimate)",
                rpc.call("eth_estimateGas", callObject(from, request)).thenApply(Quantities::toBigInteger));
    }

    /** Replaces a JSON-RPC error that is a revert by its decoded exception. */
    <T> CompletableFuture<T> decodeReverts(String context, CompletableFuture<T> future) {
        return future.exceptionallyCompose(e -> {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof RpcErrorException rpcError) {
                var revert = decoder.fromRpcError(context, rpcError);
                if (revert.isPresent()) {
                    revert.get().addSuppressed(rpcError);
                    return CompletableFuture.failedFuture(revert.get());
                }
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    static Map<String, Object> callObject(EvmAddress from, TxRequest request) {
        Map<String, Object> call = new LinkedHashMap<>();
        if (from != null) {
            call.put("from", from.hex());
        }
        if (request.to() != null) {
            call.put("to", request.to().hex());
        }
        call.put("data", request.data());
        if (request.value().signum() > 0) {
            call.put("value", Quantities.encode(request.value()));
        }
        if (request.gasLimit() != null) {
            call.put("gas", Quantities.encode(request.gasLimit()));
        }
        return call;
    }
}
