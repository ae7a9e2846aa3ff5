package io.hashmix.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final int SAMPLES = 2_000;

    /** The largest backoff seen over many samples; checks every sample lies in [0, cap]. */
    private static long maxSampledBackoff(RetryPolicy policy, int failedAttempts, long cap) {
        long max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long ms = policy.backoff(failedAttempts).toMillis();
            assertTrue(ms >= 0 && ms <= cap, "backoff " + ms + " ms after " + failedAttempts + " failures, cap " + cap);
            max = Math.max(max, ms);
        }
        return max;
    }

    @Test
    void rejectsFewerThanOneAttempt() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void rejectsMissingDurations() {
        assertThrows(NullPointerException.class, () -> new RetryPolicy(2, null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new RetryPolicy(2, Duration.ZERO, null));
    }

    @Test
    void rejectsNegativeInitialBackoffAndMaxBelowInitial() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(99)));
    }

    @Test
    void acceptsTheBoundaryValues() {
        RetryPolicy p = new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(50));
        assertEquals(1, p.maxAttempts());
        assertEquals(Duration.ofMillis(50), p.maxBackoff());
    }

    @Test
    void defaultsAreFourAttemptsFrom100MsUpTo2s() {
        assertEquals(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2)), RetryPolicy.DEFAULT);
        assertEquals(1, RetryPolicy.NONE.maxAttempts());
    }

    @Test
    void backoffCapDoublesPerFailureUpToMaxBackoff() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(700));
        long[] caps = {100, 200, 400, 700, 700, 700};
        for (int failed = 1; failed <= caps.length; failed++) {
            long cap = caps[failed - 1];
            long max = maxSampledBackoff(policy, failed, cap);
            // full jitter over [0, cap]: over 2000 samples the largest is above cap / 2 unless the cap is wrong
            assertTrue(max > cap / 2, "largest backoff " + max + " ms after " + failed + " failures, cap " + cap);
        }
    }

    @Test
    void backoffStaysAtMaxAfterManyFailures() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(40));
        for (int failed : new int[] {7, 21, 63, 1_000}) {
            long max = maxSampledBackoff(policy, failed, 40);
            assertTrue(max > 20, "largest backoff " + max + " ms after " + failed + " failures");
        }
    }

    @Test
    void zeroBackoffPolicyNeverWaits() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        for (int failed = 1; failed <= 3; failed++) {
            assertEquals(Duration.ZERO, policy.backoff(failed));
        }
    }

    @Test
    void retryAfterIsAFloorWithJitterAndTheBackoffStillApplies() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2));
        assertEquals(RetryPolicy.DEFAULT_MAX_RETRY_AFTER, policy.maxRetryAfter());
        long max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long ms = policy.delay(1, Duration.ofSeconds(1)).toMillis();
            assertTrue(ms >= 1000 && ms <= 1100, "delay " + ms + " ms for Retry-After 1 s");
            max = Math.max(max, ms);
        }
        assertTrue(max > 1050, "the jitter on top of Retry-After spreads clients out: largest " + max);
        // a Retry-After shorter than the backoff does not shorten it below the jittered backoff range
        for (int i = 0; i < SAMPLES; i++) {
            long ms = policy.delay(3, Duration.ZERO).toMillis();
            assertTrue(ms >= 0 && ms <= 400, "delay " + ms + " ms");
        }
        assertEquals(null, policy.delay(1, Duration.ofSeconds(11)), "above the bound: not retried");
        assertEquals(null, policy.withMaxRetryAfter(Duration.ofMillis(500)).delay(1, Duration.ofSeconds(1)));
        for (int i = 0; i < 100; i++) {
            long ms = policy.delay(1, null).toMillis();
            assertTrue(ms >= 0 && ms <= 100, "no Retry-After: the plain backoff, " + ms + " ms");
        }
    }

    @Test
    void rejectsANegativeRetryAfterBound() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, null));
    }
}
