package io.hashmix.core.swap;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import io.hashmix.proofs.asset.AssetClassId;

/**
 * An asset class's price feed in the oracle, usable or not.
 *
 * @param assetClass  the asset class
 * @param hashprice   last recorded median hashprice (numeraire per capacity base unit per day, 18 decimals)
 * @param payoutPrice last recorded median payout token price (numeraire per base unit, x 10^18)
 * @param observedAt  observation time of the last report ({@link Instant#EPOCH} if none)
 * @param maxAge      the heartbeat (zero: no bounds set yet)
 * @param maxMoveBps  the move bound per report, basis points
 * @param paused      whether the guardian paused it
 * @param tripped     whether the last report moved beyond the bound (unusable until confirmed)
 * @param usable      whether valuations can use it now
 */
public record PriceFeed(AssetClassId assetClass, BigInteger hashprice, BigInteger payoutPrice, Instant observedAt,
        Duration maxAge, int maxMoveBps, boolean paused, boolean tripped, boolean usable) {
}
