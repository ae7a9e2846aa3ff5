package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code NotAMember(address)}: the account is not on the committee. */
public final class NotAMemberException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotAMemberException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The account. */
    public EvmAddress account() {
        return (EvmAddress) error().value(0);
    }
}
