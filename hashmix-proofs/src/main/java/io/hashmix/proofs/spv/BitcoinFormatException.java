package io.hashmix.proofs.spv;

import io.hashmix.HashMixException;

/**
 * Bitcoin bytes that do not parse: a truncated or non-canonical varint, a header that is not 80 bytes,
 * a transaction with trailing bytes, an output value above 21 million BTC, and so on. The message says
 * what and (where it applies) at which byte offset.
 *
 * <p>{@link SpvVerifier} reports the same problems inside a proof as
 * {@link SpvVerificationException.Reason#MALFORMED}.
 */
public final class BitcoinFormatException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public BitcoinFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public BitcoinFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
