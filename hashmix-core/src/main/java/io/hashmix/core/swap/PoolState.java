package io.hashmix.core.swap;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The pool's state in one block.
 *
 * @param totalValue  the pool's value at the oracle (empty while a held class has no usable price)
 * @param totalSupply pool shares outstanding (24 decimals)
 * @param feeBps      the swap fee
 * @param held        the tokens the pool holds
 */
public record PoolState(Optional<BigInteger> totalValue, BigInteger totalSupply, int feeBps, List<HeldToken> held) {

    /** Copies the list. */
    public PoolState {
        held = List.copyOf(held);
    }
}
