package io.hashmix.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.SignedOrder;

/**
 * Market orders per second on one thread, native backend (libsecp256k1) vs pure Java:
 * <ul>
 *   <li>{@code sign}: {@link OrderSigner#sign} of a {@link Listing} (maker check, struct hash, digest,
 *       RFC 6979 signature) — what a maker or a market-making bot pays per order;</li>
 *   <li>{@code validate}: {@link OrderValidator#validate} of a signed listing (domain, terms, expiry,
 *       digest, signer recovery, maker check) — what an exchange backend pays per incoming order before
 *       the on-chain checks;</li>
 *   <li>{@code validateJson}: the same from the order's JSON text ({@link OrderValidator#validateJson}:
 *       parse + validate), as a backend receives it.</li>
 * </ul>
 * 256 distinct sellers and listings, cycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(1)
public class OrderBenchmark {

    private static final int POOL = 256;

    @Param({"native", "java"})
    public String backend;

    private CryptoBackend crypto;
    private OrderValidator validator;
    private final ECKeyPair[] keys = new ECKeyPair[POOL];
    private final Listing[] listings = new Listing[POOL];
    private final SignedOrder[] signed = new SignedOrder[POOL];
    private final String[] json = new String[POOL];
    private int i;

    /** Keys, listings, their signatures and JSON; a validator whose clock is a day after the listings were made. */
    @Setup
    public void setUp() {
        crypto = CryptoBackends.select(CryptoBackends.Choice.parse(backend));
        validator = new OrderValidator(CryptoFixtures.DOMAIN,
                Clock.fixed(Instant.ofEpochSecond(CryptoFixtures.JAN_2025 + 86_400), ZoneOffset.UTC), crypto);
        for (int k = 0; k < POOL; k++) {
            keys[k] = CryptoFixtures.key(7000 + k);
            listings[k] = CryptoFixtures.listing(AttestationSigner.addressOf(keys[k]), k);
            signed[k] = OrderSigner.sign(CryptoFixtures.DOMAIN, listings[k], keys[k], crypto);
            json[k] = OrderJson.toJson(signed[k]);
            validator.validate(signed[k]); // fail the setup, not the measurement, if the fixtures are wrong
        }
    }

    private int next() {
        i = (i + 1) & (POOL - 1);
        return i;
    }

    /** Orders signed per second. */
    @Benchmark
    public SignedOrder sign() {
        int k = next();
        return OrderSigner.sign(CryptoFixtures.DOMAIN, listings[k], keys[k], crypto);
    }

    /** Signed orders validated offline per second. */
    @Benchmark
    public SignedOrder validate() {
        return validator.validate(signed[next()]);
    }

    /** JSON orders parsed and validated per second. */
    @Benchmark
    public SignedOrder validateJson() {
        return validator.validateJson(json[next()]);
    }
}
