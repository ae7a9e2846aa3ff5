package io.hashmix.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvmAddressTest {

    // EIP-55's own example
    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void normalizesAndPrintsChecksum() {
        EvmAddress a = EvmAddress.of(CHECKSUMMED);
        assertEquals(CHECKSUMMED.toLowerCase(), a.hex());
        assertEquals(CHECKSUMMED, a.toString());
        assertEquals(a, EvmAddress.of(CHECKSUMMED.toLowerCase()));
        assertEquals(a, EvmAddress.of("0x" + CHECKSUMMED.substring(2).toUpperCase()));
    }

    @Test
    void rejectsBadChecksum() {
        String broken = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvmAddress.of(broken));
        assertTrue(e.getMessage().contains("checksum"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> EvmAddress.of(text));
    }

    @Test
    void zero() {
        assertTrue(EvmAddress.ZERO.isZero());
        assertFalse(EvmAddress.of(CHECKSUMMED).isZero());
    }
}
