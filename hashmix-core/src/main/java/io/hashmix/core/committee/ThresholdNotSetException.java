package io.hashmix.core.committee;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code ThresholdNotSet(bytes32)}: no signature threshold is set for the asset class. */
public final class ThresholdNotSetException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ThresholdNotSetException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }
}
