package io.hashmix.examples.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A minimal JSON-over-HTTP front of an {@link ExchangeBackend}, on the JDK's built-in server:
 * <pre>
 * POST /orders        a signed order (OrderJson)        201 accepted | 200 duplicate | 422 rejected {reason, problems, detail}
 * GET  /orders/{hash} one order                          200 | 404
 * GET  /orders        every order                        200
 * POST /buy           {assetClass, currency, units, maxPricePerUnit}   200 {outcome, legs, settlements}
 * GET  /fills         every followed fill                200
 * GET  /status        sync cursor, open settlements      200
 * </pre>
 * Amounts are decimal strings; {@code assetClass} is a symbol ({@code BTC-SHA256}) or its 0x id. No
 * authentication: put it behind the exchange's gateway.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final ExchangeBackend exchange;
    private final HttpServer server;

    /**
     * Starts serving.
     *
     * @param exchange the backend
     * @param port the TCP port on 127.0.0.1 (0: any free port)
     * @throws IOException if the port cannot be bound
     */
    public HttpApi(ExchangeBackend exchange, int port) throws IOException {
        this.exchange = exchange;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/orders", this::orders);
        server.createContext("/buy", this::buy);
        server.createContext("/fills", ex -> handle(ex, "GET", () -> reply(ex, 200, fills())));
        server.createContext("/status", ex -> handle(ex, "GET", () -> reply(ex, 200, status())));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        log.info("exchange API on http://127.0.0.1:{}", port());
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private void orders(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/orders") && ex.getRequestMethod().equals("POST")) {
            handle(ex, "POST", () -> {
                IntakeResult result = exchange.submitOrder(body(ex));
                switch (result) {
                    case IntakeResult.Accepted a -> reply(ex, a.duplicate() ? 200 : 201, JSON.createObjectNode()
                            .put("accepted", true).put("duplicate", a.duplicate()).set("order", order(a.order())));
                    case IntakeResult.Rejected r -> {
                        ObjectNode n = JSON.createObjectNode().put("accepted", false).put("reason", r.reason().name())
                                .put("detail", r.detail());
                        ArrayNode problems = n.putArray("problems");
                        r.problems().forEach(p -> problems.add(p.name()));
                        reply(ex, 422, n);
                    }
                }
            });
        } else if (path.equals("/orders")) {
            handle(ex, "GET", () -> {
                ArrayNode all = JSON.createArrayNode();
                exchange.book().orders().forEach(o -> all.add(order(o)));
                reply(ex, 200, all);
            });
        } else {
            handle(ex, "GET", () -> {
                Bytes32 hash;
                try {
                    hash = Bytes32.fromHex(path.substring("/orders/".length()));
                } catch (IllegalArgumentException e) {
                    reply(ex, 400, error("not an order hash: " + e.getMessage()));
                    return;
                }
                var found = exchange.book().find(hash);
                if (found.isPresent()) {
                    ObjectNode n = order(found.get());
                    ArrayNode fills = n.putArray("fills");
                    exchange.book().fillsOf(hash).forEach(f -> fills.add(fill(f)));
                    reply(ex, 200, n);
                } else {
                    reply(ex, 404, error("no order " + hash));
                }
            });
        }
    }

    private void buy(HttpExchange ex) {
        handle(ex, "POST", () -> {
            BuyRequest request;
            try {
                JsonNode n = JSON.readTree(body(ex));
                String cls = n.path("assetClass").asText();
                request = new BuyRequest(cls.startsWith("0x") ? AssetClassId.fromHex(cls) : AssetClassId.ofSymbol(cls),
                        EvmAddress.of(n.path("currency").asText()), new BigInteger(n.path("units").asText()),
                        new BigInteger(n.path("maxPricePerUnit").asText()));
            } catch (IOException | RuntimeException e) {
                reply(ex, 400, error("a buy needs assetClass, currency, units and maxPricePerUnit: " + e.getMessage()));
                return;
            }
            BuyResult r = exchange.buy(request);
            ObjectNode n = JSON.createObjectNode().put("requestId", r.requestId()).put("outcome", r.outcome().name())
                    .put("units", r.plan().units().toString()).put("cost", r.plan().cost().toString());
            if (r.detail() != null) {
                n.put("detail", r.detail());
            }
            ArrayNode settlements = n.putArray("settlements");
            r.settlements().forEach(s -> settlements.add(JSON.createObjectNode().put("id", s.id()).put("order", s.orderHash().toHex())
                    .put("units", s.units().toString()).put("payment", s.payment().toString()).put("state", s.state().name())
                    .put("txHash", s.txHash())));
            reply(ex, 200, n);
        });
    }

    private ArrayNode fills() {
        ArrayNode all = JSON.createArrayNode();
        exchange.book().fills().forEach(f -> all.add(fill(f)));
        return all;
    }

    private ObjectNode status() {
        List<Settlement> open = exchange.settlements().all().stream().filter(s -> s.state().isOpen()).toList();
        return JSON.createObjectNode().put("cursor", exchange.book().cursor().orElse(-1)).put("openSettlements", open.size());
    }

    private static ObjectNode order(BookOrder o) {
        return JSON.createObjectNode().put("hash", o.hash().toHex()).put("kind", o.kind().jsonName()).put("maker", o.maker().hex())
                .put("tokenId", o.tokenId() == null ? null : o.tokenId().toString()).put("assetClass", o.assetClass().toHex())
                .put("currency", o.currency().hex()).put("pricePerUnit", o.pricePerUnit().toString()).put("units", o.units().toString())
                .put("filledUnits", o.filledUnits().toString()).put("state", o.state().name()).put("stateDetail", o.stateDetail());
    }

    private static ObjectNode fill(RecordedFill f) {
        return JSON.createObjectNode().put("txHash", f.txHash()).put("logIndex", f.logIndex()).put("block", f.blockNumber())
                .put("order", f.orderHash().toHex()).put("taker", f.taker().hex()).put("tokenId", f.tokenId().toString())
                .put("units", f.units().toString()).put("payment", f.payment().toString()).put("fee", f.fee().toString());
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IOException("request body over " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void handle(HttpExchange ex, String method, Handler handler) {
        try {
            if (!ex.getRequestMethod().equals(method)) {
                reply(ex, 405, error(method + " only"));
                return;
            }
            handler.run();
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            try {
                reply(ex, 500, error(e.toString()));
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        } finally {
            ex.close();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void run() throws IOException;
    }

    /** Stops serving (waits up to a second for requests in flight). */
    @Override
    public void close() {
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
