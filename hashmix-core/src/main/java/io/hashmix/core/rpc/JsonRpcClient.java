package io.hashmix.core.rpc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An asynchronous JSON-RPC 2.0 client over HTTP (OkHttp), with bounded retries of transient faults.
 *
 * <p>Every call is async and returns a {@link CompletableFuture}. Transport faults (connection
 * refused, timeouts, HTTP 429/5xx without a JSON-RPC body) are retried per the {@link RetryPolicy};
 * once attempts run out the future fails with a {@link NodeUnavailableException} naming the URL.
 * A JSON-RPC error answer fails it with {@link RpcErrorException} at once. Re-sending a request is
 * safe for the transaction layer because a state-changing call is only ever re-sent as the
 * identical signed bytes.
 *
 * <p>Thread-safe. The scheduler used for backoff belongs to the caller (the {@code HashMix}
 * instance owns and closes it).
 */
public final class JsonRpcClient {

    /** Most calls sent in one HTTP request by {@link #batch}; larger batches are split. */
    public static final int MAX_BATCH_SIZE = 500;


    private static final Logger log = LoggerFactory.getLogger(JsonRpcClient.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final String url;
    private final HttpUrl httpUrl;
    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();

    /**
     * Creates a client.
     *
     * @param url            the node's HTTP(S) URL
     * @param http           the OkHttp client to use (its call timeout bounds each attempt)
     * @param retryPolicy    how transient faults are retried
     * @param scheduler      runs the backoff delays
     */
    public JsonRpcClient(String url, OkHttpClient http, RetryPolicy retryPolicy, ScheduledExecutorService scheduler) {
        this.url = Objects.requireNonNull(url, "url");
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("RPC URL must be an http(s) URL: '" + url + "'");
        }
        this.httpUrl = parsed;
        this.http = Objects.requireNonNull(http, "http");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The node URL. */
    public String url() {
        return url;
    }

    /**
     * Calls one method.
     *
     * @param method e.g. {@code eth_chainId}
     * @param params positional parameters (strings, numbers, booleans, maps, lists, JsonNodes)
     * @return the {@code result} member
     */
    public CompletableFuture<JsonNode> call(String method, Object... params) {
        return call(method, List.of(params));
    }

    /** Calls one method with a parameter list. */
    public CompletableFuture<JsonNode> call(String method, List<?> params) {
        long id = ids.incrementAndGet();
        ObjectNode request = request(id, method, params);
        return post(method, request).thenApply(response -> {
            if (!response.isObject()) {
                throw new RpcProtocolException(method + " at " + url + ": expected a JSON-RPC object, got " + abbreviate(response));
            }
            return unwrap(method, id, response);
        });
    }

    /**
     * Sends several calls in one JSON-RPC batch. Results come back in the order of {@code calls},
     * matched by id whatever order the node answers in; each is a result or the error of that call.
     * Nodes cap batch sizes (geth: 1,000 calls), so more than {@value #MAX_BATCH_SIZE} calls go as
     * several batches of at most that many, sent concurrently; the results keep the calls' order.
     */
    public CompletableFuture<List<RpcResponse>> batch(List<RpcCall> calls) {
        if (calls.size() <= MAX_BATCH_SIZE) {
            return batchOnce(calls);
        }
        List<CompletableFuture<List<RpcResponse>>> parts = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += MAX_BATCH_SIZE) {
            parts.add(batchOnce(calls.subList(from, Math.min(calls.size(), from + MAX_BATCH_SIZE))));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> parts.stream().flatMap(p -> p.join().stream()).toList());
    }

