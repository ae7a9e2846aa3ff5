package io.hashmix.testing.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHardhatNodeTest {

    @Test
    void aProjectWithoutNodeModulesSaysToRunNpmCi(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalHardhatNode.start(dir, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    }

    @Test
    void startsAnswersAndStopsWithoutLeavingAProcess() {
        LocalHardhatNode node = LocalHardhatNode.start();
        try {
            assertTrue(node.isAlive());
            assertTrue(node.rpcUrl().startsWith("http://127.0.0.1:"));
            assertEquals(node.port(), Integer.parseInt(node.rpcUrl().substring("http://127.0.0.1:".length())));
        } finally {
            node.close();
        }
        assertFalse(node.isAlive());
        node.close(); // idempotent
    }

    @Test
    void devAccountsAreHardhatsDefaults() {
        // Hardhat's account #0 for the public test mnemonic
        assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                DevAccounts.hardhat().get(0).getAddress());
        assertEquals(DevAccounts.HARDHAT_ACCOUNT_COUNT, DevAccounts.hardhat().size());
    }
}
