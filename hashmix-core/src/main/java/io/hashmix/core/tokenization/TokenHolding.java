package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;

/**
 * One holding of a token: {@code holder} held it with {@code units} units from {@code start} until
 * {@code end} (empty while the holding is open). Fulfillment pays each holding for its units x time
 * inside the product's term, so a token sold mid-epoch pays both sides their share.
 *
 * @param tokenId   the token
 * @param index     the holding's index (0 = oldest), as {@code FulfillmentVault.claim} takes it
 * @param productId the token's product
 * @param holder    who held it
 * @param units     units held
 * @param start     when the holding began
 * @param end       when it ended, or empty if it is the token's current holding
 */
public record TokenHolding(TokenId tokenId, long index, ProductId productId, EvmAddress holder, BigInteger units,
                           Instant start, Optional<Instant> end) {

    /** Checks the parts. */
    public TokenHolding {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether this is the token's current holding. */
    public boolean open() {
        return end.isEmpty();
    }
}
