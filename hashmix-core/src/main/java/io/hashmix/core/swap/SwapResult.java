package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/**
 * An executed swap, read from its {@code Swapped} event.
 *
 * @param tokenIn   the token given
 * @param tokenOut  the pool's token paid from
 * @param unitsIn   units given
 * @param unitsOut  units received
 * @param valueIn   value of the units in
 * @param fee       fee kept by the pool
 * @param received  the token the recipient received ({@code tokenOut} itself, or a new carved token)
 * @param recipient who received it
 * @param receipt   the transaction's receipt (gas used: {@code receipt.gasUsed()})
 */
public record SwapResult(TokenId tokenIn, TokenId tokenOut, BigInteger unitsIn, BigInteger unitsOut, BigInteger valueIn,
        BigInteger fee, TokenId received, EvmAddress recipient, TxReceipt receipt) {
}
