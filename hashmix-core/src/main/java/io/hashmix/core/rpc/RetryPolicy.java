package io.hashmix.core.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient transport faults are retried: connection refused or reset, timeouts, HTTP 429 and
 * 5xx, and answers that are not usable JSON-RPC (truncated, not JSON, wrong id). JSON-RPC errors
 * (reverts, bad params) are answers and never retried.
 *
 * <p>Backoff is exponential with full jitter: attempt {@code n} waits a random time in
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}, so many clients do not retry in step.
 * When the node says how long to wait (a {@code Retry-After} header on HTTP 429 or 503), the wait is
 * at least that long, plus a jitter of up to {@code initialBackoff}; a node that asks for more than
 * {@code maxRetryAfter} is not retried at all (the call fails at once, saying so).
 *
 * @param maxAttempts    total attempts including the first (1 = no retry)
 * @param initialBackoff the backoff cap after the first failure
 * @param maxBackoff     the largest backoff cap
 * @param maxRetryAfter  the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** The default {@link #maxRetryAfter()}: 10 s. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);

    /** 4 attempts, 100 ms doubling up to 2 s, {@code Retry-After} honoured up to 10 s. */
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
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative");
        }
    }

    /**
     * A policy honouring {@code Retry-After} up to {@link #DEFAULT_MAX_RETRY_AFTER}.
     *
     * @param maxAttempts    total attempts including the first (1 = no retry)
     * @param initialBackoff the backoff cap after the first failure
     * @param maxBackoff     the largest backoff cap
     */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, initialBackoff, maxBackoff, DEFAULT_MAX_RETRY_AFTER);
    }

    /**
     * This policy with another bound on {@code Retry-After}.
     *
     * @param bound the longest wait a node may ask for
     * @return the policy
     */
    public RetryPolicy withMaxRetryAfter(Duration bound) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, bound);
    }

    /** The jittered delay before attempt {@code failedAttempts + 1}. */
    Duration backoff(int failedAttempts) {
        long cap = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        cap = Math.min(Math.max(cap, 0), maxBackoff.toMillis());
        return Duration.ofMillis(cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /**
     * The delay before attempt {@code failedAttempts + 1} when the node asked for {@code retryAfter}
     * (null if it did not): the jittered backoff, but at least {@code retryAfter} plus a jitter of up
     * to {@code initialBackoff}.
     *
     * @return the delay, or null if the node asked for more than {@link #maxRetryAfter()}
     */
    Duration delay(int failedAttempts, Duration retryAfter) {
        Duration backoff = backoff(failedAttempts);
        if (retryAfter == null) {
            return backoff;
        }
        if (retryAfter.compareTo(maxRetryAfter) > 0) {
            return null;
        }
        long jitter = initialBackoff.isZero() ? 0 : ThreadLocalRandom.current().nextLong(initialBackoff.toMillis() + 1);
        Duration honoured = retryAfter.plusMillis(jitter);
        return honoured.compareTo(backoff) > 0 ? honoured : backoff;
    }
}
