package io.hashmix.core.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.Quantities;

/**
 * Reads event logs with {@code eth_getLogs} (never node-side filters, which nodes drop), over
 * block ranges of at most {@code maxRange} blocks, halving a range whenever the node refuses it
 * as too large or too many results, and stopping {@code confirmations - 1} blocks behind the head
 * so what it returns is as final as the caller asked. Logs flagged {@code removed} (reorged out)
 * are dropped; results are in chain order. Stateless: a log it returned that a reorganisation
 * later removes simply is not in the next read; to be told about such removals, follow the chain
 * with a {@link LogCursor}. Thread-safe.
 */
public final class LogReader {

    /** A block range most nodes accept for {@code eth_getLogs}: 10,000 blocks (refused ranges are halved). */
    public static final long DEFAULT_MAX_RANGE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LogReader.class);

    private final JsonRpcClient rpc;
    private final long maxRange;
    private final int confirmations;

    /**
     * Creates a reader.
     *
     * @param rpc           the node
     * @param maxRange      the largest block range asked for at once (e.g. 10,000)
     * @param confirmations how many blocks must include or follow a log's block (1 = the head counts)
     */
    public LogReader(JsonRpcClient rpc, long maxRange, int confirmations) {
        if (maxRange < 1 || confirmations < 1) {
            throw new IllegalArgumentException("need maxRange >= 1 and confirmations >= 1");
        }
        this.rpc = rpc;
        this.maxRange = maxRange;
        this.confirmations = confirmations;
    }

    /** The number of the node's latest block (the raw head, not held back by the confirmations). */
    public CompletableFuture<Long> head() {
        return rpc.call("eth_blockNumber").thenApply(Quantities::toLong);
    }

    /** The logs matching a filter, in chain order. */
    public CompletableFuture<List<LogEntry>> read(LogFilter filter) {
        CompletableFuture<Long> to = filter.toBlock() != null ? CompletableFuture.completedFuture(filter.toBlock())
                : rpc.call("eth_blockNumber").thenApply(head -> Quantities.toLong(head) - (confirmations - 1));
        return to.thenCompose(last -> {
            List<LogEntry> out = new ArrayList<>();
            if (last < filter.fromBlock()) {
                return CompletableFuture.completedFuture(out);
            }
            return readChunks(filter, filter.fromBlock(), last, out).thenApply(done -> {
                out.sort(Comparator.comparingLong(LogEntry::blockNumber).thenComparingLong(LogEntry::logIndex));
                return out;
            });
        });
    }

    private CompletableFuture<Void> readChunks(LogFilter filter, long from, long last, List<LogEntry> out) {
        if (from > last) {
            return CompletableFuture.completedFuture(null);
        }
        long to = Math.min(last, from + maxRange - 1);
        return readRange(filter, from, to, out).thenCompose(done -> readChunks(filter, to + 1, last, out));
    }

    private CompletableFuture<Void> readRange(LogFilter filter, long from, long to, List<LogEntry> out) {
        return rpc.call("eth_getLogs", params(filter, from, to)).thenAccept(result -> {
            for (JsonNode l : result) {
                if (!l.path("removed").asBoolean(false)) {
                    out.add(LogEntry.fromJson(l));
                }
            }
        }).exceptionallyCompose(e -> {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof RpcErrorException rpcError && isRangeTooLarge(rpcError) && to > from) {
                long mid = from + (to - from) / 2;
                log.debug("eth_getLogs {}..{} refused ({}); splitting", from, to, rpcError.rpcMessage());
                return readRange(filter, from, mid, out).thenCompose(done -> readRange(filter, mid + 1, to, out));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static Map<String, Object> params(LogFilter filter, long from, long to) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("fromBlock", Quantities.encode(from));
        p.put("toBlock", Quantities.encode(to));
        p.put("address", filter.addresses().stream().map(a -> a.hex()).toList());
        List<Object> topics = new ArrayList<>();
        for (List<String> position : filter.topics()) {
            topics.add(position == null || position.isEmpty() ? null : position);
        }
        p.put("topics", topics);
        return p;
    }

    /** Whether the node refused a range as too wide or too full (wording differs per client). */
    static boolean isRangeTooLarge(RpcErrorException e) {
        String m = e.rpcMessage().toLowerCase(Locale.ROOT);
        return e.code() == -32005 || m.contains("more than") || m.contains("too many") || m.contains("range")
                || m.contains("limit") || m.contains("too large") || m.contains("response size");
    }
}
