package io.hashmix.core.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.HashMixException;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.tx.LogEntry;

/**
 * A reorg-aware cursor over a contract's logs (or events decoded from them): each {@link #poll()}
 * reads the blocks after the last one it read, up to {@code behindHead} blocks behind the head,
 * and reports the new items in chain order; when a reorganisation replaced blocks it already read,
 * it first reports the items of those blocks as removed ({@link LogChange#removed()}, the way
 * {@code eth_subscribe} flags logs), then reads the new chain from the last block both share. An
 * indexer that applies the changes in order holds exactly the chain's items up to
 * {@link LogUpdate#lastBlock()}.
 *
 * <p>How it knows: it remembers the hash and parent hash of the last {@code reorgDepth} blocks it
 * read (and the items it reported in them). Each poll first checks that the newest remembered block
 * is still on the chain; if not, it finds the newest one that is, and everything above is removed.
 * Blocks it reads are checked to link to what it remembers (parent hashes) and, when the source
 * gives block hashes with its items (logs do), every item to belong to the block read; the last
 * block read is checked again after the items. A chain that moves during a poll makes the poll
 * start over (up to three times). A reorganisation deeper than {@code reorgDepth} fails the poll
 * with {@link ReorgTooDeepException} and leaves the cursor where it was.
 *
 * <p>Ranges are bounded ({@code maxBlocksPerPoll}): poll until {@link LogUpdate#caughtUp()}. Its
 * position can be saved with {@link #checkpoint()} and restored with
 * {@link Builder#resumeFrom(Checkpoint)}. Polls run one at a time (a poll made while another
 * runs starts after it); thread-safe.
 *
 * <pre>{@code
 * LogCursor<LogEntry> cursor = LogCursor.logs(hm.rpc(), LogFilter.of(market, deployBlock, List.of()))
 *         .reorgDepth(64).build();
 * LogUpdate<LogEntry> update = cursor.poll().join();
 * update.changes().forEach(c -> { if (c.removed()) undo(c.item()); else apply(c.item()); });
 * }</pre>
 *
 * @param <E> the item type
 */
public final class LogCursor<E> {

