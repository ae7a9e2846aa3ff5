package io.hashmix.core.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RpcCall;
import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.core.tx.Quantities;

/**
 * Reads the head and block headers ({@link BlockRef}s) over JSON-RPC, many blocks in one batch:
 * what a {@link ChainSource} needs besides the items. Thread-safe.
 */
public final class BlockReader {

    private final JsonRpcClient rpc;

    /**
     * Creates the reader.
     *
     * @param rpc the node
     */
    public BlockReader(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    /**
     * The number of the node's latest block.
     *
     * @return the head
     */
    public CompletableFuture<Long> head() {
        return rpc.call("eth_blockNumber").thenApply(Quantities::toLong);
    }

    /**
     * The blocks {@code from..to} (inclusive) in one JSON-RPC batch.
     *
     * @param from first block
     * @param to   last block
     * @return the blocks, in order; fails with {@link RpcProtocolException} if the node does not have one of them
     *         (the chain got shorter) or answers for another number
     */
    public CompletableFuture<List<BlockRef>> blocks(long from, long to) {
        if (from < 0 || to < from) {
            return CompletableFuture.failedFuture(new InvalidRequestException("need 0 <= from <= to, got " + from + ".." + to));
        }
        List<RpcCall> calls = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            calls.add(RpcCall.of("eth_getBlockByNumber", Quantities.encode(n), false));
        }
        return rpc.batch(calls).thenApply(answers -> {
            List<BlockRef> out = new ArrayList<>(answers.size());
            for (int i = 0; i < answers.size(); i++) {
                JsonNode block = answers.get(i).get();
                long n = from + i;
                if (block == null || block.isNull()) {
                    throw new RpcProtocolException("block " + n + " does not exist at " + rpc.url() + " (the chain is shorter)");
                }
                long number = Quantities.toLong(block.path("number"));
                if (number != n) {
                    throw new RpcProtocolException("asked for block " + n + " at " + rpc.url() + ", got block " + number);
                }
                out.add(new BlockRef(n, block.path("hash").asText(), block.path("parentHash").asText()));
            }
            return out;
        });
    }
}
