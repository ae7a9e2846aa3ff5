package io.hashmix.examples.exchange;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The server's arguments. */
class ExchangeServerTest {

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--bogus", "x"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--rpc", "http://127.0.0.1:1"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--private-key", "zz"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--in-doubt-grace", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--reorg-depth", "0"}));
        assertThrows(IllegalArgumentException.class, () -> ExchangeServer.start(new String[] {"--in-doubt-grace", "soon"}));
    }
}
