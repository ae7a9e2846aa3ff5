package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.FakeMarket.BTC;
import static io.hashmix.examples.exchange.FakeMarket.USDC;
import static io.hashmix.examples.exchange.FakeMarket.address;
import static io.hashmix.examples.exchange.FakeMarket.listing;
import static io.hashmix.examples.exchange.OrderBookTest.DAY;
import static io.hashmix.examples.exchange.OrderBookTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;

/** The HTTP front: orders in, typed rejections out, a buy, the fills it produced. */
class ExchangeHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeMarket chain;
    private ExchangeBackend exchange;
    private HttpApi api;

    @BeforeEach
    void setUp() throws Exception {
        chain = new FakeMarket(clock, address(9));
        chain.token(TokenId.of(1), BTC);
        exchange = ExchangeBackend.start(new ExchangeConfig(Database.memoryUrl("http-" + UUID.randomUUID()), 101, 1, 100, 5, null),
                chain, clock);
        api = new HttpApi(exchange, 0);
    }

    @AfterEach
    void tearDown() {
        api.close();
        exchange.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ordersBuysAndFillsOverHttp() throws Exception {
        SignedOrder l = listing(1, 1, 100, 0, 25, USDC, NOW + DAY);

        HttpResponse<String> created = send("POST", "/orders", OrderJson.toJson(l));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, send("POST", "/orders", OrderJson.toJson(l)).statusCode(), "a duplicate is fine");

        HttpResponse<String> rejected = send("POST", "/orders", "{\"kind\":\"listing\"}");
        assertEquals(422, rejected.statusCode());
        assertEquals("MALFORMED", JSON.readTree(rejected.body()).path("reason").asText());
        assertEquals(405, send("DELETE", "/orders", null).statusCode());

        HttpResponse<String> bought = send("POST", "/buy", "{\"assetClass\":\"BTC-SHA256\",\"currency\":\"" + USDC.hex()
                + "\",\"units\":\"40\",\"maxPricePerUnit\":\"30\"}");
        assertEquals(200, bought.statusCode(), bought.body());
        JsonNode result = JSON.readTree(bought.body());
        assertEquals("FILLED", result.path("outcome").asText());
        assertEquals("1000", result.path("cost").asText());
        assertEquals(400, send("POST", "/buy", "{\"units\":\"x\"}").statusCode());

        exchange.follow();
        JsonNode order = JSON.readTree(send("GET", "/orders/" + l.digest().toHex(), null).body());
        assertEquals("40", order.path("filledUnits").asText());
        assertEquals(1, order.path("fills").size());
        assertEquals(1, JSON.readTree(send("GET", "/fills", null).body()).size());
        assertEquals(1, JSON.readTree(send("GET", "/orders", null).body()).size());
        assertEquals(404, send("GET", "/orders/0x" + "00".repeat(32), null).statusCode());
        assertEquals(400, send("GET", "/orders/nothex", null).statusCode());
        assertEquals(0, JSON.readTree(send("GET", "/status", null).body()).path("openSettlements").asInt());
    }
}
