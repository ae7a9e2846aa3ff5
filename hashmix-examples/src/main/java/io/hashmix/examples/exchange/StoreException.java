package io.hashmix.examples.exchange;

/** The exchange's database failed (I/O, a broken constraint, a schema newer than the program). */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the SQL exception, or null
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
