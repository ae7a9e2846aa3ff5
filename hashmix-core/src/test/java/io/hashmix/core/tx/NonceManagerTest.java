package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

class NonceManagerTest {

    private static final EvmAddress ALICE = EvmAddress.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final EvmAddress BOB = EvmAddress.of("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

    private ScriptedNode node;
    private ScheduledExecutorService scheduler;
    private JsonRpcClient rpc;
    private NonceManager nonces;

    @BeforeEach
    void start() throws Exception {
        node = ScriptedNode.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        rpc = node.client(scheduler, RetryPolicy.NONE);
        nonces = new NonceManager(rpc);
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        node.close();
    }

    private static RpcErrorException rpcError(String message) {
        return new RpcErrorException("http://node", "eth_sendRawTransaction", -32000, message, null);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }

    /** A send that records the nonces it is given and answers with a scripted outcome per call. */
    private static final class RecordingSend implements Function<BigInteger, CompletableFuture<BigInteger>> {
        private final List<BigInteger> seen = Collections.synchronizedList(new ArrayList<>());
        private final List<RuntimeException> failures;

        RecordingSend(RuntimeException... failuresThenSuccess) {
            this.failures = List.of(failuresThenSuccess);
        }

        @Override
        public CompletableFuture<BigInteger> apply(BigInteger nonce) {
            int call = seen.size();
            seen.add(nonce);
            return call < failures.size() ? CompletableFuture.failedFuture(failures.get(call))
                    : CompletableFuture.completedFuture(nonce);
        }
    }

    @Test
    void twoHundredConcurrentSubmissionsGetEveryNonceOnceAndReachTheNodeInNonceOrder() throws Exception {
        long start = 100;
        node.on("eth_getTransactionCount", Quantities.encode(start))
                .on("eth_sendRawTransaction", (ScriptedNode.Responder) params -> "0x" + "00".repeat(32));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<CompletableFuture<BigInteger>>>> perThread = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                perThread.add(pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<BigInteger>> mine = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        mine.add(nonces.submit(ALICE, nonce -> rpc.call("eth_sendRawTransaction", Quantities.encode(nonce))
                                .thenApply(hash -> nonce)));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Long> handedOut = new ArrayList<>();
            for (Future<List<CompletableFuture<BigInteger>>> f : perThread) {
                for (CompletableFuture<BigInteger> n : f.get(10, TimeUnit.SECONDS)) {
                    handedOut.add(n.get(10, TimeUnit.SECONDS).longValueExact());
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long n = start; n < start + 200; n++) {
                expected.add(n);
            }
            List<Long> sorted = new ArrayList<>(handedOut);
            Collections.sort(sorted);
            assertEquals(expected, sorted, "every nonce from start to start+199 exactly once");
            List<Long> arrival = node.calls("eth_sendRawTransaction").stream()
                    .map(c -> Long.decode(c.param(0))).toList();
            assertEquals(expected, arrival, "sends reach the node in nonce order");
            assertEquals(1, node.count("eth_getTransactionCount"), "the nonce is read once, then cached");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsThePendingCountOnceThenCountsUp() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        RecordingSend send = new RecordingSend();

        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, send)));
        assertEquals(BigInteger.valueOf(6), await(nonces.submit(ALICE, send)));
        assertEquals(BigInteger.valueOf(7), await(nonces.submit(ALICE, send)));

        assertEquals(1, node.count("eth_getTransactionCount"));
        ScriptedNode.Call read = node.calls("eth_getTransactionCount").get(0);
        assertEquals(ALICE.hex(), read.param(0));
        assertEquals("pending", read.param(1));
    }

