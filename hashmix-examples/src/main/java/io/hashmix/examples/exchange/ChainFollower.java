package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.Sql.big;
import static io.hashmix.examples.exchange.Sql.bind;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.events.BlockRef;
import io.hashmix.core.events.ChainSource;
import io.hashmix.core.events.LogCursor;
import io.hashmix.core.events.LogUpdate;
import io.hashmix.core.events.ReorgTooDeepException;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Follows the market's events into the book with a reorg-aware {@link LogCursor}: it reads ranges of at most
 * {@code maxBlockRange} blocks up to {@code confirmations - 1} blocks behind the head, and applies each range in one
 * database transaction together with the cursor move and the hashes of the newest {@code reorgDepth} blocks applied
 * ({@code sync_blocks}). Fills are keyed by {@code (transaction, log index)}, cancellations by order hash, counters
 * only grow: re-applying a range (after a crash between the chain read and the commit, or a cursor set back by hand)
 * changes nothing. Fills taken by the exchange's own account confirm their settlement in the same transaction; then
 * {@link Settlements#resolveOpen} links what it can and fails the settlements still open (mined or in doubt) more than
 * the in-doubt grace blocks after their submission.
 *
 * <p>Reorganisations: when blocks it applied are no longer on the chain (found at the next poll, or at the next start
 * from the persisted block hashes if it happened while the exchange was down), the same transaction that applies the
 * new chain first undoes every chain fact above the last block both chains share: those fills are deleted and their
 * units taken back from their orders, the settlements they confirmed are in doubt again (keeping their transaction
 * hash, so the same transaction mined on the new chain confirms them again), cancellations are deleted, maker counters
 * go back to their last increment still on the chain, and the touched orders get the state their remaining facts give
 * (local {@code DEAD} verdicts stay). So the book holds exactly the chain's facts up to the cursor. A reorganisation
 * deeper than {@code reorgDepth} applied blocks fails {@link #catchUp} with {@link ReorgTooDeepException} and changes
 * nothing: rebuild the database from a final block. Thread-safe ({@link #catchUp} runs one at a time).
 */
public final class ChainFollower {

    private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);

    private final Database db;
    private final OrderBook book;
    private final Settlements settlements;
    private final MarketPort port;
    private final EvmAddress self;
    private final int confirmations;
    private final long maxBlockRange;
    private final long inDoubtGraceBlocks;
    private final int reorgDepth;
    private LogCursor<MarketEvent> cursor;

    /**
     * Creates the follower, remembering {@link ExchangeConfig#DEFAULT_REORG_DEPTH} blocks.
     *
     * @param db the exchange's database
     * @param book the book the facts go to
     * @param settlements the settlements confirmed by the exchange's own fills
     * @param port the chain
     * @param confirmations blocks that must include or follow an event's block before it is applied (1 = the head)
     * @param maxBlockRange the widest range read and applied at once
     * @param inDoubtGraceBlocks blocks after which a settlement in doubt without a fill has failed
     */
    public ChainFollower(Database db, OrderBook book, Settlements settlements, MarketPort port, int confirmations,
            long maxBlockRange, long inDoubtGraceBlocks) {
        this(db, book, settlements, port, confirmations, maxBlockRange, inDoubtGraceBlocks, ExchangeConfig.DEFAULT_REORG_DEPTH);
    }

    /**
     * Creates the follower.
     *
     * @param db the exchange's database
     * @param book the book the facts go to
     * @param settlements the settlements confirmed by the exchange's own fills
     * @param port the chain
     * @param confirmations blocks that must include or follow an event's block before it is applied (1 = the head)
     * @param maxBlockRange the widest range read and applied at once
     * @param inDoubtGraceBlocks blocks after which a settlement in doubt without a fill has failed
     * @param reorgDepth how many of the newest applied blocks are remembered (the deepest reorganisation undone)
     */
    public ChainFollower(Database db, OrderBook book, Settlements settlements, MarketPort port, int confirmations,
            long maxBlockRange, long inDoubtGraceBlocks, int reorgDepth) {
        if (confirmations < 1 || maxBlockRange < 1 || inDoubtGraceBlocks < 0 || reorgDepth < 1) {
            throw new IllegalArgumentException("confirmations, range and reorg depth must be positive, grace not negative");
        }
        this.db = db;
        this.book = book;
        this.settlements = settlements;
        this.port = port;
        this.self = port.account();
        this.confirmations = confirmations;
        this.maxBlockRange = maxBlockRange;
        this.inDoubtGraceBlocks = inDoubtGraceBlocks;
        this.reorgDepth = reorgDepth;
    }

    /**
     * Applies every event up to the confirmed head (undoing first what a reorganisation removed), then resolves the
     * open settlements it can and fails those past their grace ({@link Settlements#resolveOpen}).
     *
     * @return the cursor reached, the fills newly recorded and the fills a reorganisation removed
     * @throws java.util.concurrent.CompletionException if the chain cannot be read, or with a
     *         {@link ReorgTooDeepException} (the cursor stays at the last range applied)
     */
    public synchronized Progress catchUp() {
        LogCursor<MarketEvent> c = cursor();
        int fills = 0;
        int removed = 0;
        LogUpdate<MarketEvent> update;
        do {
            update = c.poll().join();
            try {
                Applied applied = apply(update, c.checkpoint().blocks());
                fills += applied.added();
                removed += applied.removedFills();
            } catch (RuntimeException e) {
                cursor = null; // the database did not move: read again from what it holds
                throw e;
            }
        } while (!update.caughtUp());
        int expired = settlements.resolveOpen(c.lastBlock(), inDoubtGraceBlocks);
        if (expired > 0) {
            log.warn("{} open settlement(s) failed: no fill within {} blocks", expired, inDoubtGraceBlocks);
        }
        return new Progress(c.lastBlock(), fills, removed);
    }

    /**
     * What one {@link #catchUp} did.
     *
     * @param cursor the last block applied
     * @param newFills fills recorded that were not known before
     * @param removedFills fills a reorganisation took off the chain (and out of the book)
     */
    public record Progress(long cursor, int newFills, int removedFills) {

        /**
         * Progress without removed fills.
         *
         * @param cursor the last block applied
         * @param newFills fills recorded that were not known before
         */
        public Progress(long cursor, int newFills) {
            this(cursor, newFills, 0);
        }
    }

    private record Applied(int added, int removedFills) {
    }

    /** The cursor, rebuilt from the database when needed: its position and the block hashes it persisted. */
    private LogCursor<MarketEvent> cursor() {
        if (cursor == null) {
            long last = book.cursor().orElseThrow(() -> new IllegalStateException("sync cursor not initialised"));
            List<BlockRef> stored = db.read(c -> {
                List<BlockRef> out = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT block_number, block_hash, parent_hash FROM sync_blocks "
                        + "ORDER BY block_number"); ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BlockRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            });
            // only consecutive blocks ending at the cursor are its memory (a cursor set back by hand starts without)
            List<BlockRef> remembered = new ArrayList<>();
            for (int i = stored.size() - 1; i >= 0; i--) {
                BlockRef b = stored.get(i);
                long expected = remembered.isEmpty() ? last : remembered.get(0).number() - 1;
                if (b.number() != expected) {
                    if (b.number() > expected) {
                        continue;
                    }
                    break;
                }
                remembered.add(0, b);
            }
            cursor = LogCursor.builder(new PortSource(port))
                    .resumeFrom(new LogCursor.Checkpoint<>(last, remembered, List.of()))
                    .behindHead(confirmations - 1)
                    .maxBlocksPerPoll(maxBlockRange)
                    .reorgDepth(reorgDepth)
                    .build();
        }
        return cursor;
    }

    private Applied apply(LogUpdate<MarketEvent> update, List<BlockRef> window) {
        return db.write(c -> {
            int removed = 0;
            if (update.reorg() != null) {
                removed = rewind(c, update.reorg().commonBlock());
            }
            int added = 0;
            for (MarketEvent event : update.added()) {
                switch (event) {
                    case MarketEvent.Filled f -> {
                        OptionalLong id = book.recordFill(c, f);
                        if (id.isPresent()) {
                            added++;
                            if (f.taker().equals(self)) {
                                OptionalLong settlement = settlements.linkFill(c, id.getAsLong(), f);
                                log.debug("own fill {}#{} of {} -> settlement {}", f.transactionHash(), f.logIndex(), f.orderHash(),
                                        settlement);
                            }
                        }
                    }
                    case MarketEvent.Cancelled x -> book.recordCancel(c, x);
                    case MarketEvent.CounterIncremented x -> {
                        try (PreparedStatement p = c.prepareStatement("MERGE INTO counter_events (tx_hash, log_index, maker, counter, "
                                + "block_number) KEY (tx_hash, log_index) VALUES (?, ?, ?, ?, ?)")) {
                            bind(p, Sql.tx(x.transactionHash()), x.logIndex(), x.maker(), x.counter(), x.blockNumber()).executeUpdate();
                        }
                        book.recordCounter(c, x);
                    }
                }
            }
            book.setCursor(c, update.lastBlock());
            saveBlocks(c, window, update.lastBlock());
            return new Applied(added, removed);
        });
    }

    /** Keeps {@code sync_blocks} equal to the cursor's remembered blocks. */
    private static void saveBlocks(Connection c, List<BlockRef> window, long last) throws SQLException {
        long oldest = window.isEmpty() ? last + 1 : window.get(0).number();
        try (PreparedStatement p = c.prepareStatement("DELETE FROM sync_blocks WHERE block_number < ? OR block_number > ?")) {
            bind(p, oldest, last).executeUpdate();
        }
        long stored;
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(block_number), -1) FROM sync_blocks");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            stored = rs.getLong(1);
        }
        try (PreparedStatement p = c.prepareStatement("MERGE INTO sync_blocks (block_number, block_hash, parent_hash) "
                + "KEY (block_number) VALUES (?, ?, ?)")) {
            for (BlockRef b : window) {
                if (b.number() > stored) {
                    bind(p, b.number(), b.hash(), b.parentHash()).executeUpdate();
                }
            }
        }
    }

    /**
     * Undoes every chain fact above {@code common} (the last block the old and the new chain share), in the caller's
     * transaction.
     *
     * @return how many fills were removed
     */
    private int rewind(Connection c, long common) throws SQLException {
        Set<Bytes32> touched = new LinkedHashSet<>();
        // fills: units back to their orders, their settlements in doubt again
        int fills = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT id, order_hash, units, settlement_id, tx_hash FROM fills "
                + "WHERE block_number > ? ORDER BY block_number DESC, log_index DESC"); ResultSet rs = bind(p, common).executeQuery()) {
            while (rs.next()) {
                fills++;
                Bytes32 order = Sql.hash(rs, "order_hash");
                touched.add(order);
                try (PreparedStatement u = c.prepareStatement("UPDATE orders SET filled_units = filled_units - ? WHERE order_hash = ?")) {
                    bind(u, big(rs, "units"), order).executeUpdate();
                }
                long settlement = rs.getLong("settlement_id");
                if (!rs.wasNull()) {
                    settlements.unlinkReorganisedFill(c, settlement, "its fill in " + rs.getString("tx_hash")
                            + " was removed by a reorganisation above block " + common + "; waiting for the transaction on the new chain");
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM fills WHERE block_number > ?")) {
            bind(p, common).executeUpdate();
        }
        // cancellations
        int cancels = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT order_hash FROM cancellations WHERE block_number > ?");
             ResultSet rs = bind(p, common).executeQuery()) {
            while (rs.next()) {
                cancels++;
                touched.add(Sql.hash(rs, "order_hash"));
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM cancellations WHERE block_number > ?")) {
            bind(p, common).executeUpdate();
        }
        int counters = rewindCounters(c, common, touched);
        try (PreparedStatement p = c.prepareStatement("DELETE FROM sync_blocks WHERE block_number > ?")) {
            bind(p, common).executeUpdate();
        }
        for (Bytes32 order : touched) {
            restate(c, order);
        }
        log.warn("chain reorganised above block {}: undid {} fill(s), {} cancellation(s), {} counter increment(s); {} order(s) "
                + "re-stated", common, fills, cancels, counters, touched.size());
        return fills;
    }

    /** Takes every maker counter back to its last increment at or below {@code common}. */
    private static int rewindCounters(Connection c, long common, Set<Bytes32> touched) throws SQLException {
        Map<EvmAddress, BigInteger> lowestRemoved = new LinkedHashMap<>();
        int removed = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT maker, counter FROM counter_events WHERE block_number > ?");
             ResultSet rs = bind(p, common).executeQuery()) {
            while (rs.next()) {
                removed++;
                lowestRemoved.merge(Sql.address(rs, "maker"), big(rs, "counter"), BigInteger::min);
            }
        }
        // a counter set above the fork by an increment recorded before counter_events existed (schema 1): one step back
        try (PreparedStatement p = c.prepareStatement("SELECT maker, counter FROM maker_counters WHERE block_number > ?");
             ResultSet rs = bind(p, common).executeQuery()) {
            while (rs.next()) {
                lowestRemoved.putIfAbsent(Sql.address(rs, "maker"), big(rs, "counter"));
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM counter_events WHERE block_number > ?")) {
            bind(p, common).executeUpdate();
        }
        for (Map.Entry<EvmAddress, BigInteger> e : lowestRemoved.entrySet()) {
            EvmAddress maker = e.getKey();
            BigInteger counter = null;
            long block = common;
            try (PreparedStatement p = c.prepareStatement("SELECT counter, block_number FROM counter_events WHERE maker = ? "
                    + "ORDER BY block_number DESC, log_index DESC LIMIT 1"); ResultSet rs = bind(p, maker).executeQuery()) {
                if (rs.next()) {
                    counter = big(rs, "counter");
                    block = rs.getLong("block_number");
                }
            }
            if (counter == null) {
                // every increment goes up by one: before the lowest removed one, the counter was one less
                counter = e.getValue().subtract(BigInteger.ONE);
            }
            if (counter.signum() <= 0) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM maker_counters WHERE maker = ?")) {
                    bind(p, maker).executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("MERGE INTO maker_counters (maker, counter, block_number) KEY (maker) "
                        + "VALUES (?, ?, ?)")) {
                    bind(p, maker, counter, block).executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT order_hash FROM orders WHERE maker = ? AND state = ?");
                 ResultSet rs = bind(p, maker, OrderState.STALE_COUNTER).executeQuery()) {
                while (rs.next()) {
                    touched.add(Sql.hash(rs, "order_hash"));
                }
            }
        }
        return removed;
    }

    /**
     * Gives an order the state its chain facts give, as {@link OrderBook#insert} does: cancelled, else retired by its
     * maker's counter, else filled, else live. A {@code DEAD} order (a local verdict) stays dead.
     */
    private static void restate(Connection c, Bytes32 order) throws SQLException {
        OrderState state;
        BigInteger units;
        BigInteger filled;
        BigInteger counter;
        EvmAddress maker;
        try (PreparedStatement p = c.prepareStatement("SELECT state, units, filled_units, counter, maker FROM orders WHERE order_hash = ?");
             ResultSet rs = bind(p, order).executeQuery()) {
            if (!rs.next()) {
                return; // a fact of an order not in the book
            }
            state = OrderState.valueOf(rs.getString("state"));
            units = big(rs, "units");
            filled = big(rs, "filled_units");
            counter = big(rs, "counter");
            maker = Sql.address(rs, "maker");
        }
        if (state == OrderState.DEAD) {
            return;
        }
        OrderState next = OrderState.LIVE;
        String detail = null;
        Long cancelledAt = null;
        try (PreparedStatement p = c.prepareStatement("SELECT block_number FROM cancellations WHERE order_hash = ?");
             ResultSet rs = bind(p, order).executeQuery()) {
            if (rs.next()) {
                cancelledAt = rs.getLong(1);
            }
        }
        BigInteger makerCounter = null;
        try (PreparedStatement p = c.prepareStatement("SELECT counter FROM maker_counters WHERE maker = ?");
             ResultSet rs = bind(p, maker).executeQuery()) {
            if (rs.next()) {
                makerCounter = big(rs, "counter");
            }
        }
        if (cancelledAt != null) {
            next = OrderState.CANCELLED;
            detail = "cancelled on chain in block " + cancelledAt;
        } else if (makerCounter != null && makerCounter.compareTo(counter) > 0) {
            next = OrderState.STALE_COUNTER;
            detail = "maker counter is " + makerCounter + ", the order's " + counter;
        } else if (filled.compareTo(units) >= 0) {
            next = OrderState.FILLED;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE orders SET state = ?, state_detail = ? WHERE order_hash = ?")) {
            bind(p, next, detail, order).executeUpdate();
        }
    }

    /** The market's events, blocks and head through the {@link MarketPort}, for the cursor. */
    private static final class PortSource implements ChainSource<MarketEvent> {
        private final MarketPort port;

        PortSource(MarketPort port) {
            this.port = port;
        }

        @Override
        public CompletableFuture<Long> head() {
            return port.blockNumber();
        }

        @Override
        public CompletableFuture<List<BlockRef>> blocks(long from, long to) {
            return port.blocks(from, to);
        }

        @Override
        public CompletableFuture<List<MarketEvent>> items(long from, long to) {
            return port.events(from, to).thenApply(events -> events.stream()
                    .sorted(Comparator.comparingLong(MarketEvent::blockNumber).thenComparingInt(MarketEvent::logIndex))
                    .toList());
        }

        @Override
        public long blockNumber(MarketEvent item) {
            return item.blockNumber();
        }
    }
}
