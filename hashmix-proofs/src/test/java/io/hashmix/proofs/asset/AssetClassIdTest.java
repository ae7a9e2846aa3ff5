package io.hashmix.proofs.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.proofs.TestVectors;

class AssetClassIdTest {

    /** The same file the Solidity tests read: Java and the contract must agree byte for byte. */
    @Test
    void matchesSharedVectorsComputedByTheContract() throws IOException {
        Path file = TestVectors.dir().resolve("asset-class-ids.json");
        JsonNode vectors = new ObjectMapper().readTree(Files.readString(file)).get("vectors");
        assertTrue(vectors.size() >= 3, "expected several vectors in " + file);
        for (JsonNode v : vectors) {
            String symbol = v.get("symbol").asText();
            assertEquals(v.get("id").asText(), AssetClassId.ofSymbol(symbol).toHex(), symbol);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "btc-sha256", "BTC SHA256", "-BTC", "BTC-", "BTC_SHA256", "BTC\u00c9",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void rejectsSymbolsTheRegistryRejects(String symbol) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssetClassId.ofSymbol(symbol));
        assertTrue(e.getMessage().contains("symbol"), e.getMessage());
    }

    @Test
    void rejectsNullSymbol() {
        assertThrows(IllegalArgumentException.class, () -> AssetClassId.ofSymbol(null));
    }

    @Test
    void acceptsLongestAndShortestSymbols() {
        assertEquals(32, AssetClassId.ofSymbol("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345").value().length);
        assertEquals(32, AssetClassId.ofSymbol("X").value().length);
    }

    @Test
    void hexRoundTripAndValueSemantics() {
        AssetClassId id = AssetClassId.ofSymbol("FIL-STORAGE");
        assertEquals(id, AssetClassId.fromHex(id.toHex()));
        assertEquals(id.hashCode(), AssetClassId.fromHex(id.toHex()).hashCode());
        assertNotEquals(id, AssetClassId.ofSymbol("FIL-SEALING"));
        byte[] copy = id.value();
        copy[0] ^= 1;
        assertEquals(id, AssetClassId.fromHex(id.toHex()), "value() must hand out a copy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "1234", "0xzz00000000000000000000000000000000000000000000000000000000000000",
            "0x00000000000000000000000000000000000000000000000000000000000000"})
    void rejectsMalformedHex(String hex) {
        assertThrows(IllegalArgumentException.class, () -> AssetClassId.fromHex(hex));
    }

    @Test
    void rejectsWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new AssetClassId(new byte[31]));
    }
}
