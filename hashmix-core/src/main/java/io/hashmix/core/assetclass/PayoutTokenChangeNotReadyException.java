package io.hashmix.core.assetclass;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code PayoutTokenChangeNotReady(bytes32 id, uint64 eta)}: the time lock has not run out. */
public final class PayoutTokenChangeNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public PayoutTokenChangeNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClassId() {
        return new AssetClassId((byte[]) error().value("id"));
    }

    /** When the change may be applied. */
    public Instant eta() {
        return Instant.ofEpochSecond(((BigInteger) error().value("eta")).longValueExact());
    }
}
