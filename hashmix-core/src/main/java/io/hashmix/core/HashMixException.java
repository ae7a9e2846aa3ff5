package io.hashmix.core;

/**
 * Base of every exception the HashMix SDK throws on purpose.
 *
 * <p>Futures returned by the SDK complete exceptionally with a subclass; {@code join()} wraps it in
 * a {@link java.util.concurrent.CompletionException} whose cause is the typed exception.
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
}
