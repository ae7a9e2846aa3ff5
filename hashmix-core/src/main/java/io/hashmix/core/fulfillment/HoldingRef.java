package io.hashmix.core.fulfillment;

import java.util.Objects;

import io.hashmix.proofs.TokenId;

/**
 * One holding of a token's holding history, as {@code FulfillmentVault.claim} takes it.
 *
 * @param tokenId the token
 * @param index   the holding's index in the token's history (0 = oldest)
 */
public record HoldingRef(TokenId tokenId, long index) {

    /** Checks the parts. */
    public HoldingRef {
        Objects.requireNonNull(tokenId, "tokenId");
        if (index < 0) {
            throw new IllegalArgumentException("holding index must be >= 0, got " + index);
        }
    }
}
