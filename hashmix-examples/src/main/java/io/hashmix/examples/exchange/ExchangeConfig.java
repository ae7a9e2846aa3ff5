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
 */
public record ExchangeConfig(String jdbcUrl, long firstBlock, int confirmations, long maxBlockRange, long inDoubtGraceBlocks,
        Duration pollInterval) {

    /**
     * The default {@link #inDoubtGraceBlocks}: long enough that a sent transaction is either mined or dropped by the
     * nodes' pools before its settlement is given up (a fill followed later still confirms a settlement whose
     * transaction hash is known).
     */
    public static final long DEFAULT_GRACE_BLOCKS = 1_000;

    /** Checks the parts. */
    public ExchangeConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (firstBlock < 0 || confirmations < 1 || maxBlockRange < 1 || inDoubtGraceBlocks < 0) {
            throw new IllegalArgumentException("firstBlock >= 0, confirmations >= 1, maxBlockRange >= 1, inDoubtGraceBlocks >= 0");
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
    }

    /**
     * Defaults for a local chain: follow the head (1 confirmation), 2,000-block ranges, 1,000 grace blocks (above
     * a node's pending-transaction lifetime, see docs/exchange-backend.md), poll every second.
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
        return new ExchangeConfig(jdbcUrl, firstBlock, confirmations, maxBlockRange, inDoubtGraceBlocks, null);
    }
}
