package io.hashmix.core.fulfillment;

import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.spv.HeaderCheckpoint;

/**
 * A header checkpoint the SPV verifier accepted, and when: proofs anchored at it are refused once it is older than the
 * asset class's {@code maxCheckpointAge}.
 *
 * @param checkpoint the checkpoint (block hash, height, nBits)
 * @param acceptedAt the block time of its acceptance
 */
public record AcceptedCheckpoint(HeaderCheckpoint checkpoint, Instant acceptedAt) {

    /** Checks the parts. */
    public AcceptedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
