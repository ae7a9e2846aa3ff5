package io.hashmix.benchmarks;

import java.util.Arrays;
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
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.NativeSecp256k1Backend;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Signer recovery and signing per second on one thread: the native backend (libsecp256k1 over JNI), the
 * pure-Java backend (Bouncy Castle), web3j's own {@code Sign} calls (the pre-backend baseline), and the raw JNI
 * calls without the address/{@code v} work on top. Compare with the C harness
 * ({@code hashmix-benchmarks/native/}), all run together by {@code scripts/bench-crypto.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(1)
public class SignatureBenchmark {

    private static final int POOL = 256;

    private CryptoBackend java;
    private NativeSecp256k1Backend nat;
    private final Bytes32[] digests = new Bytes32[POOL];
    private final byte[][] rawDigests = new byte[POOL][];
    private final ECKeyPair[] keys = new ECKeyPair[POOL];
    private final byte[][] rawKeys = new byte[POOL][];
    private final byte[][] signatures = new byte[POOL][];
    private final byte[][] compact = new byte[POOL][];
    private int i;

    /** Keys, digests and their signatures. */
    @Setup
    public void setUp() {
        java = CryptoBackends.pureJava();
        nat = CryptoBackends.nativeSecp256k1(); // fails the run loudly if libsecp256k1 does not load
        for (int k = 0; k < POOL; k++) {
            keys[k] = CryptoFixtures.key(k);
            rawKeys[k] = new byte[32];
            byte[] d = keys[k].getPrivateKey().toByteArray();
            int len = Math.min(32, d.length);
            System.arraycopy(d, d.length - len, rawKeys[k], 32 - len, len);
            digests[k] = CryptoFixtures.digest(k);
            rawDigests[k] = digests[k].value();
            signatures[k] = nat.sign(digests[k], keys[k]);
            compact[k] = Arrays.copyOf(signatures[k], 64);
        }
    }

    private int next() {
        i = (i + 1) & (POOL - 1);
        return i;
    }

    /** Native backend: canonical checks + secp256k1_ecdsa_recover + keccak + address. */
    @Benchmark
    public EvmAddress recoverNative() {
        int k = next();
        return nat.recoverSigner(digests[k], signatures[k]);
    }

    /** Pure-Java backend (web3j Sign.recoverFromSignature). */
    @Benchmark
    public EvmAddress recoverJava() {
        int k = next();
        return java.recoverSigner(digests[k], signatures[k]);
    }

    /** The raw JNI call secp256k1_ecdsa_recover (public key only, no checks, no address). */
    @Benchmark
    public byte[] recoverJniRaw() {
        int k = next();
        return nat.recoverPublicKey(compact[k], rawDigests[k], signatures[k][64] - 27);
    }

    /** web3j as HashMix used it before the backends: recover + Keys.getAddress. */
    @Benchmark
    public String recoverWeb3j() {
        int k = next();
        byte[] s = signatures[k];
        return Keys.getAddress(Sign.recoverFromSignature(s[64] - 27, new ECDSASignature(
                new java.math.BigInteger(1, s, 0, 32), new java.math.BigInteger(1, s, 32, 32)), rawDigests[k]));
    }

    /** Native backend: RFC 6979 nonce (Java) + k·G (libsecp256k1) + scalar math; 65 bytes with v. */
    @Benchmark
    public byte[] signNative() {
        int k = next();
        return nat.sign(digests[k], keys[k]);
    }

    /** Pure-Java backend (Bouncy Castle, v from the nonce point). */
    @Benchmark
    public byte[] signJava() {
        int k = next();
        return java.sign(digests[k], keys[k]);
    }

    /** The raw JNI call secp256k1_ecdsa_sign (64 bytes, no v). */
    @Benchmark
    public byte[] signJniRaw() {
        int k = next();
        return nat.signCompact(rawDigests[k], rawKeys[k]);
    }

    /** web3j's Sign.signMessage, as HashMix used it before the backends (recovers the key to find v). */
    @Benchmark
    public Sign.SignatureData signWeb3j() {
        int k = next();
        return Sign.signMessage(rawDigests[k], keys[k], false);
    }
}
