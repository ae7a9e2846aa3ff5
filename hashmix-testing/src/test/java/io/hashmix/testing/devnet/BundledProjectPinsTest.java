package io.hashmix.testing.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Hardhat project bundled in hashmix-testing runs the same chain as the repository's
 * {@code contracts/}: the same Hardhat and Node versions, and every package of its lock at the same
 * version and integrity as in the contracts lock. To update it after {@code contracts/} moves:
 * copy {@code contracts/package-lock.json} over the bundled one, set the versions in its
 * {@code package.json}, and run {@code npm install --package-lock-only} in that folder (npm keeps the
 * locked versions and drops what the bundle does not need).
 */
class BundledProjectPinsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode bundled(String name) throws IOException {
        try (InputStream in = HardhatProject.class.getResourceAsStream(HardhatProject.RESOURCES + name)) {
            assertNotNull(in, name + " is not bundled");
            return JSON.readTree(in);
        }
    }

    private static JsonNode contracts(String name) throws IOException {
        String dir = System.getProperty("hashmix.repo.contracts");
        assertNotNull(dir, "hashmix.repo.contracts is not set (hashmix-testing's pom sets it to the repository's contracts/)");
        return JSON.readTree(Path.of(dir, name).toFile());
    }

    @Test
    void hardhatAndNodeArePinnedLikeTheContractsProject() throws IOException {
        JsonNode ours = bundled("package.json").path("devDependencies");
        JsonNode theirs = contracts("package.json").path("devDependencies");
        for (String pkg : List.of("hardhat", "node")) {
            assertTrue(ours.hasNonNull(pkg), pkg + " is not pinned in the bundled package.json");
            assertEquals(theirs.path(pkg).asText(), ours.path(pkg).asText(), pkg + " differs from contracts/package.json");
        }
    }

    @Test
    void everyLockedPackageMatchesTheContractsLock() throws IOException {
        JsonNode ours = bundled("package-lock.json").path("packages");
        JsonNode theirs = contracts("package-lock.json").path("packages");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : ours.properties()) {
            if (e.getKey().isEmpty()) {
                continue; // the root project itself
            }
            checked++;
            JsonNode other = theirs.path(e.getKey());
            if (!e.getValue().path("version").equals(other.path("version"))
                    || !e.getValue().path("integrity").equals(other.path("integrity"))) {
                mismatches.add(e.getKey() + " " + e.getValue().path("version") + " vs contracts/ " + other.path("version"));
            }
        }
        assertTrue(checked > 50, "the bundled lock holds only " + checked + " packages");
        assertTrue(ours.has("node_modules/hardhat") && ours.has("node_modules/node")
                && ours.has("node_modules/@nomicfoundation/edr"), "hardhat, node and edr must be locked");
        assertEquals(List.of(), mismatches, "the bundled lock drifted from contracts/package-lock.json");
    }
}
