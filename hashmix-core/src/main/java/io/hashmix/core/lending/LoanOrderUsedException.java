package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * {@code LoanOrderUsed(bytes32)}: The loan offer already refinanced a loan.
 */
public final class LoanOrderUsedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public LoanOrderUsedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The order's hash. */
    public Bytes32 orderHash() {
        return Bytes32.of((byte[]) error().value(0));
    }
}
