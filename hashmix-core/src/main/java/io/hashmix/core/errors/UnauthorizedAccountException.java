package io.hashmix.core.errors;

import io.hashmix.proofs.EvmAddress;

/**
 * OpenZeppelin's {@code AccessManagedUnauthorized(address)}: the caller holds no role of the
 * protocol's AccessManager that may call this function (an admin function, or a hook reserved to a
 * protocol contract), or it must schedule the call first (a role with an execution delay).
 */
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