    private CompletableFuture<List<RpcResponse>> batchOnce(List<RpcCall> calls) {
        if (calls.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        ArrayNode batch = mapper.createArrayNode();
        Map<Long, Integer> positionById = new HashMap<>();
        long first = ids.getAndAdd(calls.size()) + 1;
        for (int i = 0; i < calls.size(); i++) {
            batch.add(request(first + i, calls.get(i).method(), calls.get(i).params()));
            positionById.put(first + i, i);
        }
        String what = "batch of " + calls.size();
        return post(what, batch).thenApply(response -> {
            if (!response.isArray()) {
                throw new RpcProtocolException(what + " at " + url + ": expected a JSON array, got " + abbreviate(response));
            }
            RpcResponse[] results = new RpcResponse[calls.size()];
            for (JsonNode item : response) {
                Integer pos = item.hasNonNull("id") ? positionById.get(item.get("id").asLong()) : null;
                if (pos == null || results[pos] != null) {
                    throw new RpcProtocolException(what + " at " + url + ": unexpected or repeated id in " + abbreviate(item));
                }
                String method = calls.get(pos).method();
                try {
                    results[pos] = RpcResponse.success(unwrap(method, first + pos, item));
                } catch (RpcErrorException e) {
                    results[pos] = RpcResponse.failure(e);
                }
            }
            List<RpcResponse> ordered = new ArrayList<>(results.length);
            for (int i = 0; i < results.length; i++) {
                if (results[i] == null) {
                    throw new RpcProtocolException(what + " at " + url + ": no answer for " + calls.get(i).method());
                }
                ordered.add(results[i]);
            }
            return ordered;
        });
    }

    private ObjectNode request(long id, String method, List<?> params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", Objects.requireNonNull(method, "method"));
        request.set("params", mapper.valueToTree(params));
        return request;
    }

    private JsonNode unwrap(String method, long id, JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcErrorException(url, method, error.path("code").asInt(), error.path("message").asText(""),
                    error.get("data"));
        }
        if (!response.has("result")) {
            throw new RpcProtocolException(method + " at " + url + ": answer has neither result nor error: " + abbreviate(response));
        }
        if (response.path("id").asLong(-1) != id) {
            throw new RpcProtocolException(method + " at " + url + ": answer id " + response.get("id") + " does not match request id " + id);
        }
        return response.get("result");
    }

    private CompletableFuture<JsonNode> post(String what, JsonNode payload) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot serialize " + what + " params", e));
        }
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        attempt(what, body, 1, result);
        return result;
    }

    private void attempt(String what, byte[] body, int attemptNo, CompletableFuture<JsonNode> result) {
        Request request = new Request.Builder().url(httpUrl).post(RequestBody.create(body, JSON)).build();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                retryOrFail(what, body, attemptNo, e, result);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    ResponseBody responseBody = response.body();
                    String text = responseBody == null ? "" : responseBody.string();
                    JsonNode parsed = parseJsonRpc(text);
                    if (parsed != null) {
                        // a JSON-RPC answer is an answer, whatever the HTTP status says
                        result.complete(parsed);
                    } else if (response.code() == 429 || response.code() >= 500) {
                        retryOrFail(what, body, attemptNo, new IOException("HTTP " + response.code()), result);
                    } else {
                        result.completeExceptionally(new RpcProtocolException(what + " at " + url + ": HTTP "
                                + response.code() + " with a body that is not JSON-RPC: " + abbreviate(text)));
                    }
                } catch (IOException e) {
                    retryOrFail(what, body, attemptNo, e, result);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
    }

    private JsonNode parseJsonRpc(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && (node.isArray() || (node.isObject() && (node.has("result") || node.has("error"))))) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // not JSON: the caller decides from the HTTP status
        }
        return null;
    }

    private void retryOrFail(String what, byte[] body, int attemptNo, IOException cause, CompletableFuture<JsonNode> result) {
        if (attemptNo >= retryPolicy.maxAttempts()) {
            result.completeExceptionally(new NodeUnavailableException(url, what, attemptNo, cause));
            return;
        }
        Duration delay = retryPolicy.backoff(attemptNo);
        log.warn("{} at {} failed (attempt {}/{}): {}; retrying in {} ms", what, url, attemptNo,
                retryPolicy.maxAttempts(), cause.toString(), delay.toMillis());
        try {
            scheduler.schedule(() -> attempt(what, body, attemptNo + 1, result), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new NodeUnavailableException(url, what, attemptNo, cause));
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
