package io.hashmix.core.events;

import java.util.Locale;
import java.util.Objects;

/**
 * A block as a reorg-aware reader remembers it: its number, its hash and its parent's hash. Two
 * reads of the same number with different hashes mean the chain was reorganised in between.
 *
 * @param number     the block number
 * @param hash       the block hash, {@code 0x}-prefixed (stored lowercase)
 * @param parentHash the parent block's hash, {@code 0x}-prefixed (stored lowercase)
 */
public record BlockRef(long number, String hash, String parentHash) {

    /** Checks the parts and normalises the hashes to lowercase. */
    public BlockRef {
        if (number < 0) {
            throw new IllegalArgumentException("block number must be >= 0");
        }
        hash = Objects.requireNonNull(hash, "hash").toLowerCase(Locale.ROOT);
        parentHash = Objects.requireNonNull(parentHash, "parentHash").toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this block is the same block as another (same number and hash).
     *
     * @param other the other block
     * @return true if they are the same block
     */
    public boolean sameBlock(BlockRef other) {
        return other != null && number == other.number && hash.equals(other.hash);
    }
}
