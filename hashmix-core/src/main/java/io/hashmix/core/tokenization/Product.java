package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A hash power product: a block of attested capacity of one asset class over a term, backed by
 * the issuer's collateral and committed to a Merkle root of hardware ids.
 *
 * @param id              the product id
 * @param issuer          who issued it (and locked the collateral)
 * @param assetClass      the kind of hash power
 * @param capacity        total units (in the asset class's unit and decimals)
 * @param start           term start
 * @param end             term end
 * @param hardwareRoot    Merkle root of the hardware ids backing it
 * @param hardwareCount   how many hardware ids the root commits to
 * @param metadataHash    hash of the off-chain product description
 * @param collateralToken the token of the collateral (the asset class's payout token)
 * @param collateral      collateral still locked
 * @param frozen          frozen by a duplicate-hardware challenge
 * @param defaulted       declared defaulted by the fulfillment vault (collateral exhausted)
 */
public record Product(ProductId id, EvmAddress issuer, AssetClassId assetClass, BigInteger capacity, Instant start,
                      Instant end, Bytes32 hardwareRoot, long hardwareCount, Bytes32 metadataHash,
                      EvmAddress collateralToken, BigInteger collateral, boolean frozen,
                      boolean defaulted) {

    /** Checks the parts. */
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(hardwareRoot, "hardwareRoot");
        Objects.requireNonNull(metadataHash, "metadataHash");
    }

    /** Whether the term covers {@code at}. */
    public boolean isLiveAt(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
