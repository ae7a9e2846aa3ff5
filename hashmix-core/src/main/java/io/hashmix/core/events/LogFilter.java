package io.hashmix.core.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * What {@code eth_getLogs} should return: logs of some contracts, matching topics, in a block range.
 *
 * @param addresses emitting contracts (at least one)
 * @param topics    per position, the accepted values ({@code null} or empty = any); at most 4 positions
 * @param fromBlock first block, inclusive
 * @param toBlock   last block, inclusive, or {@code null} for the confirmed head
 */
public record LogFilter(List<EvmAddress> addresses, List<List<String>> topics, long fromBlock, Long toBlock) {

    /** Checks and copies the parts. */
    public LogFilter {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a log filter needs at least one address");
        }
        Objects.requireNonNull(topics, "topics");
        if (topics.size() > 4) {
            throw new IllegalArgumentException("at most 4 topic positions");
        }
        List<List<String>> copy = new ArrayList<>();
        for (List<String> position : topics) {
            copy.add(position == null ? null : List.copyOf(position));
        }
        topics = Collections.unmodifiableList(copy);
        if (fromBlock < 0 || (toBlock != null && toBlock < fromBlock)) {
            throw new IllegalArgumentException("need 0 <= fromBlock <= toBlock");
        }
    }

    /** Logs of one contract with the given topics, from a block to the confirmed head. */
    public static LogFilter of(EvmAddress address, long fromBlock, List<List<String>> topics) {
        return new LogFilter(List.of(address), topics, fromBlock, null);
    }
}
