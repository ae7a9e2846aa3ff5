package io.hashmix.core;

import io.hashmix.HashMixException;

/**
 * A client call that cannot be made as asked, found before anything was sent: an argument value out of
 * the range its Solidity type or the protocol allows (a negative epoch, a fee above 65,535 bps, an empty
 * batch), an order or report signed for another chain or contract, a write on a read-only instance, a
 * domain the deployment does not have. Nothing was sent; repeating the same call fails the same way
 * ({@link #retryable()} is {@code false}).
 *
 * <p>Client methods that return a future deliver it inside the future, as every other failure of the
 * call; only {@code null} arguments are thrown at once (see {@link HashMixException} and
 * {@code docs/errors.md}).
 */
public final class InvalidRequestException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public InvalidRequestException(String message) {
        super(message);
    }

    /** Creates the exception. */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exception a future fails with when preparing a call threw: a {@link HashMixException} as it is
     * (already typed), anything else (an {@link IllegalArgumentException} from a value's own checks)
     * wrapped, with its message.
     *
     * @param cause what preparing the call threw
     * @return the typed exception
     */
    public static HashMixException of(RuntimeException cause) {
        return cause instanceof HashMixException typed ? typed : new InvalidRequestException(String.valueOf(cause.getMessage()), cause);
    }
}
