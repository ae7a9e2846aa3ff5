package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * A buyer's request: "up to {@code units} units of {@code assetClass}, paid in {@code currency}, at most
 * {@code maxPricePerUnit} each". The exchange takes the cheapest live listings as taker; what it cannot find is
 * left unfilled (no resting bid).
 *
 * @param assetClass the asset class wanted (any product, any issuer)
 * @param currency the payment currency ({@link EvmAddress#ZERO}: the native coin)
 * @param units the most units bought, positive
 * @param maxPricePerUnit the highest price per unit paid, positive
 */
public record BuyRequest(AssetClassId assetClass, EvmAddress currency, BigInteger units, BigInteger maxPricePerUnit) {

    /** Checks the parts. */
    public BuyRequest {
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(currency, "currency");
        if (units == null || units.signum() <= 0) {
            throw new IllegalArgumentException("a buy request needs positive units, got " + units);
        }
        if (maxPricePerUnit == null || maxPricePerUnit.signum() <= 0) {
            throw new IllegalArgumentException("a buy request needs a positive maximum price per unit, got " + maxPricePerUnit);
        }
    }
}
