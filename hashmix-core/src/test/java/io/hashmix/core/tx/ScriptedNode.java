package io.hashmix.core.tx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ServerSocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A fake Ethereum node for unit tests: a MockWebServer on 127.0.0.1 whose dispatcher answers
 * JSON-RPC by method with scripted answers, and records every call in arrival order.
 *
 * <p>{@link #on(String, Object...)} scripts a method: the answers are used one per call, in order,
 * and the last one repeats. An answer is a plain value (the {@code result}; {@code null} gives a
 * JSON null), an {@link RpcError} (the {@code error}), a {@link Fault} (a transport fault instead of
 * an answer), or a {@link Responder} computing any of these from the call's params. An unscripted method answers -32601 "method not found". Batch entries are
 * answered in reverse order, as nodes may answer batches in any order.
 */
public final class ScriptedNode extends Dispatcher implements AutoCloseable {

    /** One recorded call. */
    public record Call(String method, JsonNode params) {
        /** Positional param {@code i} as text. */
        public String param(int i) {
            return params.path(i).asText();
        }
    }

    /** A JSON-RPC error answer. */
    public record RpcError(int code, String message, Object data) {
    }

    /**
     * A transport fault answered instead of JSON-RPC (for a batch, if any entry scripts one, the whole
     * HTTP answer is that fault). The call is recorded either way: the node "processed" it.
     */
    public enum Fault {
        /** The connection is closed after the request was read: no answer. */
        DROP_CONNECTION,
        /** HTTP 200 with an HTML body. */
        NOT_JSON,
        /** HTTP 200 with the first half of a JSON-RPC answer. */
        TRUNCATED,
        /** HTTP 503 without a body the client can use. */
        HTTP_503,
        /** HTTP 429 with {@code Retry-After: 0}. */
        HTTP_429,
        /** No answer at all: the client's call timeout ends the attempt. */
        NO_RESPONSE
    }

    /** Computes an answer (a value or an {@link RpcError}) from the params. */
    @FunctionalInterface
    public interface Responder {
        Object answer(JsonNode params);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, List<Object>> scripts = new HashMap<>();
    private final Map<String, Integer> used = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<OkHttpClient> clients = new ArrayList<>();

    private ScriptedNode() {
    }

    /** Starts a node on 127.0.0.1 and a free port. */
    public static ScriptedNode start() throws IOException {
        ScriptedNode node = new ScriptedNode();
        node.server.setServerSocketFactory(noDelaySockets());
        node.server.setDispatcher(node);
        node.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return node;
    }

    /**
     * Server sockets whose connections have TCP_NODELAY: MockWebServer writes a response in two
     * segments, and Nagle's algorithm against the client's delayed ACK otherwise costs ~40 ms a call.
     */
    public static ServerSocketFactory noDelaySockets() {
        return new ServerSocketFactory() {
            private ServerSocket socket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket accepted = super.accept();
                        accepted.setTcpNoDelay(true);
                        return accepted;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket() throws IOException {
                return socket();
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                ServerSocket s = socket();
                s.bind(new InetSocketAddress(port));
                return s;
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                ServerSocket s = socket();
                s.bind(new InetSocketAddress(port), backlog);
                return s;
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                ServerSocket s = socket();
                s.bind(new InetSocketAddress(address, port), backlog);
                return s;
            }
        };
    }

    /** The node's URL. */
    public String url() {
        return server.url("/").toString();
    }

    /**
     * A client of this node with a 2 s call timeout and, like the SDK's, no silent OkHttp retries;
     * its OkHttp threads are released on {@link #close()}.
     */
    public JsonRpcClient client(ScheduledExecutorService scheduler, RetryPolicy retryPolicy) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        synchronized (this) {
            clients.add(http);
        }
        return new JsonRpcClient(url(), http, retryPolicy, scheduler);
    }

    /** A JSON-RPC error answer. */
    public static RpcError error(int code, String message) {
        return new RpcError(code, message, null);
    }

    /** A JSON-RPC error answer with a {@code data} member (any Jackson-serializable value). */
    public static RpcError error(int code, String message, Object data) {
        return new RpcError(code, message, data);
    }

    /** Scripts a method (replacing an earlier script): answers in order, the last one repeating. */
    public synchronized ScriptedNode on(String method, Object... answers) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("script at least one answer for " + method);
        }
        List<Object> list = new ArrayList<>();
        for (Object a : answers) {
            list.add(a);
        }
        scripts.put(method, list);
        used.put(method, 0);
        return this;
    }

    /** Every call so far, in arrival order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The method names of every call so far, in arrival order. */
    public synchronized List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    /** The calls of one method, in arrival order. */
    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** How many HTTP requests arrived (a batch is one). */
    public int requestCount() {
        return server.getRequestCount();
    }

    /** How many times a method was called. */
    public synchronized int count(String method) {
        return calls(method).size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.getBody().readString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("not JSON");
        }
        JsonNode answer;
        Fault[] fault = new Fault[1];
        if (body.isArray()) {
            List<ObjectNode> inOrder = new ArrayList<>();
            body.forEach(entry -> inOrder.add(answer(entry, fault)));
            ArrayNode answers = MAPPER.createArrayNode();
            for (int i = inOrder.size() - 1; i >= 0; i--) {
                answers.add(inOrder.get(i));
            }
            answer = answers;
        } else {
            answer = answer(body, fault);
        }
        if (fault[0] != null) {
            String text = answer.toString();
            return switch (fault[0]) {
                case DROP_CONNECTION -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                case NOT_JSON -> new MockResponse().setHeader("Content-Type", "text/html").setBody("<html><body>502 Bad Gateway</body></html>");
                case TRUNCATED -> new MockResponse().setHeader("Content-Type", "application/json").setBody(text.substring(0, text.length() / 2));
                case HTTP_503 -> new MockResponse().setResponseCode(503).setBody("Service Unavailable");
                case HTTP_429 -> new MockResponse().setResponseCode(429).setHeader("Retry-After", "0").setBody("Too Many Requests");
                case NO_RESPONSE -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            };
        }
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(answer.toString());
    }

    private ObjectNode answer(JsonNode request, Fault[] fault) {
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        Object scripted;
        synchronized (this) {
            calls.add(new Call(method, params));
            List<Object> script = scripts.get(method);
            if (script == null) {
                scripted = error(-32601, "the method " + method + " does not exist/is not available");
            } else {
                int n = used.get(method);
                used.put(method, n + 1);
                scripted = script.get(Math.min(n, script.size() - 1));
            }
        }
        if (scripted instanceof Responder responder) {
            try {
                scripted = responder.answer(params);
            } catch (RuntimeException e) {
                scripted = error(-32603, "test responder failed: " + e);
            }
        }
        if (scripted instanceof Fault f) {
            fault[0] = f;
            scripted = "0x" + "00".repeat(32);
        }
        ObjectNode response = MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        if (scripted instanceof RpcError err) {
            ObjectNode error = response.putObject("error");
            error.put("code", err.code());
            error.put("message", err.message());
            if (err.data() != null) {
                error.set("data", MAPPER.valueToTree(err.data()));
            }
        } else {
            response.set("result", scripted == null ? NullNode.getInstance() : MAPPER.valueToTree(scripted));
        }
        return response;
    }

    /** Stops the server and releases the clients' OkHttp threads. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            for (OkHttpClient http : clients) {
                http.dispatcher().executorService().shutdownNow();
                http.connectionPool().evictAll();
            }
        }
        server.shutdown();
    }
}
