package io.hashmix.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.hashmix.HashMixException;

class LogCursorTest {

    /** An item of the fake chain: its block, the hash of that block when it was read, a name. */
    record Item(long block, String blockHash, String name) {
    }

    /**
     * A chain in memory: block n's hash depends on n and the branch it was mined on, so a reorg gives
     * replaced blocks new hashes. Hooks let a test change the chain in the middle of a poll.
     */
    static final class FakeChain implements ChainSource<Item> {
        private final List<BlockRef> blocks = new ArrayList<>();
        private final List<List<String>> names = new ArrayList<>();
        private int branch;
        private boolean withHashes = true;
        Consumer<FakeChain> beforeItems = c -> { };
        int itemReads;

        FakeChain() {
            mine(List.of()); // genesis
        }

        synchronized FakeChain mine(List<String> itemNames) {
            long n = blocks.size();
            String parent = n == 0 ? "0x" + "00".repeat(32) : blocks.get((int) n - 1).hash();
            blocks.add(new BlockRef(n, String.format("0x%060x%04x", n, branch), parent));
            names.add(List.copyOf(itemNames));
            return this;
        }

        synchronized FakeChain mineEmpty(int count) {
            for (int i = 0; i < count; i++) {
                mine(List.of());
            }
            return this;
        }

        /** Drops every block above {@code common}; the next blocks mined are a new branch. */
        synchronized FakeChain reorgTo(long common) {
            while (blocks.size() - 1 > common) {
                blocks.remove(blocks.size() - 1);
                names.remove(names.size() - 1);
            }
            branch++;
            return this;
        }

        synchronized long headNumber() {
            return blocks.size() - 1;
        }

        @Override
        public synchronized CompletableFuture<Long> head() {
            return CompletableFuture.completedFuture((long) blocks.size() - 1);
        }

        @Override
        public synchronized CompletableFuture<List<BlockRef>> blocks(long from, long to) {
            if (to >= blocks.size()) {
                return CompletableFuture.failedFuture(new IllegalStateException("no block " + to));
            }
            return CompletableFuture.completedFuture(List.copyOf(blocks.subList((int) from, (int) to + 1)));
        }

        @Override
        public CompletableFuture<List<Item>> items(long from, long to) {
            beforeItems.accept(this);
            synchronized (this) {
                itemReads++;
                List<Item> out = new ArrayList<>();
                for (long n = from; n <= Math.min(to, blocks.size() - 1); n++) {
                    for (String name : names.get((int) n)) {
                        out.add(new Item(n, withHashes ? blocks.get((int) n).hash() : null, name));
                    }
                }
                return CompletableFuture.completedFuture(out);
            }
        }

        @Override
        public long blockNumber(Item item) {
            return item.block();
        }

        @Override
        public String blockHash(Item item) {
            return item.blockHash();
        }
    }

    private static List<String> names(List<Item> items) {
        return items.stream().map(Item::name).toList();
    }

