package io.hashmix.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.core.tx.ScriptedNode;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

class JsonRpcClientTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RetryPolicy THREE_QUICK_ATTEMPTS = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    private MockWebServer server;
    private ScheduledExecutorService scheduler;
    private final List<OkHttpClient> httpClients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setServerSocketFactory(ScriptedNode.noDelaySockets());
        QueueDispatcher dispatcher = new QueueDispatcher();
        dispatcher.setFailFast(true); // an unexpected extra request gets a 404 at once instead of hanging
        server.setDispatcher(dispatcher);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopServer() throws IOException {
        scheduler.shutdownNow();
        for (OkHttpClient http : httpClients) {
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
        server.shutdown();
    }

    private JsonRpcClient client(String url, Duration callTimeout, RetryPolicy policy) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(callTimeout).build();
        httpClients.add(http);
        return new JsonRpcClient(url, http, policy, scheduler);
    }

    private JsonRpcClient client(RetryPolicy policy) {
        return client(server.url("/").toString(), Duration.ofSeconds(2), policy);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void retriesHttp503And429ThenReturnsTheResultWithIdenticalRequestBodies() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));
        server.enqueue(new MockResponse().setResponseCode(429).setBody("Too Many Requests"));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}"));

        JsonNode result = client(THREE_QUICK_ATTEMPTS).call("eth_chainId").get(5, TimeUnit.SECONDS);

        assertEquals("0x7a69", result.asText());
        assertEquals(3, server.getRequestCount());
        String first = server.takeRequest().getBody().readUtf8();
        String second = server.takeRequest().getBody().readUtf8();
        String third = server.takeRequest().getBody().readUtf8();
        assertEquals(first, second);
        assertEquals(first, third);
        JsonNode sent = MAPPER.readTree(first);
        assertEquals("2.0", sent.path("jsonrpc").asText());
        assertEquals("eth_chainId", sent.path("method").asText());
        assertEquals(1, sent.path("id").asLong());
        assertTrue(sent.path("params").isArray());
        assertEquals(0, sent.path("params").size());
    }

    @Test
    void serializesPositionalParamsOfEveryKind() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"));

        JsonNode result = client(RetryPolicy.NONE).call("eth_getBlockByNumber", "latest", false, 5,
                java.util.Map.of("to", "0xab")).get(5, TimeUnit.SECONDS);

        assertTrue(result.isNull());
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        assertEquals(MAPPER.readTree("[\"latest\",false,5,{\"to\":\"0xab\"}]"),
                MAPPER.readTree(request.getBody().readUtf8()).get("params"));
    }

    @Test
    void connectionRefusedFailsWithNodeUnavailableNamingTheUrlAfterEveryAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/";

        Throwable cause = failure(client(url, Duration.ofSeconds(2), THREE_QUICK_ATTEMPTS).call("eth_blockNumber"));

        NodeUnavailableException e = assertInstanceOf(NodeUnavailableException.class, cause);
        assertEquals(url, e.url());
        assertEquals(3, e.attempts());
        assertFalse(e.possiblyDelivered(), "a refused connection never carried the request");
        assertFalse(e.rateLimited());
        assertEquals("eth_blockNumber", e.method());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("eth_blockNumber"), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void nodeThatNeverAnswersTimesOutEachAttemptAndFailsWithNodeUnavailable() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        String url = server.url("/").toString();
        RetryPolicy twoAttempts = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10));

        Throwable cause = failure(client(url, Duration.ofMillis(300), twoAttempts).call("eth_blockNumber"));

        NodeUnavailableException e = assertInstanceOf(NodeUnavailableException.class, cause);
        assertEquals(2, e.attempts());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void exhaustedRetriesOfHttp5xxFailWithNodeUnavailableCarryingTheStatus() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
        }

        Throwable cause = failure(client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber"));

        NodeUnavailableException e = assertInstanceOf(NodeUnavailableException.class, cause);
        assertEquals(3, e.attempts());
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void jsonRpcErrorFailsWithRpcErrorExceptionWithoutRetry() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":3,\"message\":\"execution reverted\","
                + "\"data\":\"0x62fb4f26\"}}"));

        Throwable cause = failure(client(THREE_QUICK_ATTEMPTS).call("eth_call", "x"));

        RpcErrorException e = assertInstanceOf(RpcErrorException.class, cause);
        assertEquals(3, e.code());
        assertEquals("execution reverted", e.rpcMessage());
        assertEquals("eth_call", e.method());
        assertEquals("0x62fb4f26", e.data().asText());
        assertTrue(e.getMessage().contains(server.url("/").toString()), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void jsonRpcErrorWithoutDataHasNullData() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"method not found\"}}"));

        RpcErrorException e = assertInstanceOf(RpcErrorException.class,
                failure(client(THREE_QUICK_ATTEMPTS).call("eth_maxPriorityFeePerGas")));

        assertEquals(-32601, e.code());
        assertNull(e.data());
    }

    @Test
    void jsonRpcErrorDeliveredWithHttp500IsAnAnswerAndNotRetried() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}")
                .setResponseCode(500));

        RpcErrorException e = assertInstanceOf(RpcErrorException.class,
                failure(client(THREE_QUICK_ATTEMPTS).call("eth_sendRawTransaction", "0x01")));

        assertEquals(-32000, e.code());
        assertEquals("nonce too low", e.rpcMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void http400WithHtmlFailsWithRpcProtocolExceptionWithoutRetry() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("<html><body>Bad Request</body></html>"));

        RpcProtocolException e = assertInstanceOf(RpcProtocolException.class,
                failure(client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber")));

        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad Request"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void malformedJsonWithHttp200IsRetriedThenFailsWithRpcProtocolException() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":"));
        }

        RpcProtocolException e = assertInstanceOf(RpcProtocolException.class,
                failure(client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber")));

        assertTrue(e.getMessage().contains("HTTP 200"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
        assertTrue(e.retryable());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void truncatedOrNonJsonAnswersAreRetriedWithTheIdenticalBodyUntilOneIsUsable() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"res"));
        server.enqueue(new MockResponse().setBody("<html><body>upstream hiccup</body></html>"));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x2a\"}"));

        assertEquals("0x2a", client(THREE_QUICK_ATTEMPTS).call("eth_sendRawTransaction", "0x02f8").get(5, TimeUnit.SECONDS).asText());

        assertEquals(3, server.getRequestCount());
        String first = server.takeRequest().getBody().readUtf8();
        assertEquals(first, server.takeRequest().getBody().readUtf8());
        assertEquals(first, server.takeRequest().getBody().readUtf8());
    }

    @Test
    void bodyCutOffMidAnswerIsRetriedAndCountsAsPossiblyDelivered() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "ab".repeat(200) + "\"}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "ab".repeat(200) + "\"}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        RetryPolicy twoAttempts = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10));

        NodeUnavailableException e = assertInstanceOf(NodeUnavailableException.class,
                failure(client(twoAttempts).call("eth_sendRawTransaction", "0x02f8")));

        assertTrue(e.possiblyDelivered(), "the server read the request before the answer broke off");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void jsonObjectWithoutResultOrErrorIsRetriedThenFailsWithRpcProtocolException() throws Exception {
        server.enqueue(json("{\"status\":\"ok\"}"));
        server.enqueue(json("{\"status\":\"ok\"}"));
        server.enqueue(json("{\"status\":\"ok\"}"));

        assertInstanceOf(RpcProtocolException.class, failure(client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber")));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void mismatchedResponseIdIsRetriedThenFailsWithRpcProtocolException() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"0x1\"}"));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"0x1\"}"));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}"));

        assertEquals("0x1", client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber").get(5, TimeUnit.SECONDS).asText());

        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"0x1\"}"));
        RpcProtocolException e = assertInstanceOf(RpcProtocolException.class,
                failure(client(RetryPolicy.NONE).call("eth_blockNumber")));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void retryAfterOn429And503IsWaitedAtLeast() throws Exception {
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<MockResponse> answers = List.of(
                new MockResponse().setResponseCode(429).setHeader("Retry-After", "1").setBody("slow down"),
                new MockResponse().setResponseCode(503).setHeader("Retry-After", "1").setBody("busy"),
                json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}"));
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                return answers.get(Math.min(arrivals.size() - 1, answers.size() - 1));
            }
        });

        JsonNode result = client(THREE_QUICK_ATTEMPTS).call("eth_chainId").get(10, TimeUnit.SECONDS);

        assertEquals("0x7a69", result.asText());
        assertEquals(3, arrivals.size());
        // lower bounds only: the client waited at least what the node asked (the backoff alone is at most 20 ms)
        assertTrue(arrivals.get(1) - arrivals.get(0) >= TimeUnit.MILLISECONDS.toNanos(1000),
                "waited " + (arrivals.get(1) - arrivals.get(0)) / 1_000_000 + " ms after the 429");
        assertTrue(arrivals.get(2) - arrivals.get(1) >= TimeUnit.MILLISECONDS.toNanos(1000),
                "waited " + (arrivals.get(2) - arrivals.get(1)) / 1_000_000 + " ms after the 503");
    }

    @Test
    void retryAfterAboveTheBoundFailsAtOnceAsNotDelivered() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600").setBody("come back in an hour"));

        NodeUnavailableException e = assertInstanceOf(NodeUnavailableException.class,
                failure(client(THREE_QUICK_ATTEMPTS).call("eth_sendRawTransaction", "0x02f8")));

        assertEquals(1, server.getRequestCount());
        assertEquals(1, e.attempts());
        assertFalse(e.possiblyDelivered(), "a 429 is turned away unprocessed");
        assertTrue(e.rateLimited(), "busy, not down");
        assertTrue(e.getMessage().contains("Retry-After 3600 s"), e.getMessage());
        assertTrue(e.getMessage().contains("longer than the 10 s"), e.getMessage());
    }

    @Test
    void rateLimitWithAJsonRpcBodyIsRetriedNotTakenAsAnAnswer() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,\"message\":\"rate limited\"}}")
                .setResponseCode(429));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x5\"}"));

        assertEquals("0x5", client(THREE_QUICK_ATTEMPTS).call("eth_blockNumber").get(5, TimeUnit.SECONDS).asText());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void exhausted503And429AreNotDeliveredButTimeoutsMayBe() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        server.enqueue(new MockResponse().setResponseCode(429).setBody("busy"));
        NodeUnavailableException refused = assertInstanceOf(NodeUnavailableException.class,
                failure(client(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10))).call("eth_sendRawTransaction", "0x02")));
        assertFalse(refused.possiblyDelivered());
        assertTrue(refused.retryable());

        server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        NodeUnavailableException timedOut = assertInstanceOf(NodeUnavailableException.class,
                failure(client(server.url("/").toString(), Duration.ofMillis(300), new RetryPolicy(2, Duration.ofMillis(5),
                        Duration.ofMillis(10))).call("eth_sendRawTransaction", "0x02")));
        assertTrue(timedOut.possiblyDelivered(), "the second attempt reached the server, which never answered");
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), JsonRpcClient.retryAfter("7"));
        assertEquals(Duration.ZERO, JsonRpcClient.retryAfter(" 0 "));
        assertNull(JsonRpcClient.retryAfter(null));
        assertNull(JsonRpcClient.retryAfter("-3"));
        assertNull(JsonRpcClient.retryAfter("soon"));
        assertEquals(Duration.ZERO, JsonRpcClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "a date in the past: now");
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
        Duration d = JsonRpcClient.retryAfter(inAMinute);
        assertTrue(d.compareTo(Duration.ofSeconds(55)) >= 0 && d.compareTo(Duration.ofSeconds(60)) <= 0, d.toString());
    }

    @Test
    void eachCallGetsAFreshIdMatchedAgainstItsAnswer() throws Exception {
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}"));
        server.enqueue(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x2\"}"));
        JsonRpcClient client = client(RetryPolicy.NONE);

        assertEquals("0x1", client.call("eth_blockNumber").get(5, TimeUnit.SECONDS).asText());
        assertEquals("0x2", client.call("eth_blockNumber").get(5, TimeUnit.SECONDS).asText());

        assertEquals(1, MAPPER.readTree(server.takeRequest().getBody().readUtf8()).get("id").asLong());
        assertEquals(2, MAPPER.readTree(server.takeRequest().getBody().readUtf8()).get("id").asLong());
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        OkHttpClient http = new OkHttpClient();
        httpClients.add(http);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JsonRpcClient("ws://127.0.0.1:8545", http, RetryPolicy.NONE, scheduler));
        assertTrue(e.getMessage().contains("ws://127.0.0.1:8545"), e.getMessage());
    }

    @Test
    void batchMatchesOutOfOrderAnswersByIdAndKeepsPerEntryErrors() throws Exception {
        try (ScriptedNode node = ScriptedNode.start()) {
            node.on("eth_chainId", "0x7a69")
                    .on("eth_blockNumber", "0x10")
                    .on("eth_call", ScriptedNode.error(3, "execution reverted", "0x4e487b71"));
            JsonRpcClient client = node.client(scheduler, RetryPolicy.NONE);

            List<RpcResponse> responses = client.batch(List.of(
                    RpcCall.of("eth_chainId"),
                    RpcCall.of("eth_call", java.util.Map.of("to", "0x01"), "latest"),
                    RpcCall.of("eth_blockNumber"))).get(5, TimeUnit.SECONDS);

            assertEquals(3, responses.size());
            assertTrue(responses.get(0).isSuccess());
            assertEquals("0x7a69", responses.get(0).get().asText());
            assertFalse(responses.get(1).isSuccess());
            assertNull(responses.get(1).result());
            assertEquals(3, responses.get(1).error().code());
            assertEquals("eth_call", responses.get(1).error().method());
            assertEquals("0x4e487b71", responses.get(1).error().data().asText());
            assertSame(responses.get(1).error(), assertThrows(RpcErrorException.class, responses.get(1)::get));
            assertTrue(responses.get(2).isSuccess());
            assertEquals("0x10", responses.get(2).get().asText());
            assertEquals(List.of("eth_chainId", "eth_call", "eth_blockNumber"), node.methods());
        }
    }

    @Test
    void aLargeBatchIsSplitIntoRequestsOfAtMostMaxBatchSizeAndKeepsItsOrder() throws Exception {
        try (ScriptedNode node = ScriptedNode.start()) {
            node.on("echo", (ScriptedNode.Responder) params -> params.get(0).asText());
            JsonRpcClient client = node.client(scheduler, RetryPolicy.NONE);
            int n = 2 * JsonRpcClient.MAX_BATCH_SIZE + 1;
            List<RpcCall> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(RpcCall.of("echo", "v" + i));
            }

            List<RpcResponse> responses = client.batch(calls).get(10, TimeUnit.SECONDS);

            assertEquals(n, responses.size());
            for (int i = 0; i < n; i++) {
                assertEquals("v" + i, responses.get(i).get().asText());
            }
            assertEquals(3, node.requestCount(), "two full batches and one of a single call");
        }
    }

    @Test
    void batchIsSentAsOneHttpRequest() throws Exception {
        server.enqueue(json("[{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"b\"},{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"}]"));

        List<RpcResponse> responses = client(RetryPolicy.NONE)
                .batch(List.of(RpcCall.of("m1"), RpcCall.of("m2", 1))).get(5, TimeUnit.SECONDS);

        assertEquals(List.of("a", "b"), responses.stream().map(r -> r.get().asText()).toList());
        assertEquals(1, server.getRequestCount());
        JsonNode sent = MAPPER.readTree(server.takeRequest().getBody().readUtf8());
        assertTrue(sent.isArray());
        assertEquals(2, sent.size());
        assertEquals("m1", sent.get(0).path("method").asText());
        assertEquals("m2", sent.get(1).path("method").asText());
        assertEquals(1, sent.get(1).path("params").get(0).asInt());
    }

    @Test
    void batchWithAMissingAnswerFailsWithRpcProtocolException() throws Exception {
        server.enqueue(json("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"}]"));

        RpcProtocolException e = assertInstanceOf(RpcProtocolException.class,
                failure(client(RetryPolicy.NONE).batch(List.of(RpcCall.of("m1"), RpcCall.of("m2")))));

        assertTrue(e.getMessage().contains("no answer for m2"), e.getMessage());
    }

    @Test
    void batchWithAnUnknownIdFailsWithRpcProtocolException() throws Exception {
        server.enqueue(json("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"b\"}]"));

        assertInstanceOf(RpcProtocolException.class,
                failure(client(RetryPolicy.NONE).batch(List.of(RpcCall.of("m1"), RpcCall.of("m2")))));
    }

    @Test
    void emptyBatchIsAnEmptyListWithoutARequest() throws Exception {
        List<RpcResponse> responses = client(RetryPolicy.NONE).batch(List.of()).get(1, TimeUnit.SECONDS);

        assertEquals(List.of(), responses);
        assertEquals(0, server.getRequestCount());
    }
}
