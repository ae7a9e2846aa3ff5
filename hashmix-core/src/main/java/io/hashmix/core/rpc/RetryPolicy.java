package io.hashmix.core.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient transport faults are retried: connection refused or reset, timeouts, HTTP 429 and 5xx.
 * JSON-RPC errors (reverts, bad params) are never retried.
 *
 * <p>Backoff is exponential with full jitter: attempt {@code n} waits a random time in
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}, so many clients do not retry in step.
 *
 * @param maxAttempts    total attempts including the first (1 = no retry)
 * @param initialBackoff the backoff cap after the first failure
 * @param maxBackoff     the largest backoff cap
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 4 attempts, 100 ms doubling up to 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2));

    /** A single attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /** Checks the parts. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The jittered delay before attempt {@code failedAttempts + 1}. */
    Duration backoff(int failedAttempts) {
        long cap = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        cap = Math.min(Math.max(cap, 0), maxBackoff.toMillis());
        return Duration.ofMillis(cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
