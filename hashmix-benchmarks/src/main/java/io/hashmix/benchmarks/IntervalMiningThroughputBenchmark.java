package io.hashmix.benchmarks;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.hashmix.core.HashMix;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * Transactions per second from one sender when blocks come every second, as on a real chain (the
 * realistic case for {@link NonceManagerThroughputBenchmark}'s automining figures): the local Hardhat
 * node runs with automine off and interval mining at 1 s. {@code pipelined} submits {@value #PIPELINED}
 * transfers through the nonce manager and awaits all receipts; {@code sequential} sends
 * {@value #SEQUENTIAL}, each after the previous receipt. Run with {@code scripts/bench.sh
 * IntervalMiningThroughputBenchmark} (docs/benchmarks.md), never in CI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class IntervalMiningThroughputBenchmark {

    static final int PIPELINED = 100;
    static final int SEQUENTIAL = 5;
    static final Duration BLOCK_TIME = Duration.ofSeconds(1);

    private LocalHardhatNode node;
    private HashMix hm;
    private EvmAddress recipient;

    /** Starts a node mining a block every second, and a client. */
    @Setup(Level.Trial)
    public void start() {
        node = LocalHardhatNode.start();
        var accounts = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, 2);
        hm = HashMix.builder().rpc(node.rpcUrl()).credentials(accounts.get(0)).build();
        DevChainControl control = new DevChainControl(hm.rpc());
        control.setAutomine(false).join();
        control.setIntervalMining(BLOCK_TIME).join();
        recipient = EvmAddress.of(accounts.get(1).getAddress());
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void stop() {
        hm.close();
        node.close();
    }

    /** All {@value #PIPELINED} submitted back to back, then all receipts awaited. */
    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public List<TxReceipt> pipelined() {
        List<CompletableFuture<TxReceipt>> sends = new ArrayList<>(PIPELINED);
        for (int i = 0; i < PIPELINED; i++) {
            sends.add(hm.transactions().send(TxRequest.transfer(recipient, BigInteger.ONE)));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    /** Each of {@value #SEQUENTIAL} sent only after the previous receipt arrived. */
    @Benchmark
    @OperationsPerInvocation(SEQUENTIAL)
    public List<TxReceipt> sequential() {
        List<TxReceipt> receipts = new ArrayList<>(SEQUENTIAL);
        for (int i = 0; i < SEQUENTIAL; i++) {
            receipts.add(hm.transactions().send(TxRequest.transfer(recipient, BigInteger.ONE)).join());
        }
        return receipts;
    }
}
