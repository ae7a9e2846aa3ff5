package io.hashmix.core.swap;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code PriceUnusable(bytes32)}: the price of the asset class cannot be used now: missing, stale (older than its heartbeat), tripped by a move beyond its bound, or paused; swaps, deposits and valuations of the class stop. */
public final class PriceUnusableException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PriceUnusableException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class whose price is unusable. */
    public AssetClassId feedId() {
        return new AssetClassId((byte[]) error().value(0));
    }
}
