package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/** {@code OrderIsCancelled(bytes32)}: the maker cancelled the order. */
public final class OrderIsCancelledException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OrderIsCancelledException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The cancelled order's hash. */
    public Bytes32 orderHash() {
        return Bytes32.of((byte[]) error().value(0));
    }
}
