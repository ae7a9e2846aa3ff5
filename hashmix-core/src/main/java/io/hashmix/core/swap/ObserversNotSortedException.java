package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code ObserversNotSorted(address,address)}: observers not strictly ascending: a duplicated or unsorted observer. */
public final class ObserversNotSortedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ObserversNotSortedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The previous observer. */
    public EvmAddress previous() {
        return (EvmAddress) error().value(0);
    }

    /** The offending observer. */
    public EvmAddress observer() {
        return (EvmAddress) error().value(1);
    }
}
