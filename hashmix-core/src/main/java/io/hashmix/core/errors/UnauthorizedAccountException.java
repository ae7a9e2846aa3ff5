package io.hashmix.core.errors;

import io.hashmix.proofs.EvmAddress;

/** OpenZeppelin's {@code OwnableUnauthorizedAccount(address)}: the caller may not use an admin function. */
public final class UnauthorizedAccountException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UnauthorizedAccountException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The account that was refused. */
    public EvmAddress account() {
        return (EvmAddress) error().value(0);
    }
}
