package io.hashmix.core.fulfillment;

import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A product's current payout commitment in the Bitcoin evidence binding.
 *
 * @param productId    the product
 * @param version      its version (0: the product has no commitment)
 * @param spvRequired  whether its reports need SPV evidence
 * @param scriptHashes {@code keccak256} of each committed script, in the order signed
 */
public record PayoutCommitmentState(ProductId productId, long version, boolean spvRequired, List<Bytes32> scriptHashes) {

    /** Checks and copies. */
    public PayoutCommitmentState {
        Objects.requireNonNull(productId, "productId");
        scriptHashes = List.copyOf(scriptHashes);
    }

    /** Whether the product has a commitment. */
    public boolean exists() {
        return version != 0;
    }
}
