package io.hashmix.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.core.tx.ScriptedNode;

class BlockReaderTest {

    private ScheduledExecutorService scheduler;
    private ScriptedNode node;
    private JsonRpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        node = ScriptedNode.start();
        rpc = node.client(scheduler, RetryPolicy.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        scheduler.shutdownNow();
    }

    private static String hash(long n) {
        return String.format("0x%064X", n);
    }

    private static Map<String, Object> block(long n) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("number", "0x" + Long.toHexString(n));
        b.put("hash", hash(n));
        b.put("parentHash", hash(n - 1));
        return b;
    }

    @Test
    void readsARangeOfHeadersInOneBatch() {
        node.on("eth_getBlockByNumber", (ScriptedNode.Responder) params -> block(Long.decode(params.path(0).asText())))
                .on("eth_blockNumber", "0x20");

        List<BlockRef> blocks = new BlockReader(rpc).blocks(5, 9).join();

        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), blocks.stream().map(BlockRef::number).toList());
        assertEquals(hash(7).toLowerCase(), blocks.get(2).hash(), "hashes are kept lowercase");
        assertEquals(blocks.get(1).hash(), blocks.get(2).parentHash());
        assertEquals(1, node.requestCount(), "one HTTP request for the range");
        assertEquals(32L, new BlockReader(rpc).head().join());
    }

    @Test
    void aMissingOrMisnumberedBlockFailsTheRead() {
        node.on("eth_getBlockByNumber", (ScriptedNode.Responder) params -> {
            long n = Long.decode(params.path(0).asText());
            return n == 3 ? null : block(n == 4 ? 40 : n);
        });
        BlockReader reader = new BlockReader(rpc);

        CompletionException missing = assertThrows(CompletionException.class, () -> reader.blocks(2, 3).join());
        assertTrue(assertInstanceOf(RpcProtocolException.class, missing.getCause()).getMessage().contains("block 3 does not exist"));
        CompletionException wrong = assertThrows(CompletionException.class, () -> reader.blocks(4, 4).join());
        assertTrue(wrong.getCause().getMessage().contains("got block 40"), wrong.getCause().getMessage());
        assertThrows(CompletionException.class, () -> reader.blocks(5, 4).join());
    }
}
