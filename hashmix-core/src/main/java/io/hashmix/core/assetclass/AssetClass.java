package io.hashmix.core.assetclass;

import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * A registered asset class: a kind of hash power and how it is measured and paid.
 *
 * @param id           {@code keccak256(symbol)}
 * @param symbol       e.g. {@code BTC-SHA256}
 * @param unitName     e.g. {@code TH/s}
 * @param unitDecimals decimals of the unit amounts (capacity 1,000 TH/s with 3 decimals is 1,000,000)
 * @param payoutToken  the ERC-20 revenue is paid in (e.g. a wrapped BTC)
 * @param active       whether new products may be issued in this class
 * @param registeredAt when it was registered
 */
public record AssetClass(AssetClassId id, String symbol, String unitName, int unitDecimals, EvmAddress payoutToken,
                         boolean active, Instant registeredAt) {

    /** Checks the parts. */
    public AssetClass {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(unitName, "unitName");
        Objects.requireNonNull(payoutToken, "payoutToken");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
