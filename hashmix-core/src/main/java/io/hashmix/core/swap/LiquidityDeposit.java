package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.TokenId;

/**
 * A deposit of liquidity, read from its {@code Deposited} event.
 *
 * @param tokenId the token units were taken from
 * @param units   units deposited
 * @param value   their value at the oracle
 * @param shares  pool shares minted
 * @param receipt the transaction's receipt
 */
public record LiquidityDeposit(TokenId tokenId, BigInteger units, BigInteger value, BigInteger shares, TxReceipt receipt) {
}
