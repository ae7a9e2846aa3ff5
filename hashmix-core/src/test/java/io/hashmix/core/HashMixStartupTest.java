package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.HashMixException;
import io.hashmix.contracts.Deployment;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.proofs.EvmAddress;

import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * The start-up chain-id check of {@link HashMix.Builder}: bounded by {@code startupTimeout} against a
 * node that accepts connections and never answers, fast against a refused connection, typed failures
 * from {@code build()} and {@code buildAsync()}, and nothing left running after a failed build.
 */
class HashMixStartupTest {

    private static final Duration STARTUP = Duration.ofMillis(500);
    /** Generous for a loaded 2-core CI machine: three times the configured start-up timeout. */
    private static final Duration UPPER_BOUND = STARTUP.multipliedBy(3);

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Set<Thread> schedulersBefore;

    /** A node on 127.0.0.1 that accepts every connection, reads nothing and never answers. */
    @BeforeEach
    void startSilentNode() throws IOException {
        schedulersBefore = schedulerThreads();
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "silent-node-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopSilentNode() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private String silentUrl() {
        return "http://127.0.0.1:" + silent.getLocalPort();
    }

    private static String refusedUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port; // nothing listens there any more
    }

    @Test
    void buildAgainstSilentNodeFailsWithinStartupTimeout() {
        String url = silentUrl();
        long start = System.nanoTime();
        // default request timeout (10 s) and retry policy: only the start-up timeout bounds the check
        NodeUnavailableException e = assertThrows(NodeUnavailableException.class,
                () -> HashMix.builder().rpc(url).startupTimeout(STARTUP).build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(UPPER_BOUND) < 0, "took " + took.toMillis() + " ms");
        assertTrue(took.compareTo(STARTUP.minusMillis(50)) >= 0, "failed before the deadline: " + took.toMillis() + " ms");
        assertEquals(url, e.url());
        assertEquals("eth_chainId", e.method());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("start-up timeout of 500 ms"), e.getMessage());
        assertTrue(e.retryable());
        assertTrue(accepted.size() >= 1, "the node accepted the connection");
        assertNoSchedulerLeft();
    }

    @Test
    void buildAsyncReturnsAtOnceAndFailsWithTheSameType() throws Exception {
        Duration startup = Duration.ofMillis(1500);
        String url = silentUrl();
        long start = System.nanoTime();
        CompletableFuture<HashMix> pending = HashMix.builder().rpc(url).startupTimeout(startup).buildAsync();
        Duration returnedAfter = Duration.ofNanos(System.nanoTime() - start);
        assertFalse(pending.isDone(), "buildAsync waited for the node");
        assertTrue(returnedAfter.compareTo(startup) < 0, "returned after " + returnedAfter.toMillis() + " ms");

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pending.get(startup.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS));
        NodeUnavailableException cause = assertInstanceOf(NodeUnavailableException.class, e.getCause());
        assertEquals(url, cause.url());
        assertTrue(cause.getMessage().contains("start-up timeout"), cause.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(startup.multipliedBy(3)) < 0);
        assertNoSchedulerLeft();
    }

    @Test
    void refusedConnectionFailsFastWithTheTypedException() throws IOException {
        String url = refusedUrl();
        long start = System.nanoTime();
        // default start-up timeout (5 s) and retry policy (4 attempts, backoff from 100 ms): no waiting for the deadline
        NodeUnavailableException e = assertThrows(NodeUnavailableException.class, () -> HashMix.builder().rpc(url).build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took.toMillis() + " ms");
        assertEquals(url, e.url());
        assertFalse(e.possiblyDelivered(), e.getMessage());
        assertFalse(e.getMessage().contains("start-up timeout"), e.getMessage());
        assertNoSchedulerLeft();
    }

    @Test
    void refusedConnectionFailsTheAsyncBuildWithTheTypedException() throws IOException {
        String url = refusedUrl();
        CompletableFuture<HashMix> pending = HashMix.builder().rpc(url).buildAsync();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(4, TimeUnit.SECONDS));
        assertEquals(url, assertInstanceOf(NodeUnavailableException.class, e.getCause()).url());
        assertNoSchedulerLeft();
    }

    @Test
    void injectedClientIsLeftRunningAfterAFailedBuild() {
        OkHttpClient shared = new OkHttpClient();
        try {
            assertThrows(NodeUnavailableException.class,
                    () -> HashMix.builder().rpc(silentUrl()).okHttpClient(shared).startupTimeout(STARTUP).build());
            assertFalse(shared.dispatcher().executorService().isShutdown(), "the caller's client was shut down");
            assertNoSchedulerLeft();
        } finally {
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    @Test
    void cancellingTheAsyncBuildReleasesItsScheduler() {
        CompletableFuture<HashMix> pending = HashMix.builder().rpc(silentUrl()).startupTimeout(Duration.ofSeconds(30)).buildAsync();
        assertTrue(pending.cancel(true));
        assertNoSchedulerLeft();
    }

    @Test
    void interruptedBuildThrowsAndKeepsTheInterrupt() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                HashMix.builder().rpc(silentUrl()).startupTimeout(Duration.ofSeconds(30)).build();
            } catch (Throwable t) {
                thrown.set(t);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(5_000);
        assertFalse(caller.isAlive());
        assertSame(HashMixException.class, thrown.get().getClass(), String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains(silentUrl()));
        assertTrue(interrupted.get());
        assertNoSchedulerLeft();
    }

    @Test
    void buildAsyncCompletesWithTheInstanceOrTheChainIdMismatch() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}"));
            server.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            String url = server.url("/").toString();
            try (HashMix hm = HashMix.builder().rpc(url).startupTimeout(STARTUP.multipliedBy(4)).buildAsync()
                    .get(10, TimeUnit.SECONDS)) {
                assertEquals(31337, hm.chainId());
            }
            Deployment local = new Deployment(31337, EvmAddress.ZERO, Instant.now(), Map.of());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> HashMix.builder().rpc(url).deployment(local).buildAsync().get(10, TimeUnit.SECONDS));
            assertEquals(1, assertInstanceOf(ChainIdMismatchException.class, e.getCause()).actualChainId());
        }
        assertNoSchedulerLeft();
    }

    @Test
    void validatesTheNewArguments() {
        HashMix.Builder b = HashMix.builder();
        assertThrows(NullPointerException.class, () -> b.startupTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> b.startupTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.startupTimeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> b.connectTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> b.requestTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(Duration.ofSeconds(-1)));
        assertSame(b, b.startupTimeout(Duration.ofMillis(1)));
    }

    @Test
    void configurationErrorsAreThrownAtOnceByBuildAsync() {
        assertThrows(IllegalStateException.class, () -> HashMix.builder().buildAsync());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HashMix.builder().rpc("not a url").buildAsync());
        assertNotNull(e.getMessage());
        assertNoSchedulerLeft();
    }

    /** The SDK's scheduler threads alive now. */
    private static Set<Thread> schedulerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hashmix-scheduler-"))
                .collect(Collectors.toSet());
    }

    /** No scheduler thread started by this test is still running (given a moment to wind down). */
    private void assertNoSchedulerLeft() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Set<Thread> left;
        do {
            left = schedulerThreads();
            left.removeAll(schedulersBefore);
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        assertTrue(left.isEmpty(), "scheduler threads still running: " + left);
    }
}
