package io.hashmix.proofs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared JSON test vectors (read by the Solidity tests too) live. */
public final class TestVectors {

    private TestVectors() {
    }

    /** The repository's {@code test-vectors} folder: {@code -Dhashmix.vectors.dir}, else found upwards from here. */
    public static Path dir() {
        String configured = System.getProperty("hashmix.vectors.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        // running from an IDE: walk up from the module to the repository's test-vectors folder
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-vectors"))) {
                return dir.resolve("test-vectors");
            }
        }
        throw new IllegalStateException("test-vectors folder not found; set -Dhashmix.vectors.dir");
    }
}
