package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code WeightNotReady(address,uint64)}: the scheduled weight cannot be applied yet. */
public final class WeightNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WeightNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The program. */
    public EvmAddress program() {
        return (EvmAddress) error().value(0);
    }

    /** When it can be applied, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
