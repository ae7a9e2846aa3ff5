package io.hashmix.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.proofs.spv.HeaderCheckpoint;
import io.hashmix.proofs.spv.NetworkParams;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.PaymentProofJson;
import io.hashmix.proofs.spv.SpvResult;
import io.hashmix.proofs.spv.SpvVerifier;

/**
 * Bitcoin SPV payment-proof verification per second (headers, work, Merkle inclusion with the
 * coinbase at the same depth, output parsing), on the valid cases of the shared vectors: a real
 * main-network proof (block 99960) and a 6-confirmation regtest proof. Run with
 * {@code scripts/bench.sh SpvVerification} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpvVerificationBenchmark {

    /** Which vector case to verify. */
    @Param({"valid-mainnet-99960-tx1", "valid-p2wpkh-payment"})
    public String vector;

    private PaymentProof proof;
    private HeaderCheckpoint checkpoint;
    private NetworkParams network;

    /** Loads the case from {@code test-vectors/btc-spv.json}. */
    @Setup
    public void load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(Path.of("test-vectors", "btc-spv.json")));
        for (JsonNode c : root.get("cases")) {
            if (c.get("name").asText().equals(vector)) {
                proof = PaymentProofJson.fromNode(c.get("proof"), "proof");
                checkpoint = PaymentProofJson.checkpointFromNode(c.get("checkpoint"), "checkpoint");
                network = "mainnet".equals(c.get("network").asText()) ? NetworkParams.MAINNET : NetworkParams.REGTEST;
                SpvVerifier.verify(proof, checkpoint, network); // fails the setup if the case does not verify
                return;
            }
        }
        throw new IllegalStateException("no vector " + vector + " (run from the repository root)");
    }

    /** One full verification. */
    @Benchmark
    public SpvResult verify() {
        return SpvVerifier.verify(proof, checkpoint, network);
    }
}
