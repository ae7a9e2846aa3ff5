package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code FeedNotConfigured(bytes32)}: the asset class has no bounds yet: no price report can be recorded. */
public final class FeedNotConfiguredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public FeedNotConfiguredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }
}
