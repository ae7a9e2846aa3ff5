package io.hashmix.testing.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Hardhat chain ({@code hardhat node}) in a child process, bound to 127.0.0.1 on a free
 * port, for tests, demos and benchmarks. Chain id {@value #CHAIN_ID}; Hardhat's 20 funded
 * accounts ({@link DevAccounts}); automine on.
 *
 * <p>{@link #start()} runs it from the Hardhat project {@link HardhatProject#locate()} names: one
 * configured with {@code -Dhashmix.contracts.dir} (this repository's tests use {@code contracts/}),
 * or else the minimal project bundled in this artifact, installed with {@code npm ci} into a
 * per-user cache on first use. The project's own Node 22 ({@code node_modules/.bin}) is put first on
 * the PATH. Startup waits until the node answers {@code eth_chainId}; output goes to a log file whose
 * tail is quoted if startup fails. {@link #close()} stops the process and its children; a JVM
 * shutdown hook does the same if the JVM exits first, so no node outlives its owner.
 */
public final class LocalHardhatNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalHardhatNode.class);

    /** What hardhat node prints once it listens, followed by the port. */
    private static final String READY_LINE = "JSON-RPC server at http://127.0.0.1:";

    /** The chain id of a Hardhat node. */
    public static final long CHAIN_ID = 31337;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private LocalHardhatNode(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "hardhat-node-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a node from the project {@link HardhatProject#locate()} names (installing the bundled one
     * on first use), waiting up to 60 s for it to answer.
     *
     * @throws IllegalStateException if the project cannot be installed (the message says why: no npm,
     *                               no network to the npm registry, ...) or the node does not come up
     */
    public static LocalHardhatNode start() {
        return start(HardhatProject.locate(), Duration.ofSeconds(60));
    }

    /**
     * Starts a node.
     *
     * @param contractsDir   a Hardhat project with {@code node_modules} installed (any project: the node
     *                       deploys nothing by itself)
     * @param startupTimeout how long to wait for the node to answer
     * @throws IllegalStateException if the project is not installed, or the node does not come up
     */
    public static LocalHardhatNode start(Path contractsDir, Duration startupTimeout) {
        Path bin = contractsDir.resolve("node_modules/.bin");
        Path hardhat = bin.resolve("hardhat");
        if (!Files.isExecutable(hardhat)) {
            throw new IllegalStateException("Hardhat is not installed in " + contractsDir
                    + ": run `npm ci` there (in the HashMix repository, scripts/test.sh and scripts/demo.sh do it"
                    + " for contracts/), or unset " + HardhatProject.PROJECT_PROPERTY + " to use the bundled project");
        }
        // the free port is probed, then bound by the child: another process may take it in between,
        // so a start that dies on a taken address is retried on a fresh port
        for (int attempt = 1; ; attempt++) {
            LocalHardhatNode node = startOnce(contractsDir, hardhat, bin, freeLoopbackPort());
            try {
                node.awaitReady(startupTimeout);
                log.info("hardhat node ready at {} (pid {}, log {})", node.rpcUrl(), node.process.pid(), node.logFile);
                return node;
            } catch (RuntimeException e) {
                node.close();
                boolean portTaken = node.logTail().toLowerCase(java.util.Locale.ROOT).contains("address already in use")
                        || node.logTail().contains("EADDRINUSE");
                if (!portTaken || attempt == 3) {
                    throw e;
                }
                log.warn("port {} was taken before hardhat node bound it; retrying on another port", node.port);
            }
        }
    }

    private static LocalHardhatNode startOnce(Path contractsDir, Path hardhat, Path bin, int port) {
        Path logFile;
        try {
            logFile = Files.createTempFile("hardhat-node-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(hardhat.toString(), "node", "--hostname", "127.0.0.1",
                "--port", Integer.toString(port)))
                .directory(contractsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin.toAbsolutePath() + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        try {
            return new LocalHardhatNode(pb.start(), port, logFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + hardhat + ": " + e.getMessage(), e);
        }
    }

    /** The node's JSON-RPC URL, on 127.0.0.1. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The port the node listens on. */
    public int port() {
        return port;
    }

    /** Where the node's output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the node and its child processes. Idempotent. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs (or ran) stopProcess itself
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration timeout) {
        // HTTP/1.1: the JDK client otherwise asks for an h2c upgrade, which the node never answers
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hardhat node exited with code " + process.exitValue()
                        + " before it was ready; its output:\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                // ready when the port answers AND our node says it bound it (not some other server)
                if (r.statusCode() == 200 && r.body().contains("\"result\"") && logContains(READY_LINE + port + "/")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for hardhat node", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for hardhat node", e);
            }
        }
        throw new IllegalStateException("hardhat node did not answer at " + rpcUrl() + " within " + timeout.toSeconds()
                + " s; its output:\n" + logTail());
    }

    private boolean logContains(String text) {
        try {
            return Files.readString(logFile).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
