package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;

/**
 * The outcome of a {@code redeemFrozen} transaction: who was paid what, as its events say.
 *
 * @param payouts one per token, in the order redeemed
 * @param receipt the transaction's receipt
 */
public record FrozenRedemption(List<Payout> payouts, TxReceipt receipt) {

    /** Copies the parts. */
    public FrozenRedemption {
        payouts = List.copyOf(payouts);
        Objects.requireNonNull(receipt, "receipt");
    }

    /** The sum paid. */
    public BigInteger total() {
        return payouts.stream().map(Payout::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * One token's redemption.
     *
     * @param tokenId   the token
     * @param productId its frozen product
     * @param holder    who held it when the product was frozen (paid, whoever owns it now)
     * @param amount    paid to {@code holder}; zero when the holder is the product's issuer, whose share stays
     *                  locked in the collateral vault
     */
    public record Payout(TokenId tokenId, ProductId productId, EvmAddress holder, BigInteger amount) {
    }
}
