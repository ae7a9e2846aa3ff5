package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.proofs.EvmAddress;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;

class HashMixBuilderTest {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20));

    @Test
    void nodeDownFailsNamingTheUrlInBoundedTime() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        NodeUnavailableException e = assertThrows(NodeUnavailableException.class,
                () -> HashMix.builder().rpc(url).retryPolicy(FAST).build());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertEquals(url, e.url());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void nodeThatNeverAnswersFailsNamingTheUrlInBoundedTime() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            server.start(InetAddress.getLoopbackAddress(), 0);
            String url = server.url("/").toString();
            long start = System.nanoTime();
            NodeUnavailableException e = assertThrows(NodeUnavailableException.class, () -> HashMix.builder().rpc(url)
                    .requestTimeout(Duration.ofMillis(300)).retryPolicy(FAST).build());
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertEquals(2, e.attempts());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        }
    }

    @Test
    void chainIdMismatchRefusesToBuild() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            Deployment local = new Deployment(31337, EvmAddress.ZERO, Instant.now(), Map.of());
            ChainIdMismatchException e = assertThrows(ChainIdMismatchException.class,
                    () -> HashMix.builder().rpc(server.url("/").toString()).deployment(local).build());
            assertEquals(31337, e.expectedChainId());
            assertEquals(1, e.actualChainId());
        }
    }

    @Test
    void buildsReadOnlyWithoutDeployment() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            try (HashMix hm = HashMix.builder().rpc(server.url("/").toString()).build()) {
                assertEquals(31337, hm.chainId());
                assertTrue(hm.deployment().isEmpty());
                assertThrows(InvalidRequestException.class, hm::transactions);
                assertThrows(InvalidRequestException.class, hm::assetClasses);
            }
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalStateException.class, () -> HashMix.builder().build());
        assertThrows(IllegalArgumentException.class, () -> HashMix.builder().rpc("not a url").retryPolicy(FAST).build());
        assertThrows(IllegalArgumentException.class, () -> HashMix.builder().requestTimeout(Duration.ZERO));
    }
}
