package io.hashmix.core.committee;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code BondLocked(address,uint64)}: the bond cannot be withdrawn yet (exit delay, or products the attestor signed still run). */
public final class BondLockedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BondLockedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The attestor. */
    public EvmAddress attestor() {
        return (EvmAddress) error().value(0);
    }

    /** When it unlocks, seconds since the epoch. */
    public long until() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
}
