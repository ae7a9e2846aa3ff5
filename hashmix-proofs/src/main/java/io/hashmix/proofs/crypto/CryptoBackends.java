package io.hashmix.proofs.crypto;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

import fr.acinq.secp256k1.Secp256k1;

import org.web3j.crypto.Sign;

/**
 * Picks a {@link CryptoBackend}.
 *
 * <p>{@link #best()} returns the native backend (libsecp256k1) when it loads, the pure-Java one otherwise.
 * The choice can be forced with the system property {@value #PROPERTY} ({@code native}, {@code java} or
 * {@code auto}, read at each call) or in code with {@link #select(Choice)}. Forcing {@code native} where the
 * library cannot load is an error, never a silent fallback.
 *
 * <p>The native library is loaded once, lazily, on first use of the native backend (class-holder idiom; the
 * JVM makes it thread-safe); the loaded backend is immutable. The library's JNI loader extracts it into
 * {@code java.io.tmpdir} (or {@code fr.acinq.secp256k1.tmpdir}); on JDK 24+ run with
 * {@code --enable-native-access=ALL-UNNAMED} to silence the JDK's native-access warning.
 */
public final class CryptoBackends {

    /** System property forcing the backend: {@code native}, {@code java} or {@code auto} (default). */
    public static final String PROPERTY = "hashmix.crypto.backend";

    /** A backend choice. */
    public enum Choice {
        /** Native if it loads, else pure Java. */
        AUTO,
        /** libsecp256k1 (JNI); an error if it cannot load. */
        NATIVE,
        /** Bouncy Castle via web3j. */
        JAVA;

        /**
         * Parses {@code auto}, {@code native} or {@code java} (any case, surrounding blanks ignored).
         *
         * @param text the text
         * @return the choice
         * @throws IllegalArgumentException for any other text
         */
        public static Choice parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "", "auto" -> AUTO;
                case "native" -> NATIVE;
                case "java" -> JAVA;
                default -> throw new IllegalArgumentException(PROPERTY + " must be native, java or auto, got '" + text + "'");
            };
        }
    }

    private CryptoBackends() {
    }

    /**
     * The backend named by {@value #PROPERTY}, or by default the native one if it loads, else pure Java.
     *
     * @return the backend
     * @throws IllegalArgumentException if the property holds another value
     * @throws IllegalStateException if the property forces {@code native} and the library cannot load
     */
    public static CryptoBackend best() {
        return select(Choice.parse(System.getProperty(PROPERTY)));
    }

    /**
     * The backend for a choice.
     *
     * @param choice the choice
     * @return the backend
     * @throws IllegalStateException if the choice is {@link Choice#NATIVE} and the library cannot load
     */
    public static CryptoBackend select(Choice choice) {
        if (choice == null) {
            throw new IllegalArgumentException("choice must not be null");
        }
        return switch (choice) {
            case NATIVE -> nativeSecp256k1();
            case JAVA -> pureJava();
            case AUTO -> NativeHolder.BACKEND != null ? NativeHolder.BACKEND : pureJava();
        };
    }

    /**
     * The pure-Java backend.
     *
     * @return it
     */
    public static CryptoBackend pureJava() {
        return PureJavaBackend.INSTANCE;
    }

    /**
     * The native backend.
     *
     * @return it
     * @throws IllegalStateException naming the load failure if libsecp256k1 cannot be used on this machine
     */
    public static NativeSecp256k1Backend nativeSecp256k1() {
        if (NativeHolder.BACKEND == null) {
            throw new IllegalStateException("the native secp256k1 backend is unavailable: " + NativeHolder.FAILURE,
                    NativeHolder.CAUSE);
        }
        return NativeHolder.BACKEND;
    }

    /**
     * Whether the native backend loaded.
     *
     * @return true if {@link #nativeSecp256k1()} succeeds
     */
    public static boolean nativeAvailable() {
        return NativeHolder.BACKEND != null;
    }

    /**
     * Why the native backend did not load, if it did not.
     *
     * @return the reason, or empty if it loaded
     */
    public static Optional<String> nativeUnavailableReason() {
        return Optional.ofNullable(NativeHolder.FAILURE);
    }

    /** Loads libsecp256k1 on first access; immutable afterwards. */
    private static final class NativeHolder {
        static final NativeSecp256k1Backend BACKEND;
        static final String FAILURE;
        static final Throwable CAUSE;

        static {
            NativeSecp256k1Backend backend = null;
            String failure = null;
            Throwable cause = null;
            try {
                Secp256k1 secp = Secp256k1.Companion.get();
                // self-test: 1·G must be the generator Bouncy Castle knows
                byte[] one = new byte[32];
                one[31] = 1;
                byte[] g = secp.pubkeyCreate(one);
                BigInteger gx = Sign.CURVE_PARAMS.getG().normalize().getAffineXCoord().toBigInteger();
                if (g.length != 65 || !new BigInteger(1, g, 1, 32).equals(gx)) {
                    failure = "self-test failed: 1·G is not the secp256k1 generator";
                } else {
                    backend = new NativeSecp256k1Backend(secp);
                }
            } catch (Exception | LinkageError e) {
                failure = e.getClass().getName() + ": " + e.getMessage();
                cause = e;
            }
            BACKEND = backend;
            FAILURE = failure;
            CAUSE = cause;
        }

        private NativeHolder() {
        }
    }
}
