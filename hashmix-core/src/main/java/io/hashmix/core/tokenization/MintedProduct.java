package io.hashmix.core.tokenization;

import java.util.Objects;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;

/**
 * The outcome of minting a product, read from its {@code ProductMinted} event.
 *
 * @param productId the new product
 * @param tokenId   the token of its whole capacity, owned by the issuer
 * @param receipt   the mint transaction's receipt
 */
public record MintedProduct(ProductId productId, TokenId tokenId, TxReceipt receipt) {

    /** Checks the parts. */
    public MintedProduct {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(receipt, "receipt");
    }
}
