package io.hashmix.core.fulfillment;

import java.util.List;
import java.util.Objects;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.ProductId;

/**
 * A payout commitment the binding recorded, read from its {@code PayoutCommitted} event.
 *
 * @param productId   the product
 * @param version     the commitment's version
 * @param spvRequired whether the product's reports now need SPV evidence
 * @param scripts     the committed scripts, in the order signed (copies)
 * @param receipt     the transaction's receipt
 */
public record CommittedPayout(ProductId productId, long version, boolean spvRequired, List<byte[]> scripts,
                              TxReceipt receipt) {

    /** Checks and copies. */
    public CommittedPayout {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(receipt, "receipt");
        scripts = scripts.stream().map(byte[]::clone).toList();
    }

    /** The scripts, fresh copies. */
    @Override
    public List<byte[]> scripts() {
        return scripts.stream().map(byte[]::clone).toList();
    }
}
