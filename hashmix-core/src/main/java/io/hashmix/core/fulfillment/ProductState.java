package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * A product as the vault tracks it. For a product the vault has not touched yet
 * ({@code tracked == false}), the epoch fields are those the asset class's current configuration
 * would give.
 *
 * @param productId       the product
 * @param tracked         whether the vault has snapshotted it (first report or settle)
 * @param defaulted       whether its collateral ran out
 * @param issuer          the issuer (deposits, withdraws the collateral)
 * @param payoutToken     the token deposits, compensation and claims are paid in
 * @param assetClass      the asset class
 * @param start           term start
 * @param end             term end
 * @param capacity        total units
 * @param config          the epoch configuration
 * @param epochCount      {@code ceil((end - start) / epochLength)}
 * @param settledEpochs   epochs settled so far (always a prefix)
 * @param settledUntil    end of the last settled epoch (holders are paid up to it)
 * @param lastUnitRevenue the most recent settled report's unit revenue (prices unreported epochs)
 * @param accumulator     payout per unit (x 1e18) at {@code settledUntil}
 */
public record ProductState(ProductId productId, boolean tracked, boolean defaulted, EvmAddress issuer,
                           EvmAddress payoutToken, AssetClassId assetClass, Instant start, Instant end,
                           BigInteger capacity, EpochConfig config, long epochCount, long settledEpochs,
                           Instant settledUntil, BigInteger lastUnitRevenue, BigInteger accumulator) {

    /** Checks the parts. */
    public ProductState {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(payoutToken, "payoutToken");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settledUntil, "settledUntil");
        Objects.requireNonNull(lastUnitRevenue, "lastUnitRevenue");
        Objects.requireNonNull(accumulator, "accumulator");
    }

    /** Whether every epoch is settled (the issuer may withdraw the collateral once the term is over). */
    public boolean fullySettled() {
        return tracked && settledEpochs == epochCount;
    }
}
