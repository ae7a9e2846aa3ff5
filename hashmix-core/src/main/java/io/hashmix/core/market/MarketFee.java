package io.hashmix.core.market;

import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * The market's protocol fee: {@code floor(payment * bps / 10000)} of every paid fill accrues in
 * the market and goes to {@code recipient} on {@link MarketClient#withdrawFees}.
 *
 * @param recipient receiver of withdrawn fees
 * @param bps       the fee in basis points (at most 1,000)
 */
public record MarketFee(EvmAddress recipient, int bps) {

    /** Checks the parts. */
    public MarketFee {
        Objects.requireNonNull(recipient, "recipient");
    }
}
