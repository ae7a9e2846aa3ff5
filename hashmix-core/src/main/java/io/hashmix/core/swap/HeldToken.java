package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;

/**
 * A token the pool holds.
 *
 * @param tokenId   the token
 * @param productId its product
 * @param units     its units
 */
public record HeldToken(TokenId tokenId, ProductId productId, BigInteger units) {
}
