package io.hashmix.proofs.market;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A buyer's offer to buy up to {@code units} units of one token: the EIP-712 struct {@value #TYPE_STRING}
 * that the token's owner fills with {@code HashMixMarket.fillOffer}. Offers are paid in an ERC-20 the buyer
 * approved; the market refuses the native coin ({@code NativeNotAllowed()}, see {@link OrderValidator}).
 *
 * @param buyer who signs and pays
 * @param tokenId the token wanted
 * @param units the most units bought in total ({@code uint256}, positive)
 * @param minFill the smallest partial fill ({@code uint256}, at most {@code units})
 * @param currency the ERC-20 payment token
 * @param pricePerUnit the price of one unit ({@code uint256}, positive)
 * @param counter the buyer's order counter ({@code uint256})
 * @param salt distinguishes equal offers ({@code uint256})
 * @param expiry the last second the offer may be filled ({@code uint64}, unsigned, non-zero)
 */
public record Offer(EvmAddress buyer, TokenId tokenId, BigInteger units, BigInteger minFill, EvmAddress currency,
        BigInteger pricePerUnit, BigInteger counter, BigInteger salt, long expiry) implements PricedOrder {

    /** The exact EIP-712 type string shared with {@code HashMixMarket}. Do not change. */
    public static final String TYPE_STRING = "Offer(address buyer,uint256 tokenId,uint256 units,uint256 minFill,"
            + "address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = OrderKind.OFFER.typeHash();

    private static final String WHAT = "offer";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws OrderValidationException if units are zero, minFill exceeds units, the price or the expiry is zero
     */
    public Offer {
        OrderRules.notNull(WHAT, tokenId, "tokenId");
        OrderRules.common(WHAT, buyer, "buyer", counter, salt, expiry);
        OrderRules.priced(WHAT, units, minFill, currency, pricePerUnit);
    }

    /** {@inheritDoc} */
    @Override
    public OrderKind kind() {
        return OrderKind.OFFER;
    }

    /** The buyer. */
    @Override
    public EvmAddress maker() {
        return buyer;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, buyer, tokenId, units, minFill, currency, pricePerUnit, counter,
     * salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(10)
                .bytes32(TYPE_HASH)
                .address(buyer)
                .uint256(tokenId.value())
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
     * A copy of this offer as a builder (same salt).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().buyer(buyer).tokenId(tokenId).units(units).minFill(minFill).currency(currency)
                .pricePerUnit(pricePerUnit).counter(counter).salt(salt).expiry(expiry);
    }

    /** Mutable builder for {@link Offer}; {@code buyer} and {@code tokenId} are required. */
    public static final class Builder extends PricedOrder.Builder<Offer, Builder> {
        private EvmAddress buyer;
        private TokenId tokenId;

        private Builder() {
        }

        /**
         * Sets {@code buyer}.
         *
         * @param v who signs and pays
         * @return this builder
         */
        public Builder buyer(EvmAddress v) {
            buyer = v;
            return this;
        }

        /**
         * Sets {@code tokenId}.
         *
         * @param v the token wanted
         * @return this builder
         */
        public Builder tokenId(TokenId v) {
            tokenId = v;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public Offer build() {
            return new Offer(buyer, tokenId, unitsValue(), minFillValue(), currencyValue(), pricePerUnitValue(),
                    counterValue(), saltValue(), expiryValue());
        }
    }
}
