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
 * @param maker the owner of {@code giveTokenId}, who signs
 * @param giveTokenId the token given
 * @param giveTokenNonce its nonce when signed ({@code uint32}: 0 .. 2^32-1)
 * @param wantTokenId the token wanted in return (another token)
 * @param counter the maker's order counter ({@code uint256})
 * @param salt distinguishes equal orders ({@code uint256})
 * @param expiry the last second the order may be filled ({@code uint64}, unsigned, non-zero)
 */
public record SwapOrder(EvmAddress maker, TokenId giveTokenId, long giveTokenNonce, TokenId wantTokenId,
        BigInteger counter, BigInteger salt, long expiry) implements Order {

    /** The exact EIP-712 type string shared with {@code HashMixMarket}. Do not change. */
    public static final String TYPE_STRING = "SwapOrder(address maker,uint256 giveTokenId,uint32 giveTokenNonce,"
            + "uint256 wantTokenId,uint256 counter,uint256 salt,uint64 expiry)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = OrderKind.SWAP.typeHash();

    private static final String WHAT = "swap order";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field
     * @throws OrderValidationException if the expiry is zero or both token ids are the same
     */
    public SwapOrder {
        OrderRules.notNull(WHAT, giveTokenId, "giveTokenId");
        OrderRules.uint32(WHAT, giveTokenNonce, "giveTokenNonce");
        OrderRules.notNull(WHAT, wantTokenId, "wantTokenId");
        OrderRules.common(WHAT, maker, "maker", counter, salt, expiry);
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
     * {@code keccak256(abi.encode(TYPE_HASH, maker, giveTokenId, giveTokenNonce, wantTokenId, counter, salt,
     * expiry))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(8)
                .bytes32(TYPE_HASH)
                .address(maker)
                .uint256(giveTokenId.value())
                .uint64(giveTokenNonce)
                .uint256(wantTokenId.value())
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
        return new Builder().maker(maker).giveTokenId(giveTokenId).giveTokenNonce(giveTokenNonce)
                .wantTokenId(wantTokenId).counter(counter).salt(salt).expiry(expiry);
    }

    /** Mutable builder for {@link SwapOrder}; every field but {@code counter} and {@code salt} is required. */
    public static final class Builder extends Order.Builder<SwapOrder, Builder> {
        private EvmAddress maker;
        private TokenId giveTokenId;
        private Long giveTokenNonce;
        private TokenId wantTokenId;

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
         * Sets {@code wantTokenId}.
         *
         * @param v the token wanted in return
         * @return this builder
         */
        public Builder wantTokenId(TokenId v) {
            wantTokenId = v;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        public SwapOrder build() {
            OrderRules.notNull(WHAT, giveTokenNonce, "giveTokenNonce");
            return new SwapOrder(maker, giveTokenId, giveTokenNonce, wantTokenId, counterValue(), saltValue(),
                    expiryValue());
        }
    }
}
