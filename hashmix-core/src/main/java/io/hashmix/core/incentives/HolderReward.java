package io.hashmix.core.incentives;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.core.fulfillment.HoldingRef;

/**
 * What one holding can claim from the holders' program.
 *
 * @param holding   the holding
 * @param claimable HMX it can claim now
 */
public record HolderReward(HoldingRef holding, BigInteger claimable) {

    /** Checks the parts. */
    public HolderReward {
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(claimable, "claimable");
    }
}
