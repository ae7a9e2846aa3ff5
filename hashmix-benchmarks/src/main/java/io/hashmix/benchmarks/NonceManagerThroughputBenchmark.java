package io.hashmix.benchmarks;

import java.math.BigInteger;
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
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * Transactions per second from one sender on a local Hardhat node (automine): pipelined through
 * the nonce manager (all submitted, then all receipts awaited) against send-and-wait one by one.
 * Each invocation sends {@value #BATCH} native-coin transfers; the score is transactions per second.
 * Run with {@code scripts/bench.sh} (see docs/benchmarks.md), never in CI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class NonceManagerThroughputBenchmark {

    static final int BATCH = 100;

    private LocalHardhatNode node;
    private HashMix hm;
    private EvmAddress recipient;

    /** Starts a node and a client. */
    @Setup(Level.Trial)
    public void start() {
        node = LocalHardhatNode.start();
        var accounts = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, 2);
        hm = HashMix.builder().rpc(node.rpcUrl()).credentials(accounts.get(0)).build();
        recipient = EvmAddress.of(accounts.get(1).getAddress());
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void stop() {
        hm.close();
        node.close();
    }

    /** All {@value #BATCH} submitted back to back, then all receipts awaited. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TxReceipt> pipelined() {
        List<CompletableFuture<TxReceipt>> sends = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            sends.add(hm.transactions().send(TxRequest.transfer(recipient, BigInteger.ONE)));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    /** Each of {@value #BATCH} sent only after the previous receipt arrived. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TxReceipt> sequential() {
        List<TxReceipt> receipts = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            receipts.add(hm.transactions().send(TxRequest.transfer(recipient, BigInteger.ONE)).join());
        }
        return receipts;
    }
}
