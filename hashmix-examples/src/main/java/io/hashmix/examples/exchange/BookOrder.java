package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.PricedOrder;
import io.hashmix.proofs.market.SignedOrder;

/**
 * An order as the book holds it: the signed order, the columns the book is searched by, and what the chain
 * did to it so far.
 *
 * @param hash the EIP-712 digest, which is the market's order hash ({@code hashListing} etc.)
 * @param kind listing, offer or criteria offer
 * @param maker the signer (seller of a listing, buyer of an offer)
 * @param tokenId the token of a listing or offer; {@code null} for a criteria offer
 * @param assetClass the asset class traded (the token's, or the criteria offer's)
 * @param currency the payment currency ({@link EvmAddress#ZERO}: native coin)
 * @param pricePerUnit price of one unit
 * @param units the most units the order fills
 * @param minFill the smallest partial fill
 * @param filledUnits units filled so far on chain, per the followed {@code OrderFilled} events
 * @param counter the maker counter the order was signed under
 * @param expiry last unix second it may be filled (unsigned)
 * @param state where it stands
 * @param stateDetail why it left {@link OrderState#LIVE}, or null
 * @param signed the signed order (as received)
 * @param receivedAt when the exchange accepted it
 */
public record BookOrder(Bytes32 hash, OrderKind kind, EvmAddress maker, TokenId tokenId, AssetClassId assetClass,
        EvmAddress currency, BigInteger pricePerUnit, BigInteger units, BigInteger minFill, BigInteger filledUnits,
        BigInteger counter, long expiry, OrderState state, String stateDetail, SignedOrder signed, Instant receivedAt) {

    /** Checks the required parts. */
    public BookOrder {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(filledUnits, "filledUnits");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(signed, "signed");
    }

    /**
     * The signed order's priced terms.
     *
     * @return the order as a {@link PricedOrder}
     */
    public PricedOrder order() {
        return (PricedOrder) signed.order();
    }

    /**
     * Units not yet filled on chain ({@code units - filledUnits}, never negative).
     *
     * @return the remaining units
     */
    public BigInteger remainingUnits() {
        return units.subtract(filledUnits).max(BigInteger.ZERO);
    }

    /**
     * Whether the order may be offered at a time: {@link OrderState#LIVE}, not expired, units left.
     *
     * @param nowEpochSeconds current unix time
     * @return true if live
     */
    public boolean liveAt(long nowEpochSeconds) {
        return state == OrderState.LIVE && !signed.order().isExpiredAt(nowEpochSeconds) && remainingUnits().signum() > 0;
    }
}
