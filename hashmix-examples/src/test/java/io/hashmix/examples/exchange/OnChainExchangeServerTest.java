package io.hashmix.examples.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ExchangeServer} on its own local chain: deploys, starts the backend, serves . */
class OnChainExchangeServerTest {

    @Test
    void startsOnItsOwnChainAndServes(@TempDir Path dir) throws Exception {
        try (ExchangeServer server = ExchangeServer.start(new String[] {"--port", "0", "--db", dir.resolve("db").toString()})) {
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            assertTrue(status.body().contains("\"openSettlements\" : 0"), status.body());
        }
    }
}
