package io.hashmix.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.hashmix.proofs.EvmAddress;

class DeploymentTest {

    private static final EvmAddress DEPLOYER = EvmAddress.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final EvmAddress REGISTRY = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    private static Deployment sample() {
        return new Deployment(31337, DEPLOYER, Instant.parse("2026-11-25T15:00:00Z"),
                Map.of("AssetClassRegistry", new DeployedContract(REGISTRY, 1, "0xabc")));
    }

    @Test
    void jsonRoundTripThroughFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/manifest.json");
        sample().writeJson(file);
        Deployment read = Deployment.fromJson(file);
        assertEquals(sample(), read);
        assertEquals(REGISTRY, read.contract(ProtocolContract.ASSET_CLASS_REGISTRY).address());
        assertTrue(Files.readString(file).contains("\"AssetClassRegistry\""));
    }

    @Test
    void unknownContractsAreKept() {
        String json = sample().toJson().replace("\"contracts\" : {",
                "\"contracts\" : { \"FutureThing\" : { \"address\" : \"" + REGISTRY.hex()
                        + "\", \"blockNumber\" : 9, \"transactionHash\" : \"0x01\" },");
        Deployment d = Deployment.fromJson(json);
        assertEquals(2, d.contracts().size());
    }

    @Test
    void missingContractIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sample().contract(ProtocolContract.TEST_PAYOUT_TOKEN));
        assertTrue(e.getMessage().contains("TestPayoutToken"), e.getMessage());
        assertTrue(sample().find(ProtocolContract.TEST_PAYOUT_TOKEN).isEmpty());
    }

    @Test
    void withAddsAContract() {
        Deployment d = sample().with(ProtocolContract.TEST_PAYOUT_TOKEN, new DeployedContract(DEPLOYER, 2, "0x02"));
        assertEquals(DEPLOYER, d.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address());
        assertEquals(REGISTRY, d.contract(ProtocolContract.ASSET_CLASS_REGISTRY).address());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json|{oops|not valid JSON",
            "array|[]|JSON object",
            "no chain id|{\"deployer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"createdAt\":\"2026-11-25T15:00:00Z\",\"contracts\":{}}|chainId",
            "text chain id|{\"chainId\":\"x\",\"deployer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"createdAt\":\"2026-11-25T15:00:00Z\",\"contracts\":{}}|integer",
            "zero chain id|{\"chainId\":0,\"deployer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"createdAt\":\"2026-11-25T15:00:00Z\",\"contracts\":{}}|positive",
            "bad deployer|{\"chainId\":1,\"deployer\":\"0x12\",\"createdAt\":\"2026-11-25T15:00:00Z\",\"contracts\":{}}|deployer",
            "bad time|{\"chainId\":1,\"deployer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"createdAt\":\"yesterday\",\"contracts\":{}}|createdAt",
            "contract without address|{\"chainId\":1,\"deployer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"createdAt\":\"2026-11-25T15:00:00Z\",\"contracts\":{\"A\":{\"blockNumber\":1,\"transactionHash\":\"0x\"}}}|contracts.A",
    })
    void malformedManifestsFailNamingTheProblem(String name, String json, String expected) {
        DeploymentManifestException e = assertThrows(DeploymentManifestException.class, () -> Deployment.fromJson(json));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        DeploymentManifestException e = assertThrows(DeploymentManifestException.class, () -> Deployment.fromJson(file));
        assertTrue(e.getMessage().contains(file.toString()));
    }
}