    /** Default {@link Builder#reorgDepth(int)}: 64 blocks. */
    public static final int DEFAULT_REORG_DEPTH = 64;
    /** Default {@link Builder#maxBlocksPerPoll(long)}: 10,000 blocks. */
    public static final long DEFAULT_MAX_BLOCKS_PER_POLL = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LogCursor.class);
    private static final int MAX_ATTEMPTS = 3;

    private final ChainSource<E> source;
    private final int reorgDepth;
    private final int behindHead;
    private final long maxBlocksPerPoll;
    private volatile State<E> state;
    private CompletableFuture<?> running = CompletableFuture.completedFuture(null);

    /** What the cursor remembers: the last block read, the newest blocks (oldest first), their items. */
    private record State<E>(long last, List<BlockRef> window, NavigableMap<Long, List<E>> items) {
    }

    private LogCursor(Builder<E> b) {
        this.source = b.source;
        this.reorgDepth = b.reorgDepth;
        this.behindHead = b.behindHead;
        this.maxBlocksPerPoll = b.maxBlocksPerPoll;
        List<BlockRef> window = new ArrayList<>(b.remembered);
        if (window.size() > reorgDepth) {
            window = new ArrayList<>(window.subList(window.size() - reorgDepth, window.size()));
        }
        NavigableMap<Long, List<E>> items = new TreeMap<>();
        long oldest = window.isEmpty() ? Long.MAX_VALUE : window.get(0).number();
        for (E item : b.rememberedItems) {
            long n = source.blockNumber(item);
            if (n >= oldest && n <= b.startAfter) {
                items.computeIfAbsent(n, k -> new ArrayList<>()).add(item);
            }
        }
        this.state = new State<>(b.startAfter, List.copyOf(window), freeze(items));
    }

    /**
     * A builder of a cursor over any source.
     *
     * @param source what to read
     * @param <E>    the item type
     * @return the builder; set {@link Builder#startAfter(long)} or {@link Builder#resumeFrom(Checkpoint)}
     */
    public static <E> Builder<E> builder(ChainSource<E> source) {
        return new Builder<>(Objects.requireNonNull(source, "source"));
    }

    /**
     * A builder of a cursor over a filter's logs, read over JSON-RPC with {@code eth_getLogs} (ranges
     * split as the node demands, see {@link LogReader}) and block headers in batches. It starts at
     * the filter's {@code fromBlock}.
     *
     * @param rpc    the node
     * @param filter the contracts and topics; its {@code toBlock} must be null (a cursor follows the head)
     * @return the builder
     */
    public static Builder<LogEntry> logs(JsonRpcClient rpc, LogFilter filter) {
        if (filter.toBlock() != null) {
            throw new IllegalArgumentException("a log cursor follows the chain: the filter must not end at a block");
        }
        return builder(new RpcLogSource(rpc, filter)).startAfter(filter.fromBlock() - 1);
    }

    /**
     * Where the cursor stands: the last block read, the blocks it remembers and their items. Pass
     * it to {@link Builder#resumeFrom(Checkpoint)} to go on after a restart with reorg detection
     * intact.
     *
     * @param lastBlock the last block read
     * @param blocks    the remembered blocks, oldest first, ending at {@code lastBlock}
     * @param items     the items reported in those blocks, in chain order
     * @param <E>       the item type
     */
    public record Checkpoint<E>(long lastBlock, List<BlockRef> blocks, List<E> items) {

        /** Checks and copies the parts. */
        public Checkpoint {
            blocks = List.copyOf(blocks);
            items = List.copyOf(items);
        }
    }

    /**
     * The cursor's position now (between polls).
     *
     * @return the checkpoint
     */
    public Checkpoint<E> checkpoint() {
        State<E> s = state;
        List<E> items = new ArrayList<>();
        s.items().values().forEach(items::addAll);
        return new Checkpoint<>(s.last(), s.window(), items);
    }

    /**
     * The last block read.
     *
     * @return the block number ({@code fromBlock - 1} before the first poll)
     */
    public long lastBlock() {
        return state.last();
    }

    /**
     * Reads what is new since the last poll: items removed by a reorganisation, then new items, up to
     * {@code maxBlocksPerPoll} blocks.
     *
     * @return the update; fails with {@link ReorgTooDeepException} when a reorganisation went deeper
     *         than the cursor remembers, or with the source's error (the cursor does not move then)
     */
    public CompletableFuture<LogUpdate<E>> poll() {
        synchronized (this) {
            CompletableFuture<LogUpdate<E>> next = running.handle((r, e) -> null).thenCompose(ignored -> pollOnce(1));
            running = next;
            return next;
        }
    }

    /** The chain changed under a poll: it starts over. */
    private static final class ChainMoved extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChainMoved(String message) {
            super(message, null, false, false);
        }
    }

    private record Checked<E>(State<E> state, List<E> removed, LogUpdate.Reorg reorg) {
    }

    private CompletableFuture<LogUpdate<E>> pollOnce(int attempt) {
        State<E> s = state;
        return source.head()
                .thenCompose(head -> checkReorg(s, head).thenCompose(checked -> read(checked, head)))
                .exceptionallyCompose(e -> {
                    Throwable cause = Futures.unwrap(e);
                    if (cause instanceof ChainMoved moved) {
                        if (attempt < MAX_ATTEMPTS) {
                            log.debug("chain moved during a poll ({}); starting over", moved.getMessage());
                            return pollOnce(attempt + 1);
                        }
                        return CompletableFuture.failedFuture(new HashMixException("the chain kept changing while it was read ("
                                + MAX_ATTEMPTS + " attempts): " + moved.getMessage(), moved));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<Checked<E>> checkReorg(State<E> s, long head) {
        if (s.window().isEmpty()) {
            return CompletableFuture.completedFuture(new Checked<>(s, List.of(), null));
        }
        BlockRef newest = s.window().get(s.window().size() - 1);
        CompletableFuture<Boolean> tipOnChain = newest.number() <= head
                ? source.blocks(newest.number(), newest.number()).thenApply(b -> b.get(0).sameBlock(newest))
                : CompletableFuture.completedFuture(false);
        return tipOnChain.thenCompose(onChain -> onChain ? CompletableFuture.completedFuture(new Checked<>(s, List.<E>of(), null))
                : locateFork(s, head));
    }

    private CompletableFuture<Checked<E>> locateFork(State<E> s, long head) {
        BlockRef oldest = s.window().get(0);
        long hi = Math.min(s.window().get(s.window().size() - 1).number(), head);
        CompletableFuture<List<BlockRef>> current = hi >= oldest.number() ? source.blocks(oldest.number(), hi)
                : CompletableFuture.completedFuture(List.of());
        return current.thenCompose(refs -> {
            Map<Long, BlockRef> now = new TreeMap<>();
            refs.forEach(r -> now.put(r.number(), r));
            for (int i = s.window().size() - 1; i >= 0; i--) {
                BlockRef remembered = s.window().get(i);
                if (remembered.sameBlock(now.get(remembered.number()))) {
                    return CompletableFuture.completedFuture(rewind(s, remembered.number()));
                }
            }
            // none of the remembered blocks is on the chain: is the oldest one's parent?
            long parent = oldest.number() - 1;
            if (parent < 0 || parent > head) {
                return CompletableFuture.failedFuture(new ReorgTooDeepException(oldest.number(), reorgDepth));
            }
            return source.blocks(parent, parent).thenApply(p -> {
                if (!p.get(0).hash().equals(oldest.parentHash())) {
                    throw new ReorgTooDeepException(oldest.number(), reorgDepth);
                }
                return rewind(s, parent);
            });
        });
    }

    /** The state with every block above {@code common} forgotten, and the items of those blocks, newest first. */
    private Checked<E> rewind(State<E> s, long common) {
        List<BlockRef> kept = s.window().stream().filter(b -> b.number() <= common).toList();
        int replaced = s.window().size() - kept.size();
        List<E> removed = new ArrayList<>();
        for (List<E> block : s.items().tailMap(common, false).descendingMap().values()) {
            List<E> reversed = new ArrayList<>(block);
            Collections.reverse(reversed);
            removed.addAll(reversed);
        }
        log.warn("chain reorganised: {} remembered block(s) above block {} replaced, {} item(s) removed", replaced, common,
                removed.size());
        State<E> rewound = new State<>(common, kept, freeze(new TreeMap<>(s.items().headMap(common, true))));
        return new Checked<>(rewound, removed, new LogUpdate.Reorg(common, replaced));
    }

    private CompletableFuture<LogUpdate<E>> read(Checked<E> checked, long head) {
        State<E> s = checked.state();
        long goal = head - behindHead;
        long target = Math.min(goal, s.last() + maxBlocksPerPoll);
        if (target <= s.last()) {
            state = s;
            return CompletableFuture.completedFuture(update(checked, List.of(), s.last(), goal <= s.last()));
        }
        long from = s.last() + 1;
        long keepFrom = Math.max(from, target - reorgDepth + 1);
        return source.blocks(keepFrom, target).thenCompose(refs -> {
            checkLinks(s, refs, keepFrom, target);
            return source.items(from, target).thenCompose(found -> {
                List<E> items = new ArrayList<>();
                for (E item : found) {
                    long n = source.blockNumber(item);
                    if (n < from || n > target) {
                        continue;
                    }
                    String hash = source.blockHash(item);
                    if (hash != null && n >= keepFrom && !hash.equalsIgnoreCase(refs.get((int) (n - keepFrom)).hash())) {
                        throw new ChainMoved("an item of block " + n + " comes from block " + hash + ", not "
                                + refs.get((int) (n - keepFrom)).hash());
                    }
                    items.add(item);
                }
                items.sort(Comparator.comparingLong(source::blockNumber));
                BlockRef tip = refs.get(refs.size() - 1);
                return source.blocks(target, target).thenApply(again -> {
                    if (!again.get(0).sameBlock(tip)) {
                        throw new ChainMoved("block " + target + " changed while its items were read");
                    }
                    List<BlockRef> window = new ArrayList<>(s.window());
                    window.addAll(refs);
                    if (window.size() > reorgDepth) {
                        window = new ArrayList<>(window.subList(window.size() - reorgDepth, window.size()));
                    }
                    long oldest = window.get(0).number();
                    NavigableMap<Long, List<E>> remembered = new TreeMap<>(s.items().tailMap(oldest, true));
                    for (E item : items) {
                        long n = source.blockNumber(item);
                        if (n >= oldest) {
                            remembered.computeIfAbsent(n, k -> new ArrayList<>()).add(item);
                        }
                    }
                    state = new State<>(target, List.copyOf(window), freeze(remembered));
                    return update(checked, items, target, target >= goal);
                });
            });
        });
    }

    /** The new blocks link to each other and to the newest remembered one. */
    private static void checkLinks(State<?> s, List<BlockRef> refs, long keepFrom, long target) {
        if (refs.size() != target - keepFrom + 1) {
            throw new ChainMoved("asked for blocks " + keepFrom + ".." + target + ", got " + refs.size());
        }
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).number() != keepFrom + i) {
                throw new ChainMoved("asked for block " + (keepFrom + i) + ", got " + refs.get(i).number());
            }
            if (i > 0 && !refs.get(i).parentHash().equals(refs.get(i - 1).hash())) {
                throw new ChainMoved("block " + refs.get(i).number() + " does not link to the block " + refs.get(i - 1).number()
                        + " read with it");
            }
        }
        if (!s.window().isEmpty()) {
            BlockRef newest = s.window().get(s.window().size() - 1);
            if (newest.number() == keepFrom - 1 && !refs.get(0).parentHash().equals(newest.hash())) {
                throw new ChainMoved("block " + keepFrom + " does not link to the remembered block " + newest.number());
            }
        }
    }

    private LogUpdate<E> update(Checked<E> checked, List<E> added, long last, boolean caughtUp) {
        List<LogChange<E>> changes = new ArrayList<>(checked.removed().size() + added.size());
        checked.removed().forEach(item -> changes.add(new LogChange<>(item, true)));
        added.forEach(item -> changes.add(new LogChange<>(item, false)));
        return new LogUpdate<>(changes, checked.reorg(), last, caughtUp);
    }

    private static <E> NavigableMap<Long, List<E>> freeze(NavigableMap<Long, List<E>> items) {
        NavigableMap<Long, List<E>> copy = new TreeMap<>();
        items.forEach((n, list) -> copy.put(n, List.copyOf(list)));
        return Collections.unmodifiableNavigableMap(copy);
    }

    /**
     * Builds {@link LogCursor}s. Not thread-safe.
     *
     * @param <E> the item type
     */
    public static final class Builder<E> {
        private final ChainSource<E> source;
        private Long startAfterBlock;
        private long startAfter;
        private List<BlockRef> remembered = List.of();
        private List<E> rememberedItems = List.of();
        private int reorgDepth = DEFAULT_REORG_DEPTH;
        private int behindHead;
        private long maxBlocksPerPoll = DEFAULT_MAX_BLOCKS_PER_POLL;

        private Builder(ChainSource<E> source) {
            this.source = source;
        }

        /**
         * Starts after a block: the first poll reads from {@code lastBlock + 1}. Forgets remembered blocks.
         *
         * @param lastBlock the last block already processed ({@code -1}: from genesis)
         * @return this builder
         */
        public Builder<E> startAfter(long lastBlock) {
            if (lastBlock < -1) {
                throw new IllegalArgumentException("lastBlock must be >= -1");
            }
            this.startAfterBlock = lastBlock;
            this.startAfter = lastBlock;
            this.remembered = List.of();
            this.rememberedItems = List.of();
            return this;
        }

        /**
         * Resumes from a {@link LogCursor#checkpoint()}, so a reorganisation of the remembered blocks (e.g.
         * while the application was down) is found by the first poll. A checkpoint without items (an
         * application may persist only the blocks) still finds it and reports it in
         * {@link LogUpdate#reorg()}, but cannot list the removed items.
         *
         * @param checkpoint where to go on from
         * @return this builder
         */
        public Builder<E> resumeFrom(Checkpoint<E> checkpoint) {
            List<BlockRef> blocks = checkpoint.blocks();
            for (int i = 1; i < blocks.size(); i++) {
                if (blocks.get(i).number() != blocks.get(i - 1).number() + 1) {
                    throw new IllegalArgumentException("remembered blocks must be consecutive, oldest first");
                }
            }
            if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).number() != checkpoint.lastBlock()) {
                throw new IllegalArgumentException("the remembered blocks must end at the last block read, "
                        + checkpoint.lastBlock());
            }
            this.startAfterBlock = checkpoint.lastBlock();
            this.startAfter = checkpoint.lastBlock();
            this.remembered = blocks;
            this.rememberedItems = checkpoint.items();
            return this;
        }

        /**
         * How many of the newest blocks read are remembered (default {@value #DEFAULT_REORG_DEPTH}): the deepest
         * reorganisation the cursor can report. Pick at least the chain's finality depth.
         *
         * @param blocks at least 1
         * @return this builder
         */
        public Builder<E> reorgDepth(int blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("reorgDepth must be >= 1");
            }
            this.reorgDepth = blocks;
            return this;
        }

        /**
         * How many blocks behind the head the cursor reads (default 0: up to the head). With
         * {@code confirmations - 1}, only items with that many confirmations are reported, and
         * removals happen only for reorganisations deeper than that.
         *
         * @param blocks at least 0
         * @return this builder
         */
        public Builder<E> behindHead(int blocks) {
            if (blocks < 0) {
                throw new IllegalArgumentException("behindHead must be >= 0");
            }
            this.behindHead = blocks;
            return this;
        }

        /**
         * The most blocks one poll reads (default {@value #DEFAULT_MAX_BLOCKS_PER_POLL}).
         *
         * @param blocks at least 1
         * @return this builder
         */
        public Builder<E> maxBlocksPerPoll(long blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("maxBlocksPerPoll must be >= 1");
            }
            this.maxBlocksPerPoll = blocks;
            return this;
        }

        /**
         * Builds the cursor.
         *
         * @return the cursor
         * @throws IllegalStateException if no start was given
         */
        public LogCursor<E> build() {
            if (startAfterBlock == null) {
                throw new IllegalStateException("say where the cursor starts: startAfter(...) or resumeFrom(...)");
            }
            return new LogCursor<>(this);
        }
    }

    /** Logs of a filter over JSON-RPC. */
    private static final class RpcLogSource implements ChainSource<LogEntry> {
        private final LogFilter filter;
        private final LogReader reader;
        private final BlockReader blocks;

        RpcLogSource(JsonRpcClient rpc, LogFilter filter) {
            this.filter = filter;
            this.reader = new LogReader(rpc, LogReader.DEFAULT_MAX_RANGE, 1);
            this.blocks = new BlockReader(rpc);
        }

        @Override
        public CompletableFuture<Long> head() {
            return blocks.head();
        }

        @Override
        public CompletableFuture<List<BlockRef>> blocks(long from, long to) {
            return blocks.blocks(from, to);
        }

        @Override
        public CompletableFuture<List<LogEntry>> items(long from, long to) {
            return reader.read(new LogFilter(filter.addresses(), filter.topics(), from, to));
        }

        @Override
        public long blockNumber(LogEntry item) {
            return item.blockNumber();
        }

        @Override
        public String blockHash(LogEntry item) {
            return item.blockHash();
        }
    }
}
