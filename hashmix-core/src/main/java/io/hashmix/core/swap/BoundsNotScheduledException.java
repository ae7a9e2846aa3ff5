package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code BoundsNotScheduled(bytes32)}: no bounds change of the asset class is scheduled. */
public final class BoundsNotScheduledException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BoundsNotScheduledException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }
}
