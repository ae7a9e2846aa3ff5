package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.hardware.HardwareId;

/**
 * Who holds the hash power a piece of hardware backs, as the contract confirmed it.
 *
 * @param hardwareId the hardware id
 * @param productId  the product whose Merkle root contains it
 * @param issuer     the product's issuer
 * @param frozen     whether the product is frozen
 * @param complete   whether {@code holdings} are all of the product's live slices (their units sum to
 *                   the capacity, which the contract checked)
 * @param holdings   the product's live slices and their holders
 */
public record OwnershipProof(HardwareId hardwareId, ProductId productId, EvmAddress issuer, boolean frozen, boolean complete,
                             List<Holding> holdings) {

    /** Checks and copies the parts. */
    public OwnershipProof {
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(productId, "productId");
        holdings = List.copyOf(holdings);
    }

    /** Units held by an account across the product's slices. */
    public BigInteger unitsHeldBy(EvmAddress holder) {
        return holdings.stream().filter(h -> h.holder().equals(holder)).map(Holding::units).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * One live slice.
     *
     * @param tokenId the slice
     * @param holder  its owner
     * @param units   its units
     */
    public record Holding(TokenId tokenId, EvmAddress holder, BigInteger units) {
    }
}
