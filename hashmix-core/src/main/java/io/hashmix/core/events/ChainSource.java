package io.hashmix.core.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link LogCursor} reads: the chain head, block headers, and the items (logs, or events
 * decoded from them) of a block range. {@link LogCursor#logs} builds one over JSON-RPC; an
 * application with its own access to the chain (or a test) implements it directly.
 *
 * @param <E> the item type
 */
public interface ChainSource<E> {

    /**
     * The number of the latest block.
     *
     * @return the head
     */
    CompletableFuture<Long> head();

    /**
     * The blocks {@code from..to} (inclusive), in order, one per number.
     *
     * @param from first block
     * @param to   last block
     * @return the blocks; fails if one of them does not exist (any exception: the cursor retries the poll)
     */
    CompletableFuture<List<BlockRef>> blocks(long from, long to);

    /**
     * The items of the blocks {@code from..to} (inclusive), in chain order.
     *
     * @param from first block
     * @param to   last block
     * @return the items
     */
    CompletableFuture<List<E>> items(long from, long to);

    /**
     * The block an item belongs to.
     *
     * @param item the item
     * @return its block number
     */
    long blockNumber(E item);

    /**
     * The hash of the block an item was read from, if the source knows it: the cursor then checks
     * that every item belongs to the block it remembers. Without it, the cursor checks that the last
     * block read is unchanged after the items were read.
     *
     * @param item the item
     * @return the block hash, or {@code null}
     */
    default String blockHash(E item) {
        return null;
    }
}
