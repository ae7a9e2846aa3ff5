package io.hashmix.core.tokenization;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code AssetClassNotActive(bytes32)}: the asset class is unknown or deactivated. */
public final class AssetClassNotActiveException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AssetClassNotActiveException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }
}
