package io.hashmix.contracts.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AbiErrorCatalogTest {

    @Test
    void protocolCatalogHoldsTheRegistryAndOpenZeppelinErrors() {
        AbiErrorCatalog catalog = AbiErrorCatalog.ofProtocol();
        // OpenZeppelin's OwnableUnauthorizedAccount(address): selector published by OpenZeppelin
        AbiError unauthorized = catalog.bySelector("0x118cdaa7").orElseThrow();
        assertEquals("OwnableUnauthorizedAccount(address)", unauthorized.signature());
        AbiError unknown = catalog.errors().stream().filter(e -> e.name().equals("UnknownAssetClass")).findFirst().orElseThrow();
        assertEquals("UnknownAssetClass(bytes32)", unknown.signature());
        assertEquals(unknown, catalog.bySelector(unknown.selector().toUpperCase().replace("0X", "0x")).orElseThrow());
    }

    @Test
    void selectorIsFirstFourBytesOfKeccakOfSignature() {
        // Error(string) is the canonical, widely published 0x08c379a0
        assertEquals("0x08c379a0", new AbiError("Error", List.of(new AbiParameter("", "string"))).selector());
    }

    @Test
    void sameErrorInTwoAbisIsOneEntry() {
        String abi = "[{\"type\":\"error\",\"name\":\"E\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint256\"}]}]";
        assertEquals(1, AbiErrorCatalog.fromAbis(List.of(abi, abi)).errors().size());
    }

    @Test
    void rejectsMalformedAbis() {
        assertThrows(IllegalArgumentException.class, () -> AbiErrorCatalog.fromAbis(List.of("{not json")));
        assertThrows(IllegalArgumentException.class, () -> AbiErrorCatalog.fromAbis(List.of("{\"a\":1}")));
        String tuple = "[{\"type\":\"error\",\"name\":\"T\",\"inputs\":[{\"name\":\"t\",\"type\":\"tuple\"}]}]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AbiErrorCatalog.fromAbis(List.of(tuple)));
        assertTrue(e.getMessage().contains("tuple"));
    }
}
