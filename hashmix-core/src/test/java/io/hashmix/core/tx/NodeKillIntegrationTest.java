package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.core.HashMix;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.LocalHardhatNode;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.proofs.EvmAddress;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okio.Buffer;

/**
 * Issue 16: the node is killed (SIGKILL) while one key pipelines sends. The sends queued behind the
 * one that finds the node gone fail together as not sent, within one retry cycle: the number of
 * HTTP attempts to send or read a nonce after the kill is bounded by one call's attempts, not one
 * cycle per queued send. Runs its own node (it is killed).
 */
class NodeKillIntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SENDS = 150;

    /** Counts HTTP attempts per JSON-RPC method once {@code counting} is set. */
    private static final class AttemptCounter implements Interceptor {
        private final AtomicBoolean counting = new AtomicBoolean();
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            if (counting.get() && chain.request().body() != null) {
                Buffer buffer = new Buffer();
                chain.request().body().writeTo(buffer);
                JsonNode body = MAPPER.readTree(buffer.readString(StandardCharsets.UTF_8));
                String method = body.isArray() ? "batch" : body.path("method").asText();
                attempts.merge(method, 1, Integer::sum);
            }
            return chain.proceed(chain.request());
        }

        int of(String method) {
            return attempts.getOrDefault(method, 0);
        }
    }

    @Test
    void killedNodeFailsTheWholeQueueWithinOneRetryCycle() throws Exception {
        LocalHardhatNode node = LocalHardhatNode.start();
        AttemptCounter counter = new AttemptCounter();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(counter).build();
        try (HashMix hm = HashMix.builder().rpc(node.rpcUrl()).okHttpClient(http).credentials(DevAccounts.hardhat().get(0))
                .requestTimeout(Duration.ofSeconds(3)).retryPolicy(RetryPolicy.DEFAULT)
                .receiptPolicy(new ReceiptPolicy(1, Duration.ofSeconds(10), Duration.ofMillis(25), Duration.ofMillis(500)))
                .build()) {
            List<CompletableFuture<TxReceipt>> sends = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                EvmAddress to = EvmAddress.of("0x" + Hash.sha3String("kill-" + i).substring(26));
                sends.add(hm.transactions().send(TxRequest.transfer(to, BigInteger.valueOf(1 + i))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (sends.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count() < 20
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            counter.counting.set(true);
            killMinus9(node);

            // a hang guard, not a timing assertion
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(5, TimeUnit.MINUTES);
            int ok = 0;
            int unknown = 0;
            int notSent = 0;
            int failedFast = 0;
            for (CompletableFuture<TxReceipt> f : sends) {
                if (!f.isCompletedExceptionally()) {
                    ok++;
                    continue;
                }
                Throwable cause;
                try {
                    f.join();
                    throw new AssertionError("unreachable");
                } catch (RuntimeException e) {
                    cause = Futures.unwrap(e);
                }
                TransactionException te = assertInstanceOf(TransactionException.class, cause, cause.toString());
                switch (te.outcome()) {
                    case UNKNOWN -> {
                        unknown++;
                        assertTrue(te.hash().isPresent());
                    }
                    case NOT_SENT -> {
                        notSent++;
                        if (te.getMessage().contains("waited in line")) {
                            failedFast++;
                        }
                    }
                    case DROPPED -> throw new AssertionError("nothing is dropped by a dead node: " + te);
                }
            }
            int attemptsAfterKill = counter.of("eth_sendRawTransaction") + counter.of("eth_getTransactionCount");
            System.out.println("FAULT-TABLE | KILL -9 mid-pipeline | " + SENDS + " | >= " + ok + " | " + ok + " | " + unknown
                    + " | " + notSent + " (" + failedFast + " at once) | 0 | 0 | " + attemptsAfterKill + " attempts after the kill |");

            assertEquals(SENDS, ok + unknown + notSent);
            assertTrue(ok >= 20);
            assertTrue(notSent > 0, "the queue was not empty when the node died");
            assertTrue(failedFast >= notSent - 1, "all but the send that found the node dead failed at once: " + failedFast
                    + " of " + notSent);
            // the sends queued behind the one that found the node dead never reach the node: the
            // attempts after the kill are that one retry cycle plus the receipt waiters' nonce checks of
            // the transactions already in flight (how many depends on the machine's load), far fewer
            // than one per queued send
            assertTrue(attemptsAfterKill <= 4 * RetryPolicy.DEFAULT.maxAttempts() && attemptsAfterKill < notSent / 4,
                    "one retry cycle, not one per queued send: " + attemptsAfterKill + " send/nonce attempts after the kill, "
                            + notSent + " sends not sent");
        } finally {
            node.close();
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
    }

    /** SIGKILL to the node process this test started (found among this JVM's children by its port). */
    private static void killMinus9(LocalHardhatNode node) throws InterruptedException {
        String port = Integer.toString(node.port());
        List<ProcessHandle> mine = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(port)).orElse(false))
                .toList();
        assertTrue(!mine.isEmpty(), "found the node process");
        mine.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : mine) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
        }
        assertTrue(!node.isAlive() || mine.stream().noneMatch(ProcessHandle::isAlive));
    }
}
