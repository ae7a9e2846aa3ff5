package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.ProductId;

/**
 * An epoch a transaction settled, read from its {@code EpochSettled} event.
 *
 * @param productId    the product
 * @param epoch        the epoch
 * @param status       the outcome ({@link EpochStatus#FULFILLED}, {@link EpochStatus#SHORT},
 *                     {@link EpochStatus#MISSED} or {@link EpochStatus#UNREPORTED})
 * @param deposited    revenue the issuer deposited for it
 * @param compensation collateral paid for it
 */
public record SettledEpoch(ProductId productId, long epoch, EpochStatus status, BigInteger deposited,
                           BigInteger compensation) {

    /** Checks the parts. */
    public SettledEpoch {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deposited, "deposited");
        Objects.requireNonNull(compensation, "compensation");
    }

    /** What the epoch entitles holders to: {@code deposited + compensation}. */
    public BigInteger entitlement() {
        return deposited.add(compensation);
    }
}
