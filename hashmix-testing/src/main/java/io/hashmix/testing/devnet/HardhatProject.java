package io.hashmix.testing.devnet;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Hardhat project a {@link LocalHardhatNode} runs from, found or installed.
 *
 * <p>{@link #locate()} answers, in this order:
 * <ol>
 *   <li>the directory named by the system property {@value #PROJECT_PROPERTY} or the environment
 *       variable {@value #PROJECT_ENV}: an existing Hardhat project with {@code node_modules}
 *       installed (the HashMix repository's own tests point it at {@code contracts/});</li>
 *   <li>otherwise the minimal project bundled in this artifact ({@code hardhat} and Node 22 from npm,
 *       pinned to the same versions as the HashMix contracts project, with its {@code package-lock.json}),
 *       installed with {@code npm ci} into {@code <cache>/hardhat-<version>-<content hash>} on first use.
 *       The cache is the system property {@value #CACHE_PROPERTY} or the environment variable
 *       {@value #CACHE_ENV}, else {@code $XDG_CACHE_HOME/hashmix/devnet}, else
 *       {@code ~/.cache/hashmix/devnet}.</li>
 * </ol>
 *
 * <p>Installing needs Node.js with npm on the PATH, and the npm registry; nothing else. It takes 15 to
 * 30 s when npm runs on Node 22 or newer, and up to a minute on older Node (Hardhat's native engine,
 * {@code @nomicfoundation/edr-<platform>}, declares Node 22, so npm on older Node skips it: the installer
 * then runs {@code npm ci} a second time under the Node 22 the first run installed). An exclusive file
 * lock beside the project serializes installs across threads and JVMs, and a marker file written last
 * makes an interrupted install start over. Everything npm prints goes to {@code npm-ci.log} in the
 * project, quoted in the exception if the install fails.
 */
public final class HardhatProject {

    private static final Logger log = LoggerFactory.getLogger(HardhatProject.class);

    /** System property naming an installed Hardhat project to use instead of the bundled one. */
    public static final String PROJECT_PROPERTY = "hashmix.contracts.dir";

    /** Environment variable naming an installed Hardhat project to use instead of the bundled one. */
    public static final String PROJECT_ENV = "HASHMIX_CONTRACTS_DIR";

    /** System property naming the directory the bundled project is installed under. */
    public static final String CACHE_PROPERTY = "hashmix.devnet.cache";

    /** Environment variable naming the directory the bundled project is installed under. */
    public static final String CACHE_ENV = "HASHMIX_DEVNET_CACHE";

    /** Where the bundled project's files are on the class path. */
    static final String RESOURCES = "/io/hashmix/testing/devnet/hardhat/";

    /** The bundled project's files. */
    static final List<String> FILES = List.of("package.json", "package-lock.json", "hardhat.config.js");

    /** Written last by a successful install; holds the bundle's content hash. */
    static final String MARKER = ".hashmix-installed";

    /** npm's output, both runs. */
    static final String NPM_LOG = "npm-ci.log";

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private HardhatProject() {
    }

    /**
     * The Hardhat project to start a local chain from: the configured one, or the bundled one, installed
     * if it is not yet.
     *
     * @throws IllegalStateException if the configured directory is not a Node project, or the bundled
     *                               project cannot be installed (the message says why and what to do)
     */
    public static Path locate() {
        String configured = System.getProperty(PROJECT_PROPERTY, System.getenv(PROJECT_ENV));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("package.json"))) {
                throw new IllegalStateException(PROJECT_PROPERTY + "=" + dir + " holds no package.json; point it at a"
                        + " Hardhat project, or unset it (and " + PROJECT_ENV + ") to use the project bundled in hashmix-testing");
            }
            return dir;
        }
        return installBundled(defaultCacheRoot());
    }

    /** The directory the bundled project is installed under, as configured or by default. */
    public static Path defaultCacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY, System.getenv(CACHE_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hashmix", "devnet");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hashmix", "devnet");
    }

    /**
     * Installs the bundled project under {@code cacheRoot} unless it already is, and returns its
     * directory. Safe to call from several threads and JVMs at once: one installs, the others wait
     * and reuse it.
     *
     * @throws IllegalStateException if npm is not on the PATH, or {@code npm ci} fails or does not
     *                               install Hardhat and its native engine
     */
    public static Path installBundled(Path cacheRoot) {
        return install(cacheRoot, System.getenv("PATH"), NPM_TIMEOUT);
    }

    /** {@link #installBundled(Path)} with the PATH npm is searched on and run with (for tests). */
    static Path install(Path cacheRoot, String searchPath, Duration npmTimeout) {
        Bundle bundle = Bundle.load();
        Path dir = cacheRoot.toAbsolutePath().resolve("hardhat-" + bundle.hardhatVersion + "-" + bundle.hash.substring(0, 12));
        if (isInstalled(dir, bundle)) {
            return dir;
        }
        try {
            Files.createDirectories(cacheRoot);
            Path lockFile = cacheRoot.resolve(dir.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = acquire(channel, lockFile);
                try {
                    if (isInstalled(dir, bundle)) {
                        return dir; // another thread or JVM installed it while this one waited
                    }
                    installLocked(dir, bundle, searchPath == null ? "" : searchPath, npmTimeout);
                    return dir;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the local chain's Hardhat project into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isInstalled(Path dir, Bundle bundle) {
        Path marker = dir.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(bundle.hash)
                    && Files.isRegularFile(hardhatBin(dir));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM-wide file lock: {@link FileChannel#lock()} waits for other processes; another thread of
     * this JVM holding it shows as {@link OverlappingFileLockException}, so that case is polled.
     */
    private static FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + NPM_TIMEOUT.multipliedBy(2).toNanos();
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("gave up waiting for another thread's install to release " + lockFile);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + lockFile, ie);
                }
            }
        }
    }

    private static void installLocked(Path dir, Bundle bundle, String searchPath, Duration npmTimeout) throws IOException {
        log.info("installing the local chain (Hardhat {} on Node 22, from npm) into {}: once per version, 15 s to a minute",
                bundle.hardhatVersion, dir);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(MARKER));
        for (Map.Entry<String, byte[]> file : bundle.files.entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
        Path logFile = dir.resolve(NPM_LOG);
        Files.deleteIfExists(logFile);
        Path npm = findOnPath(searchPath, WINDOWS ? List.of("npm.cmd", "npm.exe") : List.of("npm"))
                .orElseThrow(() -> new IllegalStateException("hashmix-testing installs its local chain (Hardhat "
                        + bundle.hardhatVersion + " with Node 22, from the npm registry) on first use, and needs Node.js"
                        + " with npm for it, but there is no npm on the PATH (" + searchPath + "). Install Node.js 20.17"
                        + " or newer with npm (https://nodejs.org, or your system's package manager, e.g. `apt-get install"
                        + " nodejs npm`), or set -D" + PROJECT_PROPERTY + " to a Hardhat project you installed yourself."));
        runNpmCi(npm, dir, searchPath, logFile, npmTimeout);
        if (!nativeEngineInstalled(dir)) {
            // npm on Node < 22 skips Hardhat's native engine (it declares Node >= 22): run npm once more, on the
            // Node 22 the first run installed, from a link outside node_modules (npm ci replaces node_modules)
            Optional<Path> node22 = node22(dir);
            if (node22.isPresent()) {
                Path boot = dir.resolveSibling(dir.getFileName() + ".node22");
                try {
                    Files.createDirectories(boot);
                    Path link = boot.resolve(WINDOWS ? "node.exe" : "node");
                    Files.deleteIfExists(link);
                    try {
                        Files.createLink(link, node22.get());
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(node22.get(), link);
                        link.toFile().setExecutable(true);
                    }
                    log.info("npm ran on Node < 22 and skipped Hardhat's native engine; running npm ci again on Node 22");
                    runNpmCi(npm, dir, boot + File.pathSeparator + searchPath, logFile, npmTimeout);
                } finally {
                    deleteTree(boot);
                }
            }
        }
        if (!Files.isRegularFile(hardhatBin(dir))) {
            throw new IllegalStateException("npm ci in " + dir + " did not install Hardhat (no " + hardhatBin(dir)
                    + "); npm's output:\n" + tail(logFile));
        }
        if (!nativeEngineInstalled(dir)) {
            throw new IllegalStateException("npm ci in " + dir + " did not install Hardhat's native engine for this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): none of "
                    + engineCandidates(dir) + " is in node_modules. Hardhat supports Linux, macOS and Windows on x64, and"
                    + " Linux and macOS on arm64. npm's output:\n" + tail(logFile));
        }
        Files.writeString(dir.resolve(MARKER), bundle.hash + "\n");
        log.info("local chain installed in {}", dir);
    }

    private static void runNpmCi(Path npm, Path dir, String searchPath, Path logFile, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        if (WINDOWS && npm.getFileName().toString().endsWith(".cmd")) {
            command.addAll(List.of("cmd.exe", "/c"));
        }
        command.add(npm.toString());
        command.addAll(List.of("ci", "--no-audit", "--no-fund", "--loglevel=error"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("PATH", searchPath);
        pb.environment().put("npm_config_update_notifier", "false");
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " took longer than " + timeout.toMinutes()
                        + " min; npm's output:\n" + tail(logFile));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci in " + dir, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + dir + " failed with exit code " + process.exitValue()
                    + " (it needs the npm registry: check the network or npm's proxy settings); npm's output:\n" + tail(logFile));
        }
    }

    static Path hardhatBin(Path dir) {
        return dir.resolve("node_modules").resolve(".bin").resolve(WINDOWS ? "hardhat.cmd" : "hardhat");
    }

    /** The platform packages {@code @nomicfoundation/edr} lists as optional dependencies. */
    private static List<String> engineCandidates(Path dir) {
        Path pkg = dir.resolve("node_modules/@nomicfoundation/edr/package.json");
        List<String> names = new ArrayList<>();
        try {
            JsonNode optional = new ObjectMapper().readTree(pkg.toFile()).path("optionalDependencies");
            optional.fieldNames().forEachRemaining(names::add);
        } catch (IOException e) {
            // no edr package: nothing can be installed
        }
        return names;
    }

    private static boolean nativeEngineInstalled(Path dir) {
        return engineCandidates(dir).stream().anyMatch(name -> Files.isDirectory(dir.resolve("node_modules").resolve(name)));
    }

    private static Optional<Path> node22(Path dir) {
        Path bin = dir.resolve("node_modules").resolve(".bin").resolve("node");
        try {
            return Files.exists(bin) ? Optional.of(bin.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> findOnPath(String searchPath, List<String> names) {
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(entry).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover link is harmless and replaced next time
        }
    }

    /** The bundled project's files, their content hash and the Hardhat version they pin. */
    private record Bundle(Map<String, byte[]> files, String hash, String hardhatVersion) {

        static Bundle load() {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String name : FILES) {
                    try (InputStream in = HardhatProject.class.getResourceAsStream(RESOURCES + name)) {
                        if (in == null) {
                            throw new IllegalStateException("the bundled Hardhat project is incomplete: " + RESOURCES + name
                                    + " is not on the class path (hashmix-testing's jar is damaged or repackaged)");
                        }
                        byte[] bytes = in.readAllBytes();
                        files.put(name, bytes);
                        sha.update(name.getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 0);
                        sha.update(bytes);
                    }
                }
                String version = new ObjectMapper().readTree(files.get("package.json")).path("devDependencies").path("hardhat").asText("");
                if (version.isEmpty()) {
                    throw new IllegalStateException(RESOURCES + "package.json pins no hardhat version");
                }
                return new Bundle(Map.copyOf(files), HexFormat.of().formatHex(sha.digest()), version);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
