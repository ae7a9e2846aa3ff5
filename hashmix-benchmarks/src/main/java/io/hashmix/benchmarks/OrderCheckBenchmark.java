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
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderSigner;

/**
 * An incoming order's raw cost: EIP-712 hash of a market {@link Listing} (struct hash of its 10 fields + digest
 * with the domain separator computed once) and one signature check against the seller. {@code hashOnly}
 * isolates the hashing. The full offline validation a backend runs (domain, terms, expiry, recovery) is
 * {@link OrderBenchmark#validate}.
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
    private final Listing[] orders = new Listing[POOL];
    private final byte[][] signatures = new byte[POOL][];
    private final EvmAddress[] signers = new EvmAddress[POOL];
    private int i;

    /** Signed listings, one seller key each. */
    @Setup
    public void setUp() {
        crypto = CryptoBackends.select(CryptoBackends.Choice.parse(backend));
        separator = CryptoFixtures.DOMAIN.separator();
        for (int k = 0; k < POOL; k++) {
            ECKeyPair key = CryptoFixtures.key(5000 + k);
            signers[k] = AttestationSigner.addressOf(key);
            orders[k] = CryptoFixtures.listing(signers[k], k);
            signatures[k] = OrderSigner.sign(CryptoFixtures.DOMAIN, orders[k], key, crypto).signature();
        }
    }

    /** Hash the listing and check its signature. */
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
