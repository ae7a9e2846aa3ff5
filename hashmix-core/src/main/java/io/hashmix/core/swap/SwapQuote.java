package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;

/**
 * What a swap executes at the block it was quoted in ({@code HashPowerSwapPool.quote}).
 *
 * @param tokenIn    the token given
 * @param unitsIn    units given
 * @param tokenOut   the pool's token paid from
 * @param productOut its product
 * @param valueIn    value of the units in (numeraire, 18 decimals)
 * @param fee        fee the pool keeps (rounded up)
 * @param unitsOut   units paid (rounded down)
 */
public record SwapQuote(TokenId tokenIn, BigInteger unitsIn, TokenId tokenOut, ProductId productOut, BigInteger valueIn,
        BigInteger fee, BigInteger unitsOut) {

    /**
     * The minimum units out for a slippage tolerance: {@code unitsOut * (10,000 - bps) / 10,000}.
     *
     * @param slippageBps tolerance in basis points (0 .. 10,000)
     * @return the bound to pass to a swap
     */
    public BigInteger minUnitsOut(int slippageBps) {
        if (slippageBps < 0 || slippageBps > 10_000) {
            throw new IllegalArgumentException("slippage must be 0 .. 10000 bps, got " + slippageBps);
        }
        return unitsOut.multiply(BigInteger.valueOf(10_000L - slippageBps)).divide(BigInteger.valueOf(10_000));
    }
}
