package io.hashmix.core.tx;

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

import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.errors.RevertedWithReasonException;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.proofs.EvmAddress;

class ContractCallsTest {

    private static final EvmAddress TARGET = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    /** Error(string) "nope". */
    private static final String REVERT_NOPE = "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "6e6f706500000000000000000000000000000000000000000000000000000000";

    private ScheduledExecutorService scheduler;
    private ScriptedNode node;
    private ContractCalls calls;

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        node = ScriptedNode.start();
        calls = new ContractCalls(node.client(scheduler, RetryPolicy.NONE),
                RevertDecoder.builder(AbiErrorCatalog.ofProtocol()).build());
        // echo the calldata back, or revert when it asks to
        node.on("eth_call", (ScriptedNode.Responder) params -> {
            String data = params.path(0).path("data").asText();
            return data.equals("0xdead") ? ScriptedNode.error(3, "execution reverted", REVERT_NOPE) : data;
        });
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        scheduler.shutdownNow();
    }

    @Test
    void batchedCallsComeBackInRequestOrderInOneRoundTrip() {
        List<TxRequest> requests = List.of(TxRequest.call(TARGET, "0x01", "a"), TxRequest.call(TARGET, "0x02", "b"),
                TxRequest.call(TARGET, "0x03", "c"));
        // the scripted node answers batches in reverse order: results must still follow the requests
        assertEquals(List.of("0x01", "0x02", "0x03"), calls.callAll(null, requests).join());
        assertEquals(3, node.count("eth_call"));
    }

    @Test
    void aRevertInTheBatchIsDecoded() {
        List<TxRequest> requests = List.of(TxRequest.call(TARGET, "0x01", "fine"), TxRequest.call(TARGET, "0xdead", "Thing.broken"));
        CompletionException e = assertThrows(CompletionException.class, () -> calls.callAll(null, requests).join());
        RevertedWithReasonException revert = assertInstanceOf(RevertedWithReasonException.class, e.getCause());
        assertEquals("nope", revert.reason());
        assertTrue(revert.context().startsWith("Thing.broken"), revert.context());
    }

    @Test
    void aSettledBatchKeepsTheOtherResultsWhenOneReverts() {
        List<TxRequest> requests = List.of(TxRequest.call(TARGET, "0x01", "fine"), TxRequest.call(TARGET, "0xdead", "Thing.broken"),
                TxRequest.call(TARGET, "0x03", "also fine"));
        List<CallOutcome> out = calls.callAllSettled(null, requests).join();
        assertEquals(3, out.size());
        assertEquals("0x01", out.get(0).orThrow());
        assertEquals("0x03", out.get(2).data());
        assertTrue(!out.get(1).succeeded());
        RevertedWithReasonException revert = assertInstanceOf(RevertedWithReasonException.class, out.get(1).failure());
        assertEquals("nope", revert.reason());
        assertTrue(revert.context().startsWith("Thing.broken"), revert.context());
        assertThrows(RevertedWithReasonException.class, out.get(1)::orThrow);
        assertEquals(3, node.count("eth_call"));
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertEquals(List.of(), calls.callAll(null, List.of()).join());
        assertEquals(0, node.count("eth_call"));
    }
}
