package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * A hash power token: a slice of a product's capacity, with the product's term.
 *
 * @param tokenId    the NFT id
 * @param productId  the product it slices
 * @param assetClass the kind of hash power
 * @param units      capacity units of this slice
 * @param start      term start
 * @param end        term end
 * @param issuer     the product's issuer
 * @param owner      the current holder
 * @param frozen     whether its product is frozen (the token cannot move)
 * @param defaulted  whether its product defaulted (its collateral could not pay what was owed; markets refuse it)
 * @param nonce      the token nonce market listings sign (bumped by every transfer)
 */
public record HashPowerSlice(TokenId tokenId, ProductId productId, AssetClassId assetClass, BigInteger units,
                             Instant start, Instant end, EvmAddress issuer, EvmAddress owner, boolean frozen,
                             boolean defaulted, long nonce) {

    /** Checks the parts. */
    public HashPowerSlice {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(owner, "owner");
    }

    /** Whether a market may trade it (its product is neither frozen nor defaulted). */
    public boolean tradable() {
        return !frozen && !defaulted;
    }
}
