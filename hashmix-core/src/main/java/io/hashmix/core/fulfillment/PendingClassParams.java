package io.hashmix.core.fulfillment;

import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.spv.BitcoinClassParams;

/**
 * A scheduled change of a Bitcoin asset class's parameters.
 *
 * @param params the parameters that will apply
 * @param eta    when {@link BitcoinEvidenceClient#applyClassParams} may apply them
 */
public record PendingClassParams(BitcoinClassParams params, Instant eta) {

    /** Checks the parts. */
    public PendingClassParams {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(eta, "eta");
    }
}
