package io.hashmix.core;

/**
 * Base of every exception the HashMix SDK throws on purpose.
 *
 * <p>Futures returned by the SDK complete exceptionally with a subclass; {@code join()} wraps it in
 * a {@link java.util.concurrent.CompletionException} whose cause is the typed exception.
 *
 * <p>{@link #retryable()} says whether doing the same thing again is <em>safe</em>: it can have no
 * effect that the first attempt may already have had. It is {@code false} here and in every
 * subclass that does not say otherwise; for transactions the rule comes from
 * {@link io.hashmix.core.tx.SendOutcome}.
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