    @Test
    void sendersHaveIndependentNonces() throws Exception {
        node.on("eth_getTransactionCount", (ScriptedNode.Responder) params ->
                params.get(0).asText().equals(ALICE.hex()) ? "0x5" : "0x50");
        RecordingSend send = new RecordingSend();

        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, send)));
        assertEquals(BigInteger.valueOf(0x50), await(nonces.submit(BOB, send)));
        assertEquals(BigInteger.valueOf(6), await(nonces.submit(ALICE, send)));
        assertEquals(BigInteger.valueOf(0x51), await(nonces.submit(BOB, send)));
        assertEquals(2, node.count("eth_getTransactionCount"));
    }

    @Test
    void nonceConflictResyncsFromTheNodeAndRetriesWithTheFreshNonce() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x9");
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, new RecordingSend()))); // caches 6
        RecordingSend send = new RecordingSend(rpcError("nonce too low: next nonce 9, tx nonce 6"));

        assertEquals(BigInteger.valueOf(9), await(nonces.submit(ALICE, send)));

        assertEquals(List.of(BigInteger.valueOf(6), BigInteger.valueOf(9)), send.seen);
        assertEquals(2, node.count("eth_getTransactionCount"));
        assertEquals(BigInteger.valueOf(10), await(nonces.submit(ALICE, new RecordingSend())));
    }

    @Test
    void persistentNonceConflictGivesUpAfterFiveRetries() {
        node.on("eth_getTransactionCount", "0x5");
        RpcErrorException conflict = rpcError("nonce too low");
        RecordingSend send = new RecordingSend(conflict, conflict, conflict, conflict, conflict, conflict, conflict, conflict);

        assertSame(conflict, failure(nonces.submit(ALICE, send)));

        assertEquals(6, send.seen.size());
        assertEquals(6, node.count("eth_getTransactionCount"));
    }

    @Test
    void otherFailureIsNotRetriedButTheNextSubmissionAsksTheNodeAgain() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x6");
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, new RecordingSend()))); // caches 6
        TransactionRejectedException rejected = new TransactionRejectedException("insufficient funds", null);
        RecordingSend send = new RecordingSend(rejected);

        assertSame(rejected, failure(nonces.submit(ALICE, send)));
        assertEquals(List.of(BigInteger.valueOf(6)), send.seen);

        // the node says nonce 6 is still free (the rejected transaction was not consumed): reused, no gap
        assertEquals(BigInteger.valueOf(6), await(nonces.submit(ALICE, send)));
        assertEquals(2, node.count("eth_getTransactionCount"));
    }

    @Test
    void sendThatThrowsFailsTheSubmissionAndDoesNotBlockTheNext() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        IllegalStateException boom = new IllegalStateException("signer broke");

        assertSame(boom, failure(nonces.submit(ALICE, n -> {
            throw boom;
        })));
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, new RecordingSend())));
    }

    @Test
    void failureToReadTheNonceFailsTheSubmission() {
        node.on("eth_getTransactionCount", ScriptedNode.error(-32000, "header not found"));
        RecordingSend send = new RecordingSend();

        RpcErrorException e = assertInstanceOf(RpcErrorException.class, failure(nonces.submit(ALICE, send)));

        assertEquals("header not found", e.rpcMessage());
        assertTrue(send.seen.isEmpty());
    }

    @Test
    void resyncForcesTheNextSubmissionToAskTheNode() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x20");
        RecordingSend send = new RecordingSend();
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, send)));

        nonces.resync(ALICE);
        nonces.resync(BOB); // unknown sender: nothing to forget

        assertEquals(BigInteger.valueOf(0x20), await(nonces.submit(ALICE, send)));
        assertEquals(2, node.count("eth_getTransactionCount"));
    }

    @Test
    void laterSubmissionWaitsForTheEarlierSendToFinish() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        CompletableFuture<BigInteger> firstSend = new CompletableFuture<>();
        List<BigInteger> secondSaw = Collections.synchronizedList(new ArrayList<>());

        CountDownLatch firstStarted = new CountDownLatch(1);
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, n -> {
            firstStarted.countDown();
            return firstSend;
        });
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<BigInteger> second = nonces.submit(ALICE, n -> {
            secondSaw.add(n);
            return CompletableFuture.completedFuture(n);
        });
        // the first send is still in flight (its nonce was read): the second must not have started
        assertFalse(second.isDone());
        assertTrue(secondSaw.isEmpty());

        firstSend.complete(BigInteger.valueOf(5));
        assertEquals(BigInteger.valueOf(5), await(first));
        assertEquals(BigInteger.valueOf(6), await(second));
        assertEquals(List.of(BigInteger.valueOf(6)), secondSaw);
    }

    @Test
    void failedPreparationTakesNoNonceAndKeepsTheCachedOne() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, new RecordingSend())));
        IllegalStateException estimateFailed = new IllegalStateException("estimate failed");
        List<BigInteger> sent = Collections.synchronizedList(new ArrayList<>());

        Throwable cause = failure(nonces.submit(ALICE, CompletableFuture.<String>failedFuture(estimateFailed),
                (nonce, prepared) -> {
                    sent.add(nonce);
                    return CompletableFuture.completedFuture(nonce);
                }));

        assertSame(estimateFailed, cause);
        assertTrue(sent.isEmpty());
        assertEquals(BigInteger.valueOf(6), await(nonces.submit(ALICE, new RecordingSend())));
        assertEquals(1, node.count("eth_getTransactionCount"));
    }

    @Test
    void submissionKeepsItsPlaceInLineWhilePreparing() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        CompletableFuture<String> slowPreparation = new CompletableFuture<>();

        CompletableFuture<String> first = nonces.submit(ALICE, slowPreparation,
                (nonce, prepared) -> CompletableFuture.completedFuture(prepared + "@" + nonce));
        CompletableFuture<String> second = nonces.submit(ALICE, CompletableFuture.completedFuture("fast"),
                (nonce, prepared) -> CompletableFuture.completedFuture(prepared + "@" + nonce));
        assertFalse(second.isDone());
        slowPreparation.complete("slow");

        assertEquals("slow@5", await(first));
        assertEquals("fast@6", await(second));
    }

    @Test
    void recognisesNonceConflictsOfEveryClient() {
        for (String message : List.of("nonce too low", "Nonce too low. Expected nonce to be 3 but got 2.",
                "nonce too high", "nonce has already been used", "replacement transaction underpriced",
                "Invalid nonce", "Nonce 3 is lower than the current nonce 4")) {
            assertTrue(NonceManager.isNonceConflict(rpcError(message)), message);
        }
        for (String message : List.of("insufficient funds for gas * price + value", "already known",
                "execution reverted", "intrinsic gas too low")) {
            assertFalse(NonceManager.isNonceConflict(rpcError(message)), message);
        }
        assertFalse(NonceManager.isNonceConflict(new TransactionRejectedException("nonce too low", null)));
    }

    private static io.hashmix.core.rpc.NodeUnavailableException down() {
        return new io.hashmix.core.rpc.NodeUnavailableException("http://node", "eth_sendRawTransaction", 4, new java.io.IOException("refused"));
    }

    @Test
    void nodeFoundUnavailableFailsTheWholeQueueAtOnceWithoutSendingAndLaterSubmissionsTryAgain() throws Exception {
        node.on("eth_getTransactionCount", "0x5");
        CompletableFuture<BigInteger> firstSend = new CompletableFuture<>();
        List<BigInteger> sentNonces = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, n -> {
            sentNonces.add(n);
            return firstSend;
        });
        List<CompletableFuture<BigInteger>> queued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            queued.add(nonces.submit(ALICE, n -> {
                sentNonces.add(n);
                return CompletableFuture.completedFuture(n);
            }));
        }
        CompletableFuture<BigInteger> bob = nonces.submit(BOB, n -> CompletableFuture.completedFuture(n));

        firstSend.completeExceptionally(new TransactionOutcomeUnknownException("lost", "0x" + "11".repeat(32), down()));

        assertInstanceOf(TransactionOutcomeUnknownException.class, failure(first));
        for (CompletableFuture<BigInteger> q : queued) {
            TransactionNotSentException e = assertInstanceOf(TransactionNotSentException.class, failure(q));
            assertInstanceOf(io.hashmix.core.rpc.NodeUnavailableException.class, e.getCause());
        }
        assertEquals(List.of(BigInteger.valueOf(5)), sentNonces, "none of the queued sends ran");
        assertEquals(BigInteger.valueOf(5), await(bob), "another key's line is not affected");

        // the next submission asks the node again (the cache was dropped with the failure)
        assertEquals(BigInteger.valueOf(5), await(nonces.submit(ALICE, new RecordingSend())));
        assertEquals(3, node.count("eth_getTransactionCount"));
    }

    @Test
    void nonceReadFindingTheNodeUnavailableAlsoFailsTheQueue() throws Exception {
        node.on("eth_getTransactionCount", ScriptedNode.Fault.HTTP_503);
        RecordingSend send = new RecordingSend();
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, send);
        CompletableFuture<BigInteger> second = nonces.submit(ALICE, send);

        assertInstanceOf(io.hashmix.core.rpc.NodeUnavailableException.class, failure(first));
        assertInstanceOf(TransactionNotSentException.class, failure(second));
        assertTrue(send.seen.isEmpty());
        assertEquals(1, node.count("eth_getTransactionCount"));
    }

    @Test
    void otherFailuresDoNotFailTheQueue() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x5");
        RecordingSend send = new RecordingSend(new TransactionRejectedException("insufficient funds", null));
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, send);
        CompletableFuture<BigInteger> second = nonces.submit(ALICE, send);

        assertInstanceOf(TransactionRejectedException.class, failure(first));
        assertEquals(BigInteger.valueOf(5), await(second));
    }

    @Test
    void resyncDuringASendWinsOverThatSendsCaching() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x3");
        CompletableFuture<BigInteger> inFlight = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, n -> {
            started.countDown();
            return inFlight;
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));

        nonces.resync(ALICE); // e.g. a receipt wait found an earlier transaction dropped
        inFlight.complete(BigInteger.valueOf(5));

        assertEquals(BigInteger.valueOf(5), await(first));
        assertEquals(BigInteger.valueOf(3), await(nonces.submit(ALICE, new RecordingSend())),
                "the node's pending count, not the cache the send would have left");
        assertEquals(2, node.count("eth_getTransactionCount"));
    }

    @Test
    void aRateLimitingNodeIsBusyNotDownSoTheQueueWaitsItsTurn() throws Exception {
        node.on("eth_getTransactionCount", "0x5", "0x5");
        io.hashmix.core.rpc.NodeUnavailableException busy = new io.hashmix.core.rpc.NodeUnavailableException("http://node",
                "eth_sendRawTransaction", 4, false, true, new java.io.IOException("HTTP 429"));
        RecordingSend send = new RecordingSend(new TransactionNotSentException("rate limited", null, busy));
        CompletableFuture<BigInteger> first = nonces.submit(ALICE, send);
        CompletableFuture<BigInteger> second = nonces.submit(ALICE, send);

        assertInstanceOf(TransactionNotSentException.class, failure(first));
        assertEquals(BigInteger.valueOf(5), await(second), "the next in line tried the node itself");
    }
}
