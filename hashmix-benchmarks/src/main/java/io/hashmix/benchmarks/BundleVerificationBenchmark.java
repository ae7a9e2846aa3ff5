package io.hashmix.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.batch.BatchResult;
import io.hashmix.proofs.batch.BatchVerifier;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;

/**
 * 3-of-5 attestation bundle verifications per second (committee of 5, threshold 3, bundles carrying 3
 * signatures: domain and epoch checks, EIP-712 digest, 3 recoveries): one at a time on one core, and
 * {@value #BATCH} at a time through {@link BatchVerifier} on all cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BundleVerificationBenchmark {

    static final int BATCH = 256;

    @Param({"native", "java"})
    public String backend;

    private BundleVerifier verifier;
    private List<AttestationBundle> bundles;
    private BatchVerifier batch;

    /** Signs {@value #BATCH} bundles. */
    @Setup(Level.Trial)
    public void setUp() {
        CryptoBackend b = CryptoBackends.select(CryptoBackends.Choice.parse(backend));
        List<ECKeyPair> keys = CryptoFixtures.committeeKeys();
        bundles = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            AttestationBundle.Builder builder = AttestationBundle.builder(CryptoFixtures.DOMAIN, CryptoFixtures.product(i));
            var digest = builder.build().digest();
            for (int k = 0; k < 3; k++) {
                builder.addSignature(AttestationSigner.sign(digest, keys.get((i + k) % 5), b));
            }
            bundles.add(builder.build());
        }
        Clock clock = Clock.fixed(Instant.ofEpochSecond(CryptoFixtures.JAN_2025), ZoneOffset.UTC);
        verifier = new BundleVerifier(CryptoFixtures.DOMAIN, CryptoFixtures.committee(), 3, clock, b);
        batch = BatchVerifier.create();
    }

    /** Closes the batch pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        batch.close();
    }

    /** Per-thread cursor. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    /** One bundle at a time, one thread. */
    @Benchmark
    @Threads(1)
    public BundleVerifier.Verified oneCore(Cursor c) {
        c.i = (c.i + 1) & (BATCH - 1);
        return verifier.verify(bundles.get(c.i));
    }

    /** {@value #BATCH} bundles per call through BatchVerifier on all cores; the score is bundles per second. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public List<BatchResult<BundleVerifier.Verified, io.hashmix.proofs.attestation.AttestationVerificationException.Reason>> allCoresBatch()
            throws InterruptedException {
        var results = batch.verifyBundles(verifier, bundles);
        if (!results.get(BATCH - 1).ok()) {
            throw new IllegalStateException(results.get(BATCH - 1).message());
        }
        return results;
    }
}
