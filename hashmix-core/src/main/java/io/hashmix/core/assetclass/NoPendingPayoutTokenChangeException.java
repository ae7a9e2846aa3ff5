package io.hashmix.core.assetclass;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code NoPendingPayoutTokenChange(bytes32 id)}: nothing scheduled to apply or cancel. */
public final class NoPendingPayoutTokenChangeException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NoPendingPayoutTokenChangeException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClassId() {
        return new AssetClassId((byte[]) error().value("id"));
    }
}
