package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code AlreadyMember(address)}: the account is already on the committee. */
public final class AlreadyMemberException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AlreadyMemberException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The account. */
    public EvmAddress account() {
        return (EvmAddress) error().value(0);
    }
}
