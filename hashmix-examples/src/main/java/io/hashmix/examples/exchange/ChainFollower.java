package io.hashmix.examples.exchange;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;

/**
 * Follows the market's events into the book: polls {@code events(from, to)} in ranges of at most
 * {@code maxBlockRange} blocks up to {@code confirmations - 1} blocks behind the head, and applies each range in
 * one database transaction together with the cursor move. Fills are keyed by {@code (transaction, log index)},
 * cancellations by order hash, counters only grow: re-applying a range (after a crash between the chain read
 * and the commit, or a cursor set back by hand) changes nothing. Fills taken by the exchange's own account
 * confirm their settlement in the same transaction; then {@link Settlements#resolveOpen} links what it can and
 * fails the settlements still open (mined or in doubt) more than the grace blocks after their submission.
 *
 * <p>Reorganisations deeper than {@code confirmations - 1} blocks are not handled: pick the confirmations of
 * the chain's finality. Thread-safe ({@link #catchUp} runs one at a time).
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
     */
    public ChainFollower(Database db, OrderBook book, Settlements settlements, MarketPort port, int confirmations,
            long maxBlockRange, long inDoubtGraceBlocks) {
        if (confirmations < 1 || maxBlockRange < 1 || inDoubtGraceBlocks < 0) {
            throw new IllegalArgumentException("confirmations and range must be positive, grace not negative");
        }
        this.db = db;
        this.book = book;
        this.settlements = settlements;
        this.port = port;
        this.self = port.account();
        this.confirmations = confirmations;
        this.maxBlockRange = maxBlockRange;
        this.inDoubtGraceBlocks = inDoubtGraceBlocks;
    }

    /**
     * Applies every event up to the confirmed head, then resolves the open settlements it can and fails those past
     * their grace ({@link Settlements#resolveOpen}).
     *
     * @return the cursor reached and the fills newly recorded
     * @throws java.util.concurrent.CompletionException if the chain cannot be read (the cursor stays at the last
     *         range applied)
     */
    public synchronized Progress catchUp() {
        long target = port.blockNumber().join() - (confirmations - 1);
        long cursor = book.cursor().orElseThrow(() -> new IllegalStateException("sync cursor not initialised"));
        int fills = 0;
        while (cursor < target) {
            long from = cursor + 1;
            long to = Math.min(target, cursor + maxBlockRange);
            List<MarketEvent> events = port.events(from, to).join().stream()
                    .filter(e -> e.blockNumber() >= from && e.blockNumber() <= to)
                    .sorted(Comparator.comparingLong(MarketEvent::blockNumber).thenComparingInt(MarketEvent::logIndex))
                    .toList();
            fills += apply(events, to);
            cursor = to;
        }
        int expired = settlements.resolveOpen(cursor, inDoubtGraceBlocks);
        if (expired > 0) {
            log.warn("{} open settlement(s) failed: no fill within {} blocks", expired, inDoubtGraceBlocks);
        }
        return new Progress(cursor, fills);
    }

    /**
     * What one {@link #catchUp} did.
     *
     * @param cursor the last block applied
     * @param newFills fills recorded that were not known before
     */
    public record Progress(long cursor, int newFills) {
    }

    private int apply(List<MarketEvent> events, long to) {
        return db.write(c -> {
            int added = 0;
            for (MarketEvent event : events) {
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
                    case MarketEvent.CounterIncremented x -> book.recordCounter(c, x);
                }
            }
            book.setCursor(c, to);
            return added;
        });
    }
}
