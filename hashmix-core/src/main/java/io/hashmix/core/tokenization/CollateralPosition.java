package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;

/**
 * A product's collateral as the {@code CollateralVault} holds it.
 *
 * @param productId the product
 * @param token     the collateral ERC-20 ({@link EvmAddress#ZERO} if none was locked)
 * @param amount    what is left to compensate holders, or to return to the issuer after settlement
 * @param forfeited what was set aside for the holders when the product was frozen and is not yet redeemed
 */
public record CollateralPosition(ProductId productId, EvmAddress token, BigInteger amount, BigInteger forfeited) {

    /** Checks the parts. */
    public CollateralPosition {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(forfeited, "forfeited");
    }
}
