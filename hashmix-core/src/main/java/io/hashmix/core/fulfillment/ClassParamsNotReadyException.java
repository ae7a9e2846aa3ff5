package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code ClassParamsNotReady(bytes32,uint64)}: the scheduled parameter change may be applied only from its eta on. */
public final class ClassParamsNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ClassParamsNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }

    /** When the change may be applied. */
    public Instant eta() {
        return Instant.ofEpochSecond(((BigInteger) error().value(1)).longValueExact());
    }
}