    @Test
    void reportsNewItemsInChainOrderAndOnlyOnce() {
        FakeChain chain = new FakeChain().mine(List.of("a1", "a2")).mine(List.of()).mine(List.of("c1"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).build();

        LogUpdate<Item> first = cursor.poll().join();
        assertEquals(List.of("a1", "a2", "c1"), names(first.added()));
        assertTrue(first.removed().isEmpty());
        assertNull(first.reorg());
        assertEquals(3, first.lastBlock());
        assertTrue(first.caughtUp());

        assertTrue(cursor.poll().join().changes().isEmpty(), "nothing new");
        chain.mine(List.of("d1"));
        LogUpdate<Item> next = cursor.poll().join();
        assertEquals(List.of("d1"), names(next.added()));
        assertEquals(4, next.lastBlock());
    }

    @Test
    void reorganisationReportsTheRemovedItemsNewestFirstThenTheNewChain() {
        FakeChain chain = new FakeChain().mine(List.of("a")).mine(List.of("b")).mine(List.of("c1", "c2")).mine(List.of("d"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).reorgDepth(10).build();
        cursor.poll().join();

        chain.reorgTo(2).mine(List.of("c'")).mine(List.of()).mine(List.of("e'"));
        LogUpdate<Item> update = cursor.poll().join();

        assertEquals(List.of("d", "c2", "c1"), names(update.removed()), "newest first, as eth_subscribe does");
        assertEquals(List.of("c'", "e'"), names(update.added()));
        assertTrue(update.changes().get(0).removed() && update.changes().get(2).removed() && !update.changes().get(3).removed(),
                "removals come before additions");
        assertEquals(new LogUpdate.Reorg(2, 2), update.reorg());
        assertEquals(5, update.lastBlock());
        // what a consumer applying the changes holds equals the chain
        assertEquals(List.of("a", "b", "c'", "e'"), names(chain.items(0, chain.headNumber()).join()));
    }

    @Test
    void chainThatGotShorterRemovesWhatItLost() {
        FakeChain chain = new FakeChain().mine(List.of("a")).mine(List.of("b")).mine(List.of("c"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).build();
        cursor.poll().join();

        chain.reorgTo(1);
        LogUpdate<Item> update = cursor.poll().join();

        assertEquals(List.of("c", "b"), names(update.removed()));
        assertTrue(update.added().isEmpty());
        assertEquals(new LogUpdate.Reorg(1, 2), update.reorg(), "blocks 2 and 3 are gone, block 1 stays");
        assertEquals(1, update.lastBlock());
        assertEquals(1, cursor.lastBlock());
        chain.mine(List.of("b2"));
        assertEquals(List.of("b2"), names(cursor.poll().join().added()));
    }

    @Test
    void reorganisationDeeperThanTheDepthFailsAndLeavesTheCursorWhereItWas() {
        FakeChain chain = new FakeChain().mineEmpty(10).mine(List.of("x"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).reorgDepth(3).build();
        cursor.poll().join();
        chain.reorgTo(5).mineEmpty(10);

        CompletionException e = assertThrows(CompletionException.class, () -> cursor.poll().join());

        ReorgTooDeepException deep = assertInstanceOf(ReorgTooDeepException.class, e.getCause());
        assertEquals(9, deep.oldestRemembered());
        assertFalse(deep.retryable());
        assertEquals(11, cursor.lastBlock());
    }

    @Test
    void reorganisationJustBelowTheRememberedBlocksIsFoundThroughTheOldestParent() {
        FakeChain chain = new FakeChain().mineEmpty(8).mine(List.of("x")).mine(List.of("y"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).reorgDepth(2).build();
        cursor.poll().join(); // remembers blocks 9 and 10

        chain.reorgTo(8).mineEmpty(3);
        LogUpdate<Item> update = cursor.poll().join();

        assertEquals(List.of("y", "x"), names(update.removed()));
        assertEquals(8, update.reorg().commonBlock());
    }

    @Test
    void behindHeadReportsOnlyConfirmedItems() {
        FakeChain chain = new FakeChain().mine(List.of("a")).mine(List.of("b")).mine(List.of("c"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).behindHead(1).build();

        LogUpdate<Item> update = cursor.poll().join();

        assertEquals(List.of("a", "b"), names(update.added()));
        assertEquals(2, update.lastBlock());
        // a reorg of the unconfirmed head block only is invisible to it
        chain.reorgTo(2).mine(List.of("c'")).mine(List.of());
        LogUpdate<Item> next = cursor.poll().join();
        assertNull(next.reorg());
        assertEquals(List.of("c'"), names(next.added()));
    }

    @Test
    void boundedPollsCatchUpStepByStep() {
        FakeChain chain = new FakeChain();
        for (int i = 1; i <= 25; i++) {
            chain.mine(List.of("i" + i));
        }
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(0).maxBlocksPerPoll(10).reorgDepth(4).build();

        List<String> seen = new ArrayList<>();
        int polls = 0;
        LogUpdate<Item> u;
        do {
            u = cursor.poll().join();
            seen.addAll(names(u.added()));
            polls++;
        } while (!u.caughtUp());

        assertEquals(3, polls);
        assertEquals(25, seen.size());
        assertEquals("i1", seen.get(0));
        assertEquals("i25", seen.get(24));
        assertEquals(4, cursor.checkpoint().blocks().size());
        assertEquals(List.of(22L, 23L, 24L, 25L), cursor.checkpoint().blocks().stream().map(BlockRef::number).toList());
    }

    @Test
    void checkpointResumesWithReorgDetectionAndTheRemovedItems() {
        FakeChain chain = new FakeChain().mine(List.of("a")).mine(List.of("b")).mine(List.of("c"));
        LogCursor<Item> first = LogCursor.builder(chain).startAfter(-1).build();
        first.poll().join();
        LogCursor.Checkpoint<Item> saved = first.checkpoint();
        assertEquals(3, saved.lastBlock());
        assertEquals(List.of("a", "b", "c"), names(saved.items()));

        chain.reorgTo(1).mine(List.of("b'")).mine(List.of());
        LogCursor<Item> resumed = LogCursor.builder(chain).resumeFrom(saved).build();
        LogUpdate<Item> update = resumed.poll().join();
        assertEquals(List.of("c", "b"), names(update.removed()));
        assertEquals(List.of("b'"), names(update.added()));

        // blocks alone (a consumer persisting only hashes) still find the reorganisation
        chain.reorgTo(2).mine(List.of("z"));
        LogCursor<Item> blocksOnly = LogCursor.builder(chain)
                .resumeFrom(new LogCursor.Checkpoint<>(resumed.lastBlock(), resumed.checkpoint().blocks(), List.of())).build();
        LogUpdate<Item> found = blocksOnly.poll().join();
        assertEquals(2, found.reorg().commonBlock());
        assertTrue(found.removed().isEmpty(), "the items were not in the checkpoint");
        assertEquals(List.of("z"), names(found.added()));
    }

    @Test
    void chainMovingWhileItemsAreReadMakesThePollStartOver() {
        FakeChain chain = new FakeChain().mine(List.of("a")).mine(List.of("b"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).build();
        cursor.poll().join();
        chain.mine(List.of("c")).mine(List.of("d"));
        boolean[] once = {true};
        chain.beforeItems = c -> {
            if (once[0]) {
                once[0] = false;
                c.reorgTo(2).mine(List.of("c'")).mine(List.of("d'"));
            }
        };

        LogUpdate<Item> update = cursor.poll().join();

        assertEquals(List.of("c'", "d'"), names(update.added()), "the items of the branch it saw are not reported");
        assertTrue(update.removed().isEmpty());
        assertEquals(2, chain.itemReads - 1, "read again after the chain moved");
    }

    @Test
    void sourceWithoutItemHashesIsCheckedByTheLastBlockRead() {
        FakeChain chain = new FakeChain().mine(List.of("a"));
        chain.withHashes = false;
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).build();
        chain.beforeItems = c -> {
            if (c.itemReads == 0) {
                c.reorgTo(0).mine(List.of("a'"));
            }
        };

        assertEquals(List.of("a'"), names(cursor.poll().join().added()));
    }

    @Test
    void chainThatNeverSettlesFailsThePollWithoutMovingTheCursor() {
        FakeChain chain = new FakeChain().mine(List.of("a"));
        LogCursor<Item> cursor = LogCursor.builder(chain).startAfter(-1).build();
        chain.beforeItems = c -> c.reorgTo(0).mine(List.of("a?"));

        CompletionException e = assertThrows(CompletionException.class, () -> cursor.poll().join());

        assertInstanceOf(HashMixException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("kept changing"), e.getCause().getMessage());
        assertEquals(-1, cursor.lastBlock());
    }

    @Test
    void buildersRefuseWhatMakesNoSense() {
        FakeChain chain = new FakeChain();
        assertThrows(IllegalStateException.class, () -> LogCursor.builder(chain).build());
        assertThrows(IllegalArgumentException.class, () -> LogCursor.builder(chain).reorgDepth(0));
        assertThrows(IllegalArgumentException.class, () -> LogCursor.builder(chain).behindHead(-1));
        assertThrows(IllegalArgumentException.class, () -> LogCursor.builder(chain).startAfter(-2));
        BlockRef b1 = new BlockRef(1, "0x01", "0x00");
        BlockRef b3 = new BlockRef(3, "0x03", "0x02");
        assertThrows(IllegalArgumentException.class,
                () -> LogCursor.builder(chain).resumeFrom(new LogCursor.Checkpoint<>(3, List.of(b1, b3), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> LogCursor.builder(chain).resumeFrom(new LogCursor.Checkpoint<>(4, List.of(b3), List.of())));
    }
}
