package io.hashmix.core.tx;

import io.hashmix.core.HashMixException;

/**
 * The transaction was not sent, or the node refused it for a reason other than a revert:
 * insufficient funds, a fee above the configured cap, an underpriced replacement, ...
 */
public final class TransactionRejectedException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TransactionRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
