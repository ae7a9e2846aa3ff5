package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code SignersNotSorted(address,address)}: signatures must come in strictly ascending signer order (this also refuses a signer twice). */
public final class SignersNotSortedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public SignersNotSortedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The signer before. */
    public EvmAddress previous() {
        return (EvmAddress) error().value(0);
    }

    /** The out-of-order or repeated signer. */
    public EvmAddress signer() {
        return (EvmAddress) error().value(1);
    }
}
