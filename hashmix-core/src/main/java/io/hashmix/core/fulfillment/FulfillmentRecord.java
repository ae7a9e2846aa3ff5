package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.ProductId;

/**
 * A product's fulfillment record, as the vault's {@code record} returns it; the credit system reads
 * it. Counts cover settled epochs only. An untracked product has an all-zero record.
 *
 * @param productId         the product
 * @param epochsFulfilled   epochs deposited in full with no shortfall
 * @param epochsShort       epochs deposited with a shortfall (paid from the collateral)
 * @param epochsMissed      epochs reported but not deposited in time
 * @param epochsUnreported  epochs never reported within the report window
 * @param defaulted         whether the collateral ran out
 * @param totalDeposited    revenue the issuer deposited
 * @param totalCompensation collateral paid to holders
 * @param totalClaimed      what holders have claimed so far
 */
public record FulfillmentRecord(ProductId productId, long epochsFulfilled, long epochsShort, long epochsMissed,
                                long epochsUnreported, boolean defaulted, BigInteger totalDeposited,
                                BigInteger totalCompensation, BigInteger totalClaimed) {

    /** Checks the parts. */
    public FulfillmentRecord {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(totalDeposited, "totalDeposited");
        Objects.requireNonNull(totalCompensation, "totalCompensation");
        Objects.requireNonNull(totalClaimed, "totalClaimed");
    }

    /** Epochs settled so far. */
    public long epochsSettled() {
        return epochsFulfilled + epochsShort + epochsMissed + epochsUnreported;
    }

    /** What holders are entitled to over the settled epochs: {@code totalDeposited + totalCompensation}. */
    public BigInteger totalEntitled() {
        return totalDeposited.add(totalCompensation);
    }
}
