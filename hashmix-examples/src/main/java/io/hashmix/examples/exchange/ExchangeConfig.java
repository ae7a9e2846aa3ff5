package io.hashmix.examples.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ExchangeBackend} runs.
 *
 * @param jdbcUrl the H2 database ({@link Database#fileUrl} for a durable book)
 * @param firstBlock the first block to follow on a fresh database (the market's deployment block); ignored once
 *        the database has a cursor
 * @param confirmations blocks that must include or follow an event's block before it is applied (1 = the head)
 * @param maxBlockRange the widest block range read at once
 * @param inDoubtGraceBlocks blocks after which a settlement in doubt without a fill has failed
 * @param pollInterval how often the chain is followed in the background, or null to follow only on
 *        {@link ExchangeBackend#follow()} (tests)
 * @param reorgDepth how many of the newest applied blocks the {@link ChainFollower} remembers: a reorganisation
 *        that replaces up to that many applied blocks is undone and the new chain applied; a deeper one stops the
 *        follower ({@link io.hashmix.core.events.ReorgTooDeepException})
 */
public record ExchangeConfig(String jdbcUrl, long firstBlock, int confirmations, long maxBlockRange, long inDoubtGraceBlocks,
        Duration pollInterval, int reorgDepth) {

    /**
     * The default {@link #inDoubtGraceBlocks}: long enough that a sent transaction is either mined or dropped by the
     * nodes' pools before its settlement is given up (a fill followed later still confirms a settlement whose
     * transaction hash is known).
     */
    public static final long DEFAULT_GRACE_BLOCKS = 1_000;

    /** The default {@link #reorgDepth}: 64 blocks, beyond any reorganisation of a chain with finality. */
    public static final int DEFAULT_REORG_DEPTH = 64;

    /** Checks the parts. */
    public ExchangeConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (firstBlock < 0 || confirmations < 1 || maxBlockRange < 1 || inDoubtGraceBlocks < 0 || reorgDepth < 1) {
            throw new IllegalArgumentException("firstBlock >= 0, confirmations >= 1, maxBlockRange >= 1, inDoubtGraceBlocks >= 0, "
                    + "reorgDepth >= 1");
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
    }

    /**
     * A configuration remembering {@link #DEFAULT_REORG_DEPTH} blocks.
     *
     * @param jdbcUrl the database
     * @param firstBlock the first block to follow on a fresh database
     * @param confirmations blocks that must include or follow an event's block before it is applied
     * @param maxBlockRange the widest block range read at once
     * @param inDoubtGraceBlocks blocks after which a settlement in doubt without a fill has failed
     * @param pollInterval how often the chain is followed in the background, or null
     */
    public ExchangeConfig(String jdbcUrl, long firstBlock, int confirmations, long maxBlockRange, long inDoubtGraceBlocks,
            Duration pollInterval) {
        this(jdbcUrl, firstBlock, confirmations, maxBlockRange, inDoubtGraceBlocks, pollInterval, DEFAULT_REORG_DEPTH);
    }

    /**
     * Defaults for a local chain: follow the head (1 confirmation), 2,000-block ranges, 1,000 grace blocks (above
     * a node's pending-transaction lifetime, see docs/exchange-backend.md), poll every second, remember 64 blocks.
     *
     * @param jdbcUrl the database
     * @param firstBlock the market's deployment block
     * @return the configuration
     */
    public static ExchangeConfig local(String jdbcUrl, long firstBlock) {
        return new ExchangeConfig(jdbcUrl, firstBlock, 1, 2_000, DEFAULT_GRACE_BLOCKS, Duration.ofSeconds(1));
    }

    /**
     * This configuration following only on demand.
     *
     * @return a copy without background polling
     */
    public ExchangeConfig manualFollow() {
        return new ExchangeConfig(jdbcUrl, firstBlock, confirmations, maxBlockRange, inDoubtGraceBlocks, null, reorgDepth);
    }

    /**
     * This configuration with another in-doubt grace.
     *
     * @param blocks blocks after which a settlement in doubt without a fill has failed
     * @return the copy
     */
    public ExchangeConfig withInDoubtGraceBlocks(long blocks) {
        return new ExchangeConfig(jdbcUrl, firstBlock, confirmations, maxBlockRange, blocks, pollInterval, reorgDepth);
    }

    /**
     * This configuration with another reorg depth.
     *
     * @param blocks how many of the newest applied blocks the follower remembers
     * @return the copy
     */
    public ExchangeConfig withReorgDepth(int blocks) {
        return new ExchangeConfig(jdbcUrl, firstBlock, confirmations, maxBlockRange, inDoubtGraceBlocks, pollInterval, blocks);
    }
}
