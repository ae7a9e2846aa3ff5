package io.hashmix.core.events;

import io.hashmix.HashMixException;

/**
 * None of the blocks a {@link LogCursor} remembers is on the chain any more: a reorganisation went
 * deeper than its {@code reorgDepth}, so it cannot say which items were removed. The cursor is left
 * where it was. Rebuild the consumer's view from a block known to be final (below
 * {@link #oldestRemembered()}), or raise the depth.
 */
public final class ReorgTooDeepException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final long oldestRemembered;

    /**
     * Creates the exception.
     *
     * @param oldestRemembered the oldest block the cursor remembered
     * @param depth            how many blocks it remembers
     */
    public ReorgTooDeepException(long oldestRemembered, int depth) {
        super("the chain was reorganised below block " + oldestRemembered + ", deeper than the " + depth
                + " blocks the cursor remembers: the items it reported from there on may be gone");
        this.oldestRemembered = oldestRemembered;
    }

    /**
     * The oldest block the cursor remembered (and found replaced).
     *
     * @return the block number
     */
    public long oldestRemembered() {
        return oldestRemembered;
    }
}
