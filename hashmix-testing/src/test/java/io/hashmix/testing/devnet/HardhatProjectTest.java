package io.hashmix.testing.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer of the bundled Hardhat project, with a stand-in {@code npm} (a shell script that lays
 * out what {@code npm ci} would) so that these tests need no network. The real install from the npm
 * registry is proven by the invoker test of a separate project (hashmix-testing/src/it).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in npm is a POSIX shell script")
class HardhatProjectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * Writes a stand-in npm into {@code bin}: it appends one line per run to {@code calls}, runs
     * {@code extra} (shell), and, unless told otherwise, installs a hardhat bin and a native engine.
     */
    private static Path fakeNpm(Path bin, Path calls, String extra, boolean engine) throws IOException {
        Files.createDirectories(bin);
        Path npm = bin.resolve("npm");
        String script = "#!/bin/sh\n"
                + "echo \"npm $*\" >> '" + calls + "'\n"
                + extra + "\n"
                + "mkdir -p node_modules/.bin node_modules/@nomicfoundation/edr\n"
                + "printf '#!/bin/sh\\n' > node_modules/.bin/hardhat && chmod +x node_modules/.bin/hardhat\n"
                + "printf '{\"optionalDependencies\":{\"@nomicfoundation/edr-fake\":\"1.0.0\"}}' > node_modules/@nomicfoundation/edr/package.json\n"
                + (engine ? "mkdir -p node_modules/@nomicfoundation/edr-fake\n" : "")
                + "exit 0\n";
        Files.writeString(npm, script);
        assertTrue(npm.toFile().setExecutable(true));
        return bin;
    }

    private static List<String> calls(Path calls) throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** PATH with the stand-in first, then the system's (for sh, mkdir, printf, sleep). */
    private static String path(Path bin) {
        return bin + File.pathSeparator + System.getenv("PATH");
    }

    @Test
    void withoutNpmOnThePathTheErrorSaysWhatToInstall(@TempDir Path tmp) throws IOException {
        Path emptyBin = Files.createDirectories(tmp.resolve("bin"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HardhatProject.install(tmp.resolve("cache"), emptyBin.toString(), TIMEOUT));
        assertTrue(e.getMessage().contains("no npm on the PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("Install Node.js"), e.getMessage());
        assertTrue(e.getMessage().contains(HardhatProject.PROJECT_PROPERTY), e.getMessage());
    }

    @Test
    void installsTheBundledProjectOnceThenReusesItWithoutNpm(@TempDir Path tmp) throws IOException {
        Path calls = tmp.resolve("calls.txt");
        Path bin = fakeNpm(tmp.resolve("bin"), calls, "", true);
        Path dir = HardhatProject.install(tmp.resolve("cache"), path(bin), TIMEOUT);

        assertEquals(List.of("npm ci --no-audit --no-fund --loglevel=error"), calls(calls));
        assertTrue(dir.getFileName().toString().startsWith("hardhat-3.18.0-"), dir.toString());
        for (String file : HardhatProject.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        assertTrue(Files.isRegularFile(dir.resolve(HardhatProject.MARKER)));

        // installed: a second call needs no npm at all
        Path again = HardhatProject.install(tmp.resolve("cache"), tmp.resolve("no-such-bin").toString(), TIMEOUT);
        assertEquals(dir, again);
        assertEquals(1, calls(calls).size());
    }

    @Test
    void aFailedInstallQuotesNpmLeavesNoMarkerAndIsRetried(@TempDir Path tmp) throws IOException {
        Path calls = tmp.resolve("calls.txt");
        Path failing = fakeNpm(tmp.resolve("failing"), calls, "echo 'npm error code ECONNREFUSED (stand-in)'; exit 1", true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HardhatProject.install(tmp.resolve("cache"), path(failing), TIMEOUT));
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("ECONNREFUSED (stand-in)"), e.getMessage());

        Path good = fakeNpm(tmp.resolve("good"), calls, "", true);
        Path dir = HardhatProject.install(tmp.resolve("cache"), path(good), TIMEOUT);
        assertTrue(Files.isRegularFile(dir.resolve(HardhatProject.MARKER)));
        assertEquals(2, calls(calls).size());
    }

    @Test
    void aMissingNativeEngineIsNamedWithThePlatform(@TempDir Path tmp) throws IOException {
        Path bin = fakeNpm(tmp.resolve("bin"), tmp.resolve("calls.txt"), "", false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HardhatProject.install(tmp.resolve("cache"), path(bin), TIMEOUT));
        assertTrue(e.getMessage().contains("native engine"), e.getMessage());
        assertTrue(e.getMessage().contains("@nomicfoundation/edr-fake"), e.getMessage());
        assertTrue(e.getMessage().contains(System.getProperty("os.arch")), e.getMessage());
    }

    @Test
    void whenNpmSkipsTheEngineItRunsAgainOnTheNode22ItInstalled(@TempDir Path tmp) throws IOException {
        Path calls = tmp.resolve("calls.txt");
        // like npm on Node 20: installs node_modules/.bin/node (Node 22) but not the engine, which it only
        // installs when the node on its PATH is that Node 22 (the installer's link, in <dir>.node22)
        String extra = "mkdir -p node_modules/node/bin\n"
                + "printf '#!/bin/sh\\n' > node_modules/node/bin/node && chmod +x node_modules/node/bin/node\n"
                + "mkdir -p node_modules/.bin && ln -sf ../node/bin/node node_modules/.bin/node\n"
                + "case \"$PATH\" in *.node22*) mkdir -p node_modules/@nomicfoundation/edr-fake ;; esac";
        Path bin = fakeNpm(tmp.resolve("bin"), calls, extra, false);
        Path dir = HardhatProject.install(tmp.resolve("cache"), path(bin), TIMEOUT);
        assertEquals(2, calls(calls).size());
        assertTrue(Files.isDirectory(dir.resolve("node_modules/@nomicfoundation/edr-fake")));
        assertFalse(Files.exists(dir.resolveSibling(dir.getFileName() + ".node22")), "the Node 22 link is removed");
    }

    /** Installs from another JVM: {@code <cache root> <PATH> <file to create first>}. */
    public static final class OtherJvm {
        private OtherJvm() {
        }

        public static void main(String[] args) throws IOException {
            Files.writeString(Path.of(args[2]), "started");
            System.out.println(HardhatProject.install(Path.of(args[0]), args[1], TIMEOUT));
        }
    }

    @Test
    void threadsAndJvmsInstallingAtOnceRunNpmOnce(@TempDir Path tmp) throws Exception {
        Path calls = tmp.resolve("calls.txt");
        Path started = tmp.resolve("other-jvm-started");
        // npm waits until the other JVM is about to install (up to 20 s), then lets it reach the lock
        String extra = "i=0; while [ ! -f '" + started + "' ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done; sleep 1";
        Path bin = fakeNpm(tmp.resolve("bin"), calls, extra, true);
        Path cache = tmp.resolve("cache");
        String searchPath = path(bin);

        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherJvm.class.getName(),
                cache.toString(), searchPath, started.toString())
                .redirectErrorStream(true).start();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> here = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                here.add(pool.submit(() -> HardhatProject.install(cache, searchPath, TIMEOUT)));
            }
            assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the other JVM did not finish");
            String otherOut = new String(other.getInputStream().readAllBytes()).strip();
            assertEquals(0, other.exitValue(), otherOut);
            Path dir = here.get(0).get(60, TimeUnit.SECONDS);
            for (Future<Path> f : here) {
                assertEquals(dir, f.get(60, TimeUnit.SECONDS));
            }
            assertTrue(otherOut.endsWith(dir.toString()), otherOut);
            assertEquals(1, calls(calls).size(), "npm ran " + calls(calls));
        } finally {
            pool.shutdownNow();
            other.destroyForcibly();
        }
    }
}
