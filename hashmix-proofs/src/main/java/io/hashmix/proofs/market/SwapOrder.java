package io.hashmix.proofs.market;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderValidationException.Reason;

/**
 * A maker's offer to swap one whole token for another: the EIP-712 struct {@value #TYPE_STRING} that the owner
 * of {@code wantTokenId} fills with {@code HashMixMarket.fillSwap}. Like a listing it dies when the given token
 * leaves the maker or its nonce is bumped ({@code giveTokenNonce}). No currency changes hands.
 *
 * <p>Both sides' units are signed: carving units out of a token keeps its id and nonce, so without them either
 * party could shrink its token just before the fill. The market reverts with
 * {@code UnitsChanged(tokenId, expected, actual)} when the given token does not hold exactly {@code giveUnits}
 * or the wanted token exactly {@code wantUnits} at fill time.
 *
 * @param maker the owner of {@code giveTokenId}, who signs
 * @param giveTokenId the token given
 * @param giveTokenNonce its nonce when signed ({@code uint32}: 0 .. 2^32-1)
 * @param giveUnits the units the given token holds when signed ({@code uint256}, positive)
 * @param wantTokenId the token wanted in return (another token)
 * @param wantUnits the units the wanted token must hold at fill time ({@code uint256}, positive)
 * @param counter the maker's order counter ({@code uint256})
 * @param salt distinguishes equal orders ({@code uint256})
 * @param expiry the last second the order may be filled ({@code uint64}, unsigned, non-zero)
 */
public record SwapOrder(EvmAddress maker, TokenId giveTokenId, long giveTokenNonce, BigInteger giveUnits,
        TokenId wantTokenId, BigInteger wantUnits, BigInteger counter, BigInteger salt, long expiry) implements Order {

    /** The exact EIP-712 type string shared with {@code HashMixMarket}. Do not change. */
    public static final String TYPE_STRING = "SwapOrder(address maker,uint256 giveTokenId,uint32 giveTokenNonce,"
            + "uint256 giveUnits,uint256 wantTokenId,uint256 wantUnits,uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = OrderKind.SWAP.typeHash();

    private static final String WHAT = "swap order";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws OrderValidationException if {@code giveUnits} or {@code wantUnits} is zero, the expiry is zero or
     *         both token ids are the same
     */
    public SwapOrder {
        OrderRules.notNull(WHAT, giveTokenId, "giveTokenId");
        OrderRules.uint32(WHAT, giveTokenNonce, "giveTokenNonce");
        OrderRules.uint256(WHAT, giveUnits, "giveUnits");
        OrderRules.notNull(WHAT, wantTokenId, "wantTokenId");
        OrderRules.uint256(WHAT, wantUnits, "wantUnits");
        OrderRules.common(WHAT, maker, "maker", counter, salt, expiry);
        OrderRules.positiveUnits(WHAT, giveUnits, "giveUnits");
        OrderRules.positiveUnits(WHAT, wantUnits, "wantUnits");
        if (giveTokenId.equals(wantTokenId)) {
            throw new OrderValidationException(Reason.SAME_TOKEN, "wantTokenId", WHAT + " wantTokenId equals its giveTokenId "
                    + giveTokenId + ": a token cannot be swapped for itself");
        }
    }

    /** {@inheritDoc} */
    @Override
    public OrderKind kind() {
        return OrderKind.SWAP;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, maker, giveTokenId, giveTokenNonce, giveUnits, wantTokenId, wantUnits,
     * counter, salt, expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(10)
                .bytes32(TYPE_HASH)
                .address(maker)
                .uint256(giveTokenId.value())
                .uint64(giveTokenNonce)
                .uint256(giveUnits)
                .uint256(wantTokenId.value())
                .uint256(wantUnits)
                .uint256(counter)
                .uint256(salt)
                .uint64(expiry)
                .keccak();
    }

    /**
     * A builder with the defaults of {@link Order.Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this order as a builder (same salt).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().maker(maker).giveTokenId(giveTokenId).giveTokenNonce(giveTokenNonce).giveUnits(giveUnits)
                .wantTokenId(wantTokenId).wantUnits(wantUnits).counter(counter).salt(salt).expiry(expiry);
    }

    /**
     * Mutable builder for {@link SwapOrder}; every field but {@code counter} and {@code salt} is required
     * (including {@code giveUnits} and {@code wantUnits}).
     */
    public static final class Builder extends Order.Builder<SwapOrder, Builder> {
        private EvmAddress maker;
        private TokenId giveTokenId;
        private Long giveTokenNonce;
        private BigInteger giveUnits;
        private TokenId wantTokenId;
        private BigInteger wantUnits;

        private Builder() {
        }

        /**
         * Sets {@code maker}.
         *
         * @param v the owner of the given token, who signs
         * @return this builder
         */
        public Builder maker(EvmAddress v) {
            maker = v;
            return this;
        }

        /**
         * Sets {@code giveTokenId}.
         *
         * @param v the token given
         * @return this builder
         */
        public Builder giveTokenId(TokenId v) {
            giveTokenId = v;
            return this;
        }

        /**
         * Sets {@code giveTokenNonce} (required).
         *
         * @param v the given token's current nonce ({@code uint32})
         * @return this builder
         */
        public Builder giveTokenNonce(long v) {
            giveTokenNonce = v;
            return this;
        }

        /**
         * Sets {@code giveUnits} (required: the fill reverts with {@code UnitsChanged} unless the given token
         * still holds exactly these units).
         *
         * @param v the given token's current units ({@code uint256}, positive)
         * @return this builder
         */
        public Builder giveUnits(BigInteger v) {
            giveUnits = v;
            return this;
        }

        /**
         * Sets {@code giveUnits}.
         *
         * @param v the given token's current units, positive
         * @return this builder
         */
        public Builder giveUnits(long v) {
            return giveUnits(BigInteger.valueOf(v));
        }

        /**
         * Sets {@code wantTokenId}.
         *
         * @param v the token wanted in return
         * @return this builder
         */
        public Builder wantTokenId(TokenId v) {
            wantTokenId = v;
            return this;
        }

        /**
         * Sets {@code wantUnits} (required: the fill reverts with {@code UnitsChanged} unless the wanted token
         * holds exactly these units).
         *
         * @param v the units the wanted token must hold ({@code uint256}, positive)
         * @return this builder
         */
        public Builder wantUnits(BigInteger v) {
            wantUnits = v;
            return this;
        }

        /**
         * Sets {@code wantUnits}.
         *
         * @param v the units the wanted token must hold, positive
         * @return this builder
         */
        public Builder wantUnits(long v) {
            return wantUnits(BigInteger.valueOf(v));
        }

        /** {@inheritDoc} */
        @Override
        public SwapOrder build() {
            OrderRules.notNull(WHAT, giveTokenNonce, "giveTokenNonce");
            OrderRules.notNull(WHAT, giveUnits, "giveUnits");
            OrderRules.notNull(WHAT, wantUnits, "wantUnits");
            return new SwapOrder(maker, giveTokenId, giveTokenNonce, giveUnits, wantTokenId, wantUnits, counterValue(),
                    saltValue(), expiryValue());
        }
    }
}
