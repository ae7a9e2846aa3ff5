package io.hashmix.proofs.market;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A buyer's offer for units of any token that matches criteria: the EIP-712 struct {@value #TYPE_STRING}
 * that a seller fills with {@code HashMixMarket.fillCriteriaOffer}, picking the token. The token's product
 * must be of {@code assetClass}, issued by {@code issuer} ({@link EvmAddress#ZERO}: any issuer) and have at
 * least {@code minRemainingTerm} seconds of term left ({@code CriteriaMismatch(uint256)} otherwise).
 *
 * @param buyer who signs and pays
 * @param assetClass the asset class wanted
 * @param issuer the issuer wanted, or {@link EvmAddress#ZERO} for any issuer
 * @param units the most units bought in total ({@code uint256}, positive)
 * @param minFill the smallest partial fill ({@code uint256}, at most {@code units})
 * @param minRemainingTerm the least term left at fill time, in seconds ({@code uint64}, unsigned)
 * @param currency the ERC-20 payment token
 * @param pricePerUnit the price of one unit ({@code uint256}, positive)
 * @param counter the buyer's order counter ({@code uint256})
 * @param salt distinguishes equal offers ({@code uint256})
 * @param expiry the last second the offer may be filled ({@code uint64}, unsigned, non-zero)
 */
public record CriteriaOffer(EvmAddress buyer, AssetClassId assetClass, EvmAddress issuer, BigInteger units,
        BigInteger minFill, long minRemainingTerm, EvmAddress currency, BigInteger pricePerUnit, BigInteger counter,
        BigInteger salt, long expiry) implements PricedOrder {

    /** The exact EIP-712 type string shared with {@code HashMixMarket}. Do not change. */
    public static final String TYPE_STRING = "CriteriaOffer(address buyer,bytes32 assetClass,address issuer,uint256 units,"
            + "uint256 minFill,uint64 minRemainingTerm,address currency,uint256 pricePerUnit,uint256 counter,"
            + "uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = OrderKind.CRITERIA_OFFER.typeHash();

    private static final String WHAT = "criteria offer";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws OrderValidationException if units are zero, minFill exceeds units, the price or the expiry is zero
     */
    public CriteriaOffer {
        OrderRules.notNull(WHAT, assetClass, "assetClass");
        OrderRules.notNull(WHAT, issuer, "issuer");
        OrderRules.common(WHAT, buyer, "buyer", counter, salt, expiry);
        OrderRules.priced(WHAT, units, minFill, currency, pricePerUnit);
    }

    /** {@inheritDoc} */
    @Override
    public OrderKind kind() {
        return OrderKind.CRITERIA_OFFER;
    }

    /** The buyer. */
    @Override
    public EvmAddress maker() {
        return buyer;
    }

    /**
     * Whether tokens of any issuer match.
     *
     * @return true if {@code issuer} is the zero address
     */
    public boolean anyIssuer() {
        return issuer.isZero();
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, buyer, assetClass, issuer, units, minFill, minRemainingTerm, currency,
     * pricePerUnit, counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(12)
                .bytes32(TYPE_HASH)
                .address(buyer)
                .bytes32(assetClass.bytes())
                .address(issuer)
                .uint256(units)
                .uint256(minFill)
                .uint64(minRemainingTerm)
                .address(currency)
                .uint256(pricePerUnit)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder with the defaults of {@link PricedOrder.Builder}, any issuer and no minimum remaining term.
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
        return new Builder().buyer(buyer).assetClass(assetClass).issuer(issuer).units(units).minFill(minFill)
                .minRemainingTerm(minRemainingTerm).currency(currency).pricePerUnit(pricePerUnit).counter(counter)
                .salt(salt).expiry(expiry);
    }

    /**
     * Mutable builder for {@link CriteriaOffer}; {@code buyer} and {@code assetClass} are required,
     * {@code issuer} defaults to any issuer and {@code minRemainingTerm} to 0.
     */
    public static final class Builder extends PricedOrder.Builder<CriteriaOffer, Builder> {
        private EvmAddress buyer;
        private AssetClassId assetClass;
        private EvmAddress issuer = EvmAddress.ZERO;
        private long minRemainingTerm;

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
         * Sets {@code assetClass}.
         *
         * @param v the asset class wanted
         * @return this builder
         */
        public Builder assetClass(AssetClassId v) {
            assetClass = v;
            return this;
        }

        /**
         * Sets {@code issuer} (default {@link EvmAddress#ZERO}: any issuer).
         *
         * @param v the issuer wanted
         * @return this builder
         */
        public Builder issuer(EvmAddress v) {
            issuer = v;
            return this;
        }

        /**
         * Sets {@code minRemainingTerm} (default 0).
         *
         * @param seconds the least term left at fill time ({@code uint64}, unsigned)
         * @return this builder
         */
        public Builder minRemainingTerm(long seconds) {
            minRemainingTerm = seconds;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public CriteriaOffer build() {
            return new CriteriaOffer(buyer, assetClass, issuer, unitsValue(), minFillValue(), minRemainingTerm,
                    currencyValue(), pricePerUnitValue(), counterValue(), saltValue(), expiryValue());
        }
    }
}
