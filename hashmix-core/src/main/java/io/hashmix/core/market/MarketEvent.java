package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderKind;

/**
 * A market event as {@link MarketClient#events} decodes it from the chain's logs, with where it
 * happened. Switch over the records with pattern matching; the hierarchy is sealed.
 */
public sealed interface MarketEvent permits MarketEvent.Filled, MarketEvent.Cancelled, MarketEvent.CounterIncremented {

    /** The block of the log. */
    long blockNumber();

    /** The log's index in its block. */
    int logIndex();

    /** The transaction that emitted it. */
    String transactionHash();

    /**
     * {@code OrderFilled}: an order was (partly) filled. Fields as in {@link Fill}.
     *
     * @param blockNumber     block of the log
     * @param logIndex        index of the log in its block
     * @param transactionHash the fill transaction
     * @param orderHash       the order's hash
     * @param kind            the order's kind
     * @param maker           who signed the order
     * @param taker           who filled it
     * @param tokenId         the token delivered to the buyer (the new token of a partial fill)
     * @param units           units delivered
     * @param currency        the currency ({@link EvmAddress#ZERO}: native coin, and for swaps)
     * @param payment         what the buyer paid
     * @param fee             the protocol fee out of {@code payment}
     */
    record Filled(long blockNumber, int logIndex, String transactionHash, Bytes32 orderHash, OrderKind kind,
                  EvmAddress maker, EvmAddress taker, TokenId tokenId, BigInteger units, EvmAddress currency,
                  BigInteger payment, BigInteger fee) implements MarketEvent {

        /** Checks the parts. */
        public Filled {
            Objects.requireNonNull(transactionHash, "transactionHash");
            Objects.requireNonNull(orderHash, "orderHash");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * {@code OrderCancelled}: a maker cancelled an order.
     *
     * @param blockNumber     block of the log
     * @param logIndex        index of the log in its block
     * @param transactionHash the cancelling transaction
     * @param orderHash       the order's hash
     * @param maker           the maker
     */
    record Cancelled(long blockNumber, int logIndex, String transactionHash, Bytes32 orderHash, EvmAddress maker)
            implements MarketEvent {

        /** Checks the parts. */
        public Cancelled {
            Objects.requireNonNull(transactionHash, "transactionHash");
            Objects.requireNonNull(orderHash, "orderHash");
        }
    }

    /**
     * {@code CounterIncremented}: a maker's counter moved; every order signed with a lower one is dead.
     *
     * @param blockNumber     block of the log
     * @param logIndex        index of the log in its block
     * @param transactionHash the transaction
     * @param maker           the maker
     * @param counter         the new counter
     */
    record CounterIncremented(long blockNumber, int logIndex, String transactionHash, EvmAddress maker,
                              BigInteger counter) implements MarketEvent {

        /** Checks the parts. */
        public CounterIncremented {
            Objects.requireNonNull(transactionHash, "transactionHash");
            Objects.requireNonNull(counter, "counter");
        }
    }
}
