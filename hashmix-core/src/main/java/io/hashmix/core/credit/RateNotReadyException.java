package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code RateNotReady(bytes32,uint64)}: the scheduled base rate cannot be applied yet. */
public final class RateNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RateNotReadyException(String context, String revertData, DecodedError error) {
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
