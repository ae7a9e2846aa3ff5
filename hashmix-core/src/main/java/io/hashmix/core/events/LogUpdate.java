package io.hashmix.core.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link LogCursor#poll()} found: first the items a reorganisation removed (newest
 * first), then the new items (in chain order). Apply the changes in order and the consumer's view
 * equals the chain up to {@link #lastBlock()}.
 *
 * @param changes   removed items (newest first), then added items (oldest first)
 * @param reorg     the reorganisation found, or null
 * @param lastBlock the last block read: the cursor's position after this update
 * @param caughtUp  whether the cursor reached its target ({@code head - behindHead}); if not, poll again
 * @param <E>       the item type
 */
public record LogUpdate<E>(List<LogChange<E>> changes, Reorg reorg, long lastBlock, boolean caughtUp) {

    /**
     * A reorganisation a poll found among the blocks the cursor remembered.
     *
     * @param commonBlock    the last block the old and the new chain share; items above it were removed
     * @param replacedBlocks how many remembered blocks were replaced
     */
    public record Reorg(long commonBlock, int replacedBlocks) {
    }

    /** Checks and copies the parts. */
    public LogUpdate {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /**
     * The reorganisation this poll found, if any.
     *
     * @return the reorganisation
     */
    public Optional<Reorg> reorganisation() {
        return Optional.ofNullable(reorg);
    }

    /**
     * The items removed by a reorganisation, newest first.
     *
     * @return the removed items
     */
    public List<E> removed() {
        return changes.stream().filter(LogChange::removed).map(LogChange::item).toList();
    }

    /**
     * The new items, in chain order.
     *
     * @return the added items
     */
    public List<E> added() {
        return changes.stream().filter(c -> !c.removed()).map(LogChange::item).toList();
    }
}
