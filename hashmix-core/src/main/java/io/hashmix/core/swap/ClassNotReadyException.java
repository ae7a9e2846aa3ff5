package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code ClassNotReady(bytes32,uint64)}: the scheduled pool class setting applies only from {@code eta} on. */
public final class ClassNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ClassNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }

    /** When it can be applied, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
