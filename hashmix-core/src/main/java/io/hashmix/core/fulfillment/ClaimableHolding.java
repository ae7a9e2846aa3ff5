package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.core.tokenization.TokenHolding;

/**
 * A holding of an account and what {@code claim} would pay for it now.
 *
 * @param holding   the holding (token, index, product, holder, units, time held)
 * @param claimable the payout-token amount claimable now (0 if nothing settled since the last claim)
 */
public record ClaimableHolding(TokenHolding holding, BigInteger claimable) {

    /** Checks the parts. */
    public ClaimableHolding {
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(claimable, "claimable");
    }

    /** The holding as a claim item. */
    public HoldingRef ref() {
        return new HoldingRef(holding.tokenId(), holding.index());
    }
}
