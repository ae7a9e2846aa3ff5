package io.hashmix.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.ScriptedNode;
import io.hashmix.proofs.EvmAddress;

class LogReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EvmAddress CONTRACT = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    /** Blocks that hold one log each; 57 holds a log the node flags as removed (reorged out). */
    private static final List<Long> LOG_BLOCKS = List.of(3L, 12L, 12L, 40L, 57L, 88L, 99L);

    private ScheduledExecutorService scheduler;
    private ScriptedNode node;
    private JsonRpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        node = ScriptedNode.start();
        rpc = node.client(scheduler, RetryPolicy.NONE);
        node.on("eth_blockNumber", "0x64"); // head 100
        // a node that refuses ranges wider than 10 blocks, like many hosted nodes do
        node.on("eth_getLogs", (ScriptedNode.Responder) params -> {
            JsonNode f = params.get(0);
            long from = Long.decode(f.get("fromBlock").asText());
            long to = Long.decode(f.get("toBlock").asText());
            if (to - from + 1 > 10) {
                return ScriptedNode.error(-32005, "query returned more than 10000 results");
            }
            ArrayNode out = MAPPER.createArrayNode();
            // answer in reverse order: the reader must sort
            for (int i = LOG_BLOCKS.size() - 1; i >= 0; i--) {
                long b = LOG_BLOCKS.get(i);
                if (b >= from && b <= to) {
                    ObjectNode l = out.addObject();
                    l.put("address", CONTRACT.hex());
                    l.putArray("topics").add("0x" + "11".repeat(32));
                    l.put("data", "0x");
                    l.put("blockNumber", "0x" + Long.toHexString(b));
                    l.put("logIndex", "0x" + Integer.toHexString(i));
                    l.put("transactionHash", "0x" + "22".repeat(32));
                    l.put("removed", b == 57);
                }
            }
            return out;
        });
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        scheduler.shutdownNow();
    }

    @Test
    void splitsRefusedRangesAndReturnsChainOrderBehindTheHead() {
        LogReader reader = new LogReader(rpc, 64, 3);
        List<LogEntry> logs = reader.read(LogFilter.of(CONTRACT, 0, List.of())).join();

        // head 100 with 3 confirmations: up to block 98, so the log at 99 is not final yet; 57 was removed
        assertEquals(List.of(3L, 12L, 12L, 40L, 88L), logs.stream().map(LogEntry::blockNumber).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L), logs.stream().map(LogEntry::logIndex).toList());
        // every query the node answered was at most 10 blocks wide, and together they cover 0..98 exactly once
        long covered = 0;
        for (ScriptedNode.Call c : node.calls("eth_getLogs")) {
            JsonNode f = c.params().get(0);
            long width = Long.decode(f.get("toBlock").asText()) - Long.decode(f.get("fromBlock").asText()) + 1;
            if (width <= 10) {
                covered += width;
            }
        }
        assertEquals(99, covered);
    }

    @Test
    void explicitRangeNeedsNoHead() {
        LogReader reader = new LogReader(rpc, 5, 1);
        List<LogEntry> logs = reader.read(new LogFilter(List.of(CONTRACT), List.of(), 10, 45L)).join();
        assertEquals(List.of(12L, 12L, 40L), logs.stream().map(LogEntry::blockNumber).toList());
        assertEquals(0, node.count("eth_blockNumber"));
    }

    @Test
    void emptyWhenTheRangeIsNotConfirmedYet() {
        LogReader reader = new LogReader(rpc, 5, 10);
        assertTrue(reader.read(LogFilter.of(CONTRACT, 95, List.of())).join().isEmpty());
        assertEquals(0, node.count("eth_getLogs"));
    }

    @Test
    void otherErrorsAreNotSplitButReported() {
        node.on("eth_getLogs", ScriptedNode.error(-32602, "invalid argument 0: hex string has odd length"));
        LogReader reader = new LogReader(rpc, 1000, 1);
        CompletionException e = assertThrows(CompletionException.class,
                () -> reader.read(LogFilter.of(CONTRACT, 0, List.of())).join());
        assertInstanceOf(RpcErrorException.class, e.getCause());
        assertEquals(1, node.count("eth_getLogs"));
    }

    @Test
    void rejectsBadFilters() {
        assertThrows(IllegalArgumentException.class, () -> new LogFilter(List.of(), List.of(), 0, null));
        assertThrows(IllegalArgumentException.class, () -> new LogFilter(List.of(CONTRACT), List.of(), 5, 4L));
        assertThrows(IllegalArgumentException.class, () -> new LogReader(rpc, 0, 1));
    }
}
