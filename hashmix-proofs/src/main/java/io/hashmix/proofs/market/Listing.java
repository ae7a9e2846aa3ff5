package io.hashmix.proofs.market;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A seller's offer to sell up to {@code units} units of one token: the EIP-712 struct {@value #TYPE_STRING}
 * that {@code HashMixMarket.fillListing} takes. Nothing is escrowed; the listing dies when the token leaves
 * the seller or its nonce is bumped ({@code tokenNonce}), when the seller's counter moves on, when it is
 * cancelled or filled, or at {@code expiry}. A fill of the whole token transfers it; a partial fill carves
 * the bought units into a new token. {@code currency == }{@link EvmAddress#ZERO} is the native coin.
 *
 * @param seller the token owner who signs
 * @param tokenId the token offered
 * @param tokenNonce the token's nonce when signed ({@code uint32}: 0 .. 2^32-1; see {@code tradeState})
 * @param units the most units sold in total ({@code uint256}, positive)
 * @param minFill the smallest partial fill ({@code uint256}, at most {@code units})
 * @param currency the payment token, or {@link EvmAddress#ZERO} for the native coin
 * @param pricePerUnit the price of one unit ({@code uint256}, positive)
 * @param counter the seller's order counter ({@code uint256})
 * @param salt distinguishes equal listings ({@code uint256})
 * @param expiry the last second the listing may be filled ({@code uint64}, unsigned, non-zero)
 */
public record Listing(EvmAddress seller, TokenId tokenId, long tokenNonce, BigInteger units, BigInteger minFill,
        EvmAddress currency, BigInteger pricePerUnit, BigInteger counter, BigInteger salt, long expiry)
        implements PricedOrder {

    /** The exact EIP-712 type string shared with {@code HashMixMarket}. Do not change. */
    public static final String TYPE_STRING = "Listing(address seller,uint256 tokenId,uint32 tokenNonce,uint256 units,"
            + "uint256 minFill,address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = OrderKind.LISTING.typeHash();

    private static final String WHAT = "listing";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws OrderValidationException if units are zero, minFill exceeds units, the price or the expiry is zero
     */
    public Listing {
        OrderRules.notNull(WHAT, tokenId, "tokenId");
        OrderRules.uint32(WHAT, tokenNonce, "tokenNonce");
        OrderRules.common(WHAT, seller, "seller", counter, salt, expiry);
        OrderRules.priced(WHAT, units, minFill, currency, pricePerUnit);
    }

    /** {@inheritDoc} */
    @Override
    public OrderKind kind() {
        return OrderKind.LISTING;
    }

    /** The seller. */
    @Override
    public EvmAddress maker() {
        return seller;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, seller, tokenId, tokenNonce, units, minFill, currency, pricePerUnit,
     * counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(11)
                .bytes32(TYPE_HASH)
                .address(seller)
                .uint256(tokenId.value())
                .uint64(tokenNonce)
                .uint256(units)
                .uint256(minFill)
                .address(currency)
                .uint256(pricePerUnit)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder with the defaults of {@link PricedOrder.Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this listing as a builder (same salt).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().seller(seller).tokenId(tokenId).tokenNonce(tokenNonce).units(units).minFill(minFill)
                .currency(currency).pricePerUnit(pricePerUnit).counter(counter).salt(salt).expiry(expiry);
    }

    /** Mutable builder for {@link Listing}; {@code seller}, {@code tokenId} and {@code tokenNonce} are required. */
    public static final class Builder extends PricedOrder.Builder<Listing, Builder> {
        private EvmAddress seller;
        private TokenId tokenId;
        private Long tokenNonce;

        private Builder() {
        }

        /**
         * Sets {@code seller}.
         *
         * @param v the token owner who signs
         * @return this builder
         */
        public Builder seller(EvmAddress v) {
            seller = v;
            return this;
        }

        /**
         * Sets {@code tokenId}.
         *
         * @param v the token offered
         * @return this builder
         */
        public Builder tokenId(TokenId v) {
            tokenId = v;
            return this;
        }

        /**
         * Sets {@code tokenNonce} (required: a listing signed with another nonce than the token's is dead).
         *
         * @param v the token's current nonce ({@code uint32})
         * @return this builder
         */
        public Builder tokenNonce(long v) {
            tokenNonce = v;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public Listing build() {
            OrderRules.notNull(WHAT, tokenNonce, "tokenNonce");
            return new Listing(seller, tokenId, tokenNonce, unitsValue(), minFillValue(), currencyValue(),
                    pricePerUnitValue(), counterValue(), saltValue(), expiryValue());
        }
    }
}
