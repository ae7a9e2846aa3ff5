package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/** An event of the swap pool, with where it happened. */
public sealed interface PoolEvent {

    /** Block of the event. */
    long blockNumber();

    /** Transaction of the event. */
    String transactionHash();

    /**
     * A swap.
     *
     * @param blockNumber     block
     * @param transactionHash transaction
     * @param trader          who swapped
     * @param tokenIn         token given
     * @param tokenOut        pool token paid from
     * @param unitsIn         units given
     * @param unitsOut        units paid
     * @param valueIn         value in
     * @param fee             fee kept
     * @param received        token received
     */
    record Swapped(long blockNumber, String transactionHash, EvmAddress trader, TokenId tokenIn, TokenId tokenOut,
            BigInteger unitsIn, BigInteger unitsOut, BigInteger valueIn, BigInteger fee, TokenId received)
            implements PoolEvent {
    }

    /**
     * A deposit.
     *
     * @param blockNumber     block
     * @param transactionHash transaction
     * @param provider        depositor
     * @param tokenId         token deposited from
     * @param units           units
     * @param value           value
     * @param shares          shares minted
     */
    record Deposited(long blockNumber, String transactionHash, EvmAddress provider, TokenId tokenId, BigInteger units,
            BigInteger value, BigInteger shares) implements PoolEvent {
    }

    /**
     * Units paid out of a withdrawal.
     *
     * @param blockNumber     block
     * @param transactionHash transaction
     * @param provider        withdrawer
     * @param tokenId         pool token
     * @param units           units
     * @param received        token received
     */
    record Withdrawn(long blockNumber, String transactionHash, EvmAddress provider, TokenId tokenId, BigInteger units,
            TokenId received) implements PoolEvent {
    }
}
