package io.hashmix.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;

/**
 * Merkle inclusion proof verifications per second on a 1,000,000-leaf hardware tree (proofs of 19-20
 * levels: leaf double hash + one pair hash per level). The tree is built once per fork (about 3 million
 * keccak-256 calls, a few seconds); ids are keccak256(i) rather than ASIC ids to keep the setup short.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Threads(1)
public class MerkleProofBenchmark {

    static final int LEAVES = 1_000_000;
    private static final int POOL = 1024;

    private Bytes32 root;
    private final HardwareId[] ids = new HardwareId[POOL];
    private final List<List<Bytes32>> proofs = new ArrayList<>(POOL);

    /** Per-thread cursor. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    /** Builds the tree and takes {@value #POOL} proofs spread over it. */
    @Setup
    public void setUp() {
        List<HardwareId> all = new ArrayList<>(LEAVES);
        for (int i = 0; i < LEAVES; i++) {
            all.add(new HardwareId(Bytes32.keccak(ByteBuffer.allocate(8).putLong(i).array())));
        }
        MerkleTree tree = MerkleTree.of(all);
        root = tree.root();
        for (int k = 0; k < POOL; k++) {
            ids[k] = all.get((int) ((long) k * 977 % LEAVES));
            proofs.add(tree.proof(ids[k]).proof());
        }
    }

    /** One proof verification. */
    @Benchmark
    public boolean verifyProof(Cursor c) {
        c.i = (c.i + 1) & (POOL - 1);
        return MerkleTree.verify(root, ids[c.i], proofs.get(c.i));
    }
}
