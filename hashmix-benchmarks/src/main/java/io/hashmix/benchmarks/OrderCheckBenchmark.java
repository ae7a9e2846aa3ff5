package io.hashmix.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;

/**
 * An incoming order's cost: EIP-712 hash of the typed record (struct hash + digest with the domain separator
 * computed once) and one signature check against the declared signer. Orders do not exist yet in the SDK, so a
 * {@link ProductAttestation} (13 fields, a heavier struct than an order) stands in. {@code hashOnly} isolates
 * the hashing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(1)
public class OrderCheckBenchmark {

    private static final int POOL = 256;

    @Param({"native", "java"})
    public String backend;

    private CryptoBackend crypto;
    private Bytes32 separator;
    private final ProductAttestation[] orders = new ProductAttestation[POOL];
    private final byte[][] signatures = new byte[POOL][];
    private final EvmAddress[] signers = new EvmAddress[POOL];
    private int i;

    /** Signed "orders". */
    @Setup
    public void setUp() {
        crypto = CryptoBackends.select(CryptoBackends.Choice.parse(backend));
        separator = CryptoFixtures.DOMAIN.separator();
        for (int k = 0; k < POOL; k++) {
            ECKeyPair key = CryptoFixtures.key(5000 + k);
            orders[k] = CryptoFixtures.product(k);
            signatures[k] = AttestationSigner.signDigest(Eip712.digest(separator, orders[k].structHash()), key, crypto);
            signers[k] = AttestationSigner.addressOf(key);
        }
    }

    /** Hash the typed record and check its signature. */
    @Benchmark
    public boolean hashAndCheck() {
        i = (i + 1) & (POOL - 1);
        Bytes32 digest = Eip712.digest(separator, orders[i].structHash());
        return crypto.verify(digest, signatures[i], signers[i]);
    }

    /** The EIP-712 hashing alone (struct hash + digest). */
    @Benchmark
    public Bytes32 hashOnly() {
        i = (i + 1) & (POOL - 1);
        return Eip712.digest(separator, orders[i].structHash());
    }
}
