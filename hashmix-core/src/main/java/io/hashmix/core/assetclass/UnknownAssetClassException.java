package io.hashmix.core.assetclass;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code UnknownAssetClass(bytes32 id)}: The asset class id is not registered. */
public final class UnknownAssetClassException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UnknownAssetClassException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class id the contract named. */
    public AssetClassId assetClassId() {
        return new AssetClassId((byte[]) error().value("id"));
    }
}
