package io.hashmix.core.events;

import java.util.Objects;

/**
 * One change a {@link LogCursor} reports: an item (a log, or an event decoded from one) that is
 * new, or one it reported before that a reorganisation removed ({@code removed == true}, as
 * {@code eth_subscribe} flags logs).
 *
 * @param item    the item
 * @param removed true if the item is no longer on the chain
 * @param <E>     the item type
 */
public record LogChange<E>(E item, boolean removed) {

    /** Checks the parts. */
    public LogChange {
        Objects.requireNonNull(item, "item");
    }
}
