package io.hashmix.core.rpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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

import io.hashmix.core.InvalidRequestException;

/**
 * An asynchronous JSON-RPC 2.0 client over HTTP (OkHttp), with bounded retries of transient faults.
 *
 * <p>Every call is async and returns a {@link CompletableFuture}. Transient faults are retried per
 * the {@link RetryPolicy}, always with the identical request body: connection refused or reset,
 * timeouts, HTTP 429 and 5xx without a JSON-RPC body, and answers that are not usable JSON-RPC
 * (truncated, not JSON, an object with neither result nor error, a mismatched id). A
 * {@code Retry-After} header on HTTP 429 or 503 is honoured (up to {@link RetryPolicy#maxRetryAfter()}).
 * Once attempts run out the future fails with a {@link NodeUnavailableException} naming the URL and
 * saying whether any attempt may have reached the node, or, if the last attempt got an unusable
 * answer, an {@link RpcProtocolException}. A JSON-RPC error answer fails it with
 * {@link RpcErrorException} at once (except with HTTP 429: a rate limit, retried). Re-sending a
 * request is safe for the transaction layer because a state-changing call is only ever re-sent as
 * the identical signed bytes.
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

    /** The retry policy in force. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
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
        return post(method, request, response -> singleProblem(id, response)).thenApply(response -> unwrap(method, response));
    }

    /**
     * Sends several calls in one JSON-RPC batch. Results come back in the order of {@code calls},
     * matched by id whatever order the node answers in; each is a result or the error of that call.
     * Nodes cap batch sizes (geth: 1,000 calls), so more than {@value #MAX_BATCH_SIZE} calls go as
     * several batches of at most that many, sent concurrently; the results keep the calls' order.
     * An answer that is not a complete batch (an id missing, unknown or repeated) is retried like a
     * garbled one.
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
        String what = "batch of " + calls.size() + " (" + calls.get(0).method() + (calls.size() > 1 ? ", ..." : "") + ")";
        return post(what, batch, response -> batchProblem(calls, positionById, response)).thenApply(response -> {
            RpcResponse[] results = new RpcResponse[calls.size()];
            for (JsonNode item : response) {
                int pos = positionById.get(item.get("id").asLong());
                try {
                    results[pos] = RpcResponse.success(unwrap(calls.get(pos).method(), item));
                } catch (RpcErrorException e) {
                    results[pos] = RpcResponse.failure(e);
                }
            }
            return List.of(results);
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

    /** What makes a single answer unusable, or null if it is an answer (a result with our id, or an error). */
    private static String singleProblem(long id, JsonNode response) {
        if (!response.isObject()) {
            return "expected a JSON-RPC object, got " + abbreviate(response);
        }
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            return error.isObject() ? null : "error member is not an object: " + abbreviate(response);
        }
        if (!response.has("result")) {
            return "answer has neither result nor error: " + abbreviate(response);
        }
        if (response.path("id").asLong(-1) != id) {
            return "answer id " + response.get("id") + " does not match request id " + id;
        }
        return null;
    }

    private static String batchProblem(List<RpcCall> calls, Map<Long, Integer> positionById, JsonNode response) {
        if (!response.isArray()) {
            return "expected a JSON array, got " + abbreviate(response);
        }
        Set<Integer> answered = new HashSet<>();
        for (JsonNode item : response) {
            Integer pos = item.hasNonNull("id") ? positionById.get(item.get("id").asLong()) : null;
            if (pos == null || !answered.add(pos)) {
                return "unexpected or repeated id in " + abbreviate(item);
            }
            String problem = singleProblem(item.get("id").asLong(), item);
            if (problem != null) {
                return problem;
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            if (!answered.contains(i)) {
                return "no answer for " + calls.get(i).method();
            }
        }
        return null;
    }

    private JsonNode unwrap(String method, JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcErrorException(url, method, error.path("code").asInt(), error.path("message").asText(""),
                    error.get("data"));
        }
        return response.get("result");
    }

    /** The attempts of one request so far. */
    private static final class Attempts {
        private final String what;
        private final byte[] body;
        private final Function<JsonNode, String> problem;
        private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private int count;
        private boolean possiblyDelivered;

        private Attempts(String what, byte[] body, Function<JsonNode, String> problem) {
            this.what = what;
            this.body = body;
            this.problem = problem;
        }
    }

    private CompletableFuture<JsonNode> post(String what, JsonNode payload, Function<JsonNode, String> problem) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new InvalidRequestException("cannot serialize " + what + " params", e));
        }
        Attempts attempts = new Attempts(what, body, problem);
        attempt(attempts);
        return attempts.result;
    }

    private void attempt(Attempts a) {
        a.count++;
        Request request = new Request.Builder().url(httpUrl).post(RequestBody.create(a.body, JSON)).build();
        Call call;
        try {
            call = http.newCall(request);
        } catch (RuntimeException e) {
            a.result.completeExceptionally(e);
            return;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                if (!neverArrived(e)) {
                    a.possiblyDelivered = true;
                }
                retryOrFail(a, e, null, Fail.TRANSPORT);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    onAnswer(a, response);
                } catch (RuntimeException e) {
                    a.result.completeExceptionally(e);
                }
            }
        });
    }

    private void onAnswer(Attempts a, Response response) {
        int code = response.code();
        Duration retryAfter = code == 429 || code == 503 ? retryAfter(response.header("Retry-After")) : null;
        if (code == 429) {
            // rate limited: turned away unprocessed, whatever the body says
            retryOrFail(a, new IOException("HTTP 429" + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s")),
                    retryAfter, Fail.RATE_LIMITED);
            return;
        }
        String text;
        try {
            ResponseBody responseBody = response.body();
            text = responseBody == null ? "" : responseBody.string();
        } catch (IOException e) {
            // the connection broke while the answer came in: the node got the request
            a.possiblyDelivered = true;
            retryOrFail(a, e, null, Fail.TRANSPORT);
            return;
        }
        JsonNode parsed = parseJson(text);
        String problem = parsed == null ? "body is not JSON: " + abbreviate(text) : a.problem.apply(parsed);
        if (problem == null) {
            // a JSON-RPC answer is an answer, whatever the HTTP status says
            a.result.complete(parsed);
            return;
        }
        if (code == 503) {
            retryOrFail(a, new IOException("HTTP 503" + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s")),
                    retryAfter, retryAfter == null ? Fail.TRANSPORT : Fail.RATE_LIMITED);
            return;
        }
        a.possiblyDelivered = true;
        if (code >= 500) {
            retryOrFail(a, new IOException("HTTP " + code), null, Fail.TRANSPORT);
        } else if (code >= 200 && code < 300) {
            retryOrFail(a, new IOException("HTTP " + code + " with an unusable answer: " + problem), null, Fail.GARBLED);
        } else {
            a.result.completeExceptionally(new RpcProtocolException(a.what + " at " + url + ": HTTP " + code
                    + " with a body that is not JSON-RPC: " + abbreviate(text)));
        }
    }

    private JsonNode parseJson(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Whether a transport failure happened before the request could reach the node: connection
     * refused, unknown host, no route, connect timeout. Anything else (reset, timeout while waiting for
     * the answer, the connection closed early) may have happened after the node got it.
     */
    static boolean neverArrived(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A {@code Retry-After} value (delta-seconds or an HTTP date) as a duration, or null if absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // not seconds: an HTTP date
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How an attempt failed, for the exception the last one leaves. */
    private enum Fail { TRANSPORT, RATE_LIMITED, GARBLED }

    private void retryOrFail(Attempts a, IOException cause, Duration retryAfter, Fail how) {
        Duration delay = a.count >= retryPolicy.maxAttempts() ? null : retryPolicy.delay(a.count, retryAfter);
        if (delay == null) {
            if (retryAfter != null && a.count < retryPolicy.maxAttempts()) {
                cause = new IOException(cause.getMessage() + ", longer than the " + retryPolicy.maxRetryAfter().toSeconds()
                        + " s this client waits", cause);
            }
            a.result.completeExceptionally(failure(a, cause, how));
            return;
        }
        log.info("{} at {} failed (attempt {}/{}): {}; retrying in {} ms", a.what, url, a.count,
                retryPolicy.maxAttempts(), cause.getMessage(), delay.toMillis());
        try {
            scheduler.schedule(() -> attempt(a), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            a.result.completeExceptionally(failure(a, cause, how));
        }
    }

    private RuntimeException failure(Attempts a, IOException cause, Fail how) {
        if (how == Fail.GARBLED) {
            return new RpcProtocolException(a.what + " at " + url + " after " + a.count + " attempt(s): " + cause.getMessage(), cause);
        }
        return new NodeUnavailableException(url, a.what, a.count, a.possiblyDelivered, how == Fail.RATE_LIMITED, cause);
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
