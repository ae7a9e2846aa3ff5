package io.hashmix.core.assetclass;

import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * A scheduled, time-locked change of an asset class's payout token.
 *
 * @param assetClassId the asset class
 * @param newToken     the token it will pay in
 * @param eta          the earliest time anyone may apply it
 */
public record PendingPayoutTokenChange(AssetClassId assetClassId, EvmAddress newToken, Instant eta) {

    /** Checks the parts. */
    public PendingPayoutTokenChange {
        Objects.requireNonNull(assetClassId, "assetClassId");
        Objects.requireNonNull(newToken, "newToken");
        Objects.requireNonNull(eta, "eta");
    }
}
