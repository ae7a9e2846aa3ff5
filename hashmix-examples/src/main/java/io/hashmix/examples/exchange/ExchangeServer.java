package io.hashmix.examples.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * Runs the exchange backend with its HTTP API until stopped (Ctrl-C).
 *
 * <pre>
 * usage: ExchangeServer [--rpc URL --manifest PATH --private-key HEX] [--db PATH] [--port N] [--confirmations N]
 *                       [--in-doubt-grace N] [--reorg-depth N]
 *   --rpc            a running node; without it a local Hardhat chain is started and the protocol deployed
 *                    (manifest in target/exchange-deployment.json, the exchange signs with dev account #9)
 *   --manifest       the deployment manifest (with --rpc)
 *   --private-key    the exchange's key, the taker of its fills (with --rpc)
 *   --db             the H2 database file (default: target/exchange-db)
 *   --port           the HTTP port on 127.0.0.1 (default: 8080; 0 = any free port)
 *   --confirmations  blocks an event needs before it is applied (default: 1 on a local chain, 12 otherwise)
 *   --in-doubt-grace blocks after which a settlement in doubt without a fill has failed (default: 1000)
 *   --reorg-depth    applied blocks the follower remembers, the deepest reorganisation it undoes (default: 64)
 * </pre>
 * Restart it on the same {@code --db} at any time: it recovers its state from the database and the chain.
 */
public final class ExchangeServer implements AutoCloseable {

    private final LocalHardhatNode node;
    private final HashMix hm;
    private final ExchangeBackend backend;
    private final HttpApi api;

    private ExchangeServer(LocalHardhatNode node, HashMix hm, ExchangeBackend backend, HttpApi api) {
        this.node = node;
        this.hm = hm;
        this.backend = backend;
        this.api = api;
    }

    /**
     * Starts the server; blocks until the JVM is asked to stop.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        ExchangeServer server;
        try {
            server = start(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: ExchangeServer [--rpc URL --manifest PATH --private-key HEX] [--db PATH] [--port N] [--confirmations N] "
                    + "[--in-doubt-grace N] [--reorg-depth N]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "exchange-shutdown"));
        System.out.printf("exchange %s serving on http://127.0.0.1:%d (POST /orders, POST /buy, GET /orders, /fills, /status)%n",
                server.hm.account(), server.port());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a chain if needed, the backend and the API.
     *
     * @param args see the class comment
     * @return the running server
     * @throws IllegalArgumentException on bad arguments
     */
    public static ExchangeServer start(String[] args) {
        Options o = Options.parse(args);
        LocalHardhatNode node = null;
        HashMix hm = null;
        ExchangeBackend backend = null;
        try {
            String rpc = o.rpc;
            Deployment deployment;
            Credentials key = o.key;
            if (rpc == null) {
                node = LocalHardhatNode.start();
                rpc = node.rpcUrl();
                try (HashMix deployer = HashMix.builder().rpc(rpc).credentials(DevAccounts.hardhat().get(0)).build()) {
                    deployment = new Deployer(deployer).deploy(DeployOptions.LOCAL).join();
                }
                deployment.writeJson(Path.of("target", "exchange-deployment.json"));
                key = DevAccounts.hardhat().get(9);
            } else {
                deployment = Deployment.fromJson(o.manifest);
            }
            hm = HashMix.builder().rpc(rpc).credentials(key).deployment(deployment).build();
            int confirmations = o.confirmations != null ? o.confirmations : hm.chainId() == LocalHardhatNode.CHAIN_ID ? 1 : 12;
            long firstBlock = deployment.contract(ProtocolContract.HASH_MIX_MARKET).blockNumber();
            ExchangeConfig config = new ExchangeConfig(Database.fileUrl(o.db), firstBlock, confirmations, 2_000,
                    o.inDoubtGrace, Duration.ofSeconds(2), o.reorgDepth);
            backend = ExchangeBackend.start(config, new SdkMarket(hm), Clock.systemUTC());
            return new ExchangeServer(node, hm, backend, new HttpApi(backend, o.port));
        } catch (IOException e) {
            closeAll(null, backend, hm, node);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(null, backend, hm, node);
            throw e;
        }
    }

    /**
     * The HTTP port.
     *
     * @return the bound port
     */
    public int port() {
        return api.port();
    }

    /** Stops the API, the backend, the SDK client and the local chain (if it started one). */
    @Override
    public void close() {
        closeAll(api, backend, hm, node);
    }

    private static void closeAll(HttpApi api, ExchangeBackend backend, HashMix hm, LocalHardhatNode node) {
        if (api != null) {
            api.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (hm != null) {
            hm.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private record Options(String rpc, Path manifest, Credentials key, Path db, int port, Integer confirmations, long inDoubtGrace,
            int reorgDepth) {
        static Options parse(String[] args) {
            String rpc = null;
            Path manifest = null;
            Credentials key = null;
            Path db = Path.of("target", "exchange-db");
            int port = 8080;
            Integer confirmations = null;
            long inDoubtGrace = ExchangeConfig.DEFAULT_GRACE_BLOCKS;
            int reorgDepth = ExchangeConfig.DEFAULT_REORG_DEPTH;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--rpc" -> rpc = v;
                    case "--manifest" -> manifest = Path.of(v);
                    case "--private-key" -> {
                        try {
                            key = Credentials.create(v);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("--private-key is not a valid hex private key");
                        }
                    }
                    case "--db" -> db = Path.of(v);
                    case "--port" -> port = Integer.parseInt(v);
                    case "--confirmations" -> confirmations = Integer.parseInt(v);
                    case "--in-doubt-grace" -> inDoubtGrace = Long.parseLong(v);
                    case "--reorg-depth" -> reorgDepth = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (inDoubtGrace < 0 || reorgDepth < 1) {
                throw new IllegalArgumentException("--in-doubt-grace must be >= 0 and --reorg-depth >= 1");
            }
            if (rpc != null && (manifest == null || key == null)) {
                throw new IllegalArgumentException("--rpc needs --manifest and --private-key");
            }
            return new Options(rpc, manifest, key, db, port, confirmations, inDoubtGrace, reorgDepth);
        }
    }
}
