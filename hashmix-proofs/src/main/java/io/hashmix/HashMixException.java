package io.hashmix;

/**
 * Root of every exception the HashMix SDK throws on purpose, in every module: proofs (offline
 * verification, parsing, signing), contracts (the deployment manifest) and core (the node, sends,
 * reverts decoded into one typed exception per Solidity custom error). Catching it catches them all.
 *
 * <p>The one exception to the rule is a broken precondition of a call, a programming error that no
 * retry and no other data could fix (a {@code null} argument, a negative amount, an array of the wrong
 * length): it is a {@link NullPointerException} or {@link IllegalArgumentException}, thrown at once
 * by the call itself, also by methods that return a future. Everything that depends on data the SDK
 * reads (JSON, signatures, proofs, a manifest), on the node or on the chain is a subclass of this
 * type; a method that returns a future completes it exceptionally with that subclass, and
 * {@code join()} wraps it in a {@link java.util.concurrent.CompletionException} (core's
 * {@code Blocking.await} throws the typed exception itself). See {@code docs/errors.md}.
 *
 * <p>{@link #retryable()} says whether doing the same thing again is <em>safe</em>: it can have no
 * effect that the first attempt may already have had. It is {@code false} here and in every
 * subclass that does not say otherwise; for transactions the rule comes from core's
 * {@code SendOutcome}.
 */
public class HashMixException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public HashMixException(String message) {
        super(message);
    }

    /** Creates the exception. */
    public HashMixException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether repeating the failed operation is safe: it cannot do twice what the first attempt may
     * have done. {@code false} unless a subclass knows better (a read, or a transaction known not to
     * have been sent). Safe does not mean it will succeed: a node that refused a transaction for lack
     * of funds refuses it again until the account is funded.
     *
     * @return whether a retry is safe
     */
    public boolean retryable() {
        return false;
    }
}
