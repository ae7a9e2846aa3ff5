package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code PayoutExceedsAllocation(address,uint256,uint256)}: a program tried to pay more than it pulled. */
public final class PayoutExceedsAllocationException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PayoutExceedsAllocationException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }

    /** What it may still pay. */
    public BigInteger available() {
        return (BigInteger) error().value(1);
    }

    /** What it tried to pay. */
    public BigInteger wanted() {
        return (BigInteger) error().value(2);
    }
}
