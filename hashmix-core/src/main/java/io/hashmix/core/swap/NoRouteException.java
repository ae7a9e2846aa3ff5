package io.hashmix.core.swap;

import java.util.List;

import io.hashmix.HashMixException;

/**
 * No candidate of a {@link SwapRouter#route} can be used now: the pool refused to quote and no market swap order
 * takes the token. Nothing was sent. {@link #reasons()} says why, candidate by candidate.
 */
public final class NoRouteException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    /**
     * Creates the exception.
     *
     * @param reasons why each candidate is unusable, pool first
     */
    public NoRouteException(List<String> reasons) {
        super("no usable route: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /**
     * Why each candidate is unusable.
     *
     * @return the reasons, pool first
     */
    public List<String> reasons() {
        return reasons;
    }
}
