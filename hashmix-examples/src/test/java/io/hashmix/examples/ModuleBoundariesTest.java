package io.hashmix.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The modules' boundaries, checked on their sources: imports that cross a boundary fail the build, so
 * the layering holds by construction, not by review. {@code hashmix-proofs} is offline (no core, no
 * contract bindings, no network code); {@code hashmix-contracts} does not reach into core; the examples
 * (what a third-party application may write) use neither core's {@code internal} packages nor the
 * generated contract wrappers. Checked on the sources, so fully qualified names count as much as imports.
 * These tests stand in for module-info.java descriptors, which web3j's split packages rule out; with
 * hashmix-core's {@code ClientConstructorsTest} (clients are built only from the internal context) and
 * {@code Web3jSplitPackagesTest} (that reason still holds): docs/architecture.md, "Module boundaries and JPMS".
 */
class ModuleBoundariesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void proofsIsOfflineAndStandsAlone() {
        assertNoImports("hashmix-proofs", List.of(
                "io.hashmix.core.", "io.hashmix.contracts.", "io.hashmix.testing.", "io.hashmix.examples.",
                "okhttp3.", "java.net.", "java.nio.channels.", "javax.net.", "org.web3j.protocol.", "org.web3j.tx."));
    }

    @Test
    void contractsDoesNotReachIntoCoreOrTheNetwork() {
        assertNoImports("hashmix-contracts", List.of(
                "io.hashmix.core.", "io.hashmix.testing.", "io.hashmix.examples.", "okhttp3.", "java.net."));
    }

    @Test
    void examplesUseOnlyThePublicApi() {
        // hashmix-testing is public (the demo starts its local chain with it)
        assertNoImports("hashmix-examples", List.of("io.hashmix.core.internal.", "io.hashmix.contracts.generated."));
    }

    private static void assertNoImports(String module, List<String> forbidden) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        List<Path> files = javaFiles(sources);
        assertTrue(files.size() > 5, module + ": no sources found under " + sources.toAbsolutePath());
        List<String> crossings = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                    continue; // Javadoc and comments may name other modules' types
                }
                for (String prefix : forbidden) {
                    if (line.contains(prefix)) { // imports and fully qualified names alike
                        crossings.add(sources.relativize(file) + ":" + (i + 1) + " uses " + prefix + "*");
                    }
                }
            }
        }
        assertEquals(List.of(), crossings, module + " crosses its boundary");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
