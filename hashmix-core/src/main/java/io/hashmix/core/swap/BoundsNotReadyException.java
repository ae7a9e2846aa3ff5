package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code BoundsNotReady(bytes32,uint64)}: the scheduled bounds apply only from {@code eta} on. */
public final class BoundsNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BoundsNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }

    /** When they can be applied, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
