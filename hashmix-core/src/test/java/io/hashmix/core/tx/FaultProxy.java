package io.hashmix.core.tx;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * An HTTP proxy on 127.0.0.1 between the SDK and a node that injects faults: a MockWebServer whose
 * dispatcher forwards each JSON-RPC request to the node and, per a seeded random draw, answers with a
 * fault instead of (or after) forwarding. A request body seen for the first time is faulted with
 * probability {@code firstRate}, a repeat of it (the SDK's retry of the same call) with
 * {@code repeatRate}, so a call can run out of retries. Counts what it did per mode and what reached
 * the node. Stop it with {@link #close()}.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does to a faulted request. */
    enum Mode {
        /** Not forwarded: HTTP 429 or 503 (alternately) with {@code Retry-After: 1}. */
        RATE_LIMIT(false),
        /** Half of them not forwarded, half forwarded; either way the connection is closed without an answer. */
        DROP_CONNECTION(false),
        /** Forwarded; the answer comes after {@link FaultProxy#slowDelay}, longer than the client waits. */
        SLOW(true),
        /** Forwarded; the answer is cut in half (HTTP 200, not parseable). */
        TRUNCATED(true),
        /** Forwarded; the answer is replaced by an HTML page (HTTP 200 or 502). */
        NOT_JSON(true),
        /** Half not forwarded, half forwarded; either way the answer is a JSON-RPC error -32603. */
        RPC_ERROR(false),
        /** Not forwarded, never answered (a node that accepts connections and hangs). */
        BLACKHOLE(false);

        private final boolean forwarded;

        Mode(boolean forwarded) {
            this.forwarded = forwarded;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient upstreamHttp = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(false).build();
    private final Random random;
    private volatile String upstream;
    private Mode mode;
    private double firstRate;
    private double repeatRate;
    private Duration slowDelay = Duration.ofSeconds(3);
    private final Set<String> seen = new HashSet<>();
    private final Map<Mode, Integer> injected = new EnumMap<>(Mode.class);
    private final Map<String, Integer> forwardedByMethod = new java.util.HashMap<>();
    private final Map<String, Integer> requestsByMethod = new java.util.HashMap<>();
    private final List<Long> rateLimitGaps = new ArrayList<>();
    private final Map<String, Long> lastRateLimited = new java.util.HashMap<>();
    private int counter;

    private FaultProxy(String upstream, long seed) {
        this.upstream = upstream;
        this.random = new Random(seed);
    }

    /** Starts a proxy in front of {@code upstream}, injecting nothing until {@link #inject}. */
    static FaultProxy start(String upstream, long seed) throws IOException {
        FaultProxy proxy = new FaultProxy(upstream, seed);
        proxy.server.setServerSocketFactory(ScriptedNode.noDelaySockets());
        proxy.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return proxy.handle(request);
            }
        });
        proxy.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return proxy;
    }

    /** The proxy's URL, for the SDK. */
    String url() {
        return server.url("/").toString();
    }

    /** From now on, faults {@code mode} at the given rates (0 and 0: a clean pass-through). */
    synchronized FaultProxy inject(Mode m, double first, double repeat) {
        this.mode = m;
        this.firstRate = first;
        this.repeatRate = repeat;
        return this;
    }

    /** Stops injecting: a clean pass-through. */
    synchronized FaultProxy clean() {
        this.mode = null;
        return this;
    }

    /** Sends every request to another node from now on. */
    void retarget(String node) {
        this.upstream = node;
    }

    synchronized FaultProxy slowDelay(Duration d) {
        this.slowDelay = d;
        return this;
    }

    synchronized int injected(Mode m) {
        return injected.getOrDefault(m, 0);
    }

    /** HTTP requests that arrived whose (first) method is {@code method}. */
    synchronized int requests(String method) {
        return requestsByMethod.getOrDefault(method, 0);
    }

    /** Requests of {@code method} that reached the node. */
    synchronized int forwarded(String method) {
        return forwardedByMethod.getOrDefault(method, 0);
    }

    /** For each rate-limited request that came again, the time between the refusal and the retry, in ms. */
    synchronized List<Long> rateLimitRetryGapsMillis() {
        return List.copyOf(rateLimitGaps);
    }

    private MockResponse handle(RecordedRequest request) {
        String body = request.getBody().readString(StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("not JSON");
        }
        String method = json.isArray() ? "batch:" + json.path(0).path("method").asText() : json.path("method").asText();
        Mode fault;
        boolean forwardFirst;
        Duration delay;
        synchronized (this) {
            requestsByMethod.merge(method, 1, Integer::sum);
            long now = System.nanoTime();
            Long limitedAt = lastRateLimited.remove(body);
            if (limitedAt != null) {
                rateLimitGaps.add(TimeUnit.NANOSECONDS.toMillis(now - limitedAt));
            }
            boolean first = seen.add(body);
            fault = mode == Mode.BLACKHOLE ? Mode.BLACKHOLE
                    : mode != null && random.nextDouble() < (first ? firstRate : repeatRate) ? mode : null;
            forwardFirst = fault != null && (fault.forwarded || ((fault == Mode.DROP_CONNECTION || fault == Mode.RPC_ERROR)
                    && random.nextBoolean()));
            if (fault != null) {
                injected.merge(fault, 1, Integer::sum);
            }
            if (fault == Mode.RATE_LIMIT) {
                lastRateLimited.put(body, now);
            }
            delay = slowDelay;
            counter++;
        }
        if (fault == Mode.BLACKHOLE) {
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        }
        String answer = null;
        if (fault == null || forwardFirst) {
            try {
                answer = forward(body);
            } catch (IOException e) {
                // the node is gone: a load balancer with no healthy backend answers 502
                return new MockResponse().setResponseCode(502).setBody("<html>502 Bad Gateway: " + e.getMessage() + "</html>");
            }
            synchronized (this) {
                forwardedByMethod.merge(method, 1, Integer::sum);
            }
        }
        if (fault == null) {
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(answer);
        }
        return switch (fault) {
            case RATE_LIMIT -> new MockResponse().setResponseCode(counter % 2 == 0 ? 429 : 503).setHeader("Retry-After", "1")
                    .setBody("slow down");
            case DROP_CONNECTION -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
            case SLOW -> new MockResponse().setHeader("Content-Type", "application/json").setBody(answer)
                    .setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
            case TRUNCATED -> new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(answer.substring(0, answer.length() / 2));
            case NOT_JSON -> new MockResponse().setResponseCode(counter % 2 == 0 ? 200 : 502).setHeader("Content-Type", "text/html")
                    .setBody("<html><body>upstream error</body></html>");
            case RPC_ERROR -> new MockResponse().setHeader("Content-Type", "application/json").setBody(rpcErrors(json).toString());
            case BLACKHOLE -> throw new IllegalStateException("handled above");
        };
    }

    private static JsonNode rpcErrors(JsonNode request) {
        if (request.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            request.forEach(r -> out.add(rpcError(r)));
            return out;
        }
        return rpcError(request);
    }

    private static ObjectNode rpcError(JsonNode request) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("jsonrpc", "2.0");
        e.set("id", request.get("id"));
        ObjectNode error = e.putObject("error");
        error.put("code", -32603);
        error.put("message", "injected internal error");
        return e;
    }

    private String forward(String body) throws IOException {
        Request request = new Request.Builder().url(upstream).post(RequestBody.create(body, JSON)).build();
        try (Response response = upstreamHttp.newCall(request).execute()) {
            return response.body() == null ? "" : response.body().string();
        }
    }

    @Override
    public void close() throws IOException {
        upstreamHttp.dispatcher().executorService().shutdownNow();
        upstreamHttp.connectionPool().evictAll();
        server.shutdown();
    }
}
