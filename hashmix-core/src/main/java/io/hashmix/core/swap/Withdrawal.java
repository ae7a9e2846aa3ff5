package io.hashmix.core.swap;

import java.math.BigInteger;
import java.util.List;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.TokenId;

/**
 * A withdrawal of liquidity, read from its {@code SharesBurnt} and {@code Withdrawn} events.
 *
 * @param shares   shares burnt
 * @param value    value withdrawn (0 for a pro-rata withdrawal, which needs no price)
 * @param payouts  the tokens received
 * @param receipt  the transaction's receipt
 */
public record Withdrawal(BigInteger shares, BigInteger value, List<Payout> payouts, TxReceipt receipt) {

    /**
     * One token paid out.
     *
     * @param poolToken the pool's token it came from
     * @param received  the token received (the pool's token itself, or a new carved token)
     * @param units     its units
     */
    public record Payout(TokenId poolToken, TokenId received, BigInteger units) {
    }

    /** Copies the list. */
    public Withdrawal {
        payouts = List.copyOf(payouts);
    }
}
