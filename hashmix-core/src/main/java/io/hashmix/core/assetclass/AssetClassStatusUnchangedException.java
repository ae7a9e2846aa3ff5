package io.hashmix.core.assetclass;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code AssetClassStatusUnchanged(bytes32 id, bool active)}: the class already has that status. */
public final class AssetClassStatusUnchangedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AssetClassStatusUnchangedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClassId() {
        return new AssetClassId((byte[]) error().value("id"));
    }

    /** The status it already has. */
    public boolean active() {
        return (Boolean) error().value("active");
    }
}
