package io.hashmix.core.assetclass;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code AssetClassAlreadyRegistered(bytes32 id)}: An asset class with this symbol (so this id) is already registered. */
public final class AssetClassAlreadyRegisteredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AssetClassAlreadyRegisteredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class id the contract named. */
    public AssetClassId assetClassId() {
        return new AssetClassId((byte[]) error().value("id"));
    }
}
