package io.hashmix.core.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * How receipts are awaited.
 *
 * @param confirmations blocks that must include or follow the transaction's block (1 = mined)
 * @param timeout       how long to wait before giving up with a {@link ReceiptTimeoutException}
 * @param initialPoll   first polling interval; doubles up to {@code maxPoll}
 * @param maxPoll       largest polling interval
 */
public record ReceiptPolicy(int confirmations, Duration timeout, Duration initialPoll, Duration maxPoll) {

    /** One confirmation, two minutes, polling from 25 ms up to 1 s. */
    public static final ReceiptPolicy DEFAULT = new ReceiptPolicy(1, Duration.ofMinutes(2), Duration.ofMillis(25),
            Duration.ofSeconds(1));

    /** Checks the parts. */
    public ReceiptPolicy {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be >= 1");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialPoll, "initialPoll");
        Objects.requireNonNull(maxPoll, "maxPoll");
        if (timeout.isNegative() || timeout.isZero() || initialPoll.isNegative() || initialPoll.isZero()
                || maxPoll.compareTo(initialPoll) < 0) {
            throw new IllegalArgumentException("need timeout > 0 and 0 < initialPoll <= maxPoll");
        }
    }

    /** This policy with another number of confirmations. */
    public ReceiptPolicy withConfirmations(int n) {
        return new ReceiptPolicy(n, timeout, initialPoll, maxPoll);
    }

    /** This policy with another timeout. */
    public ReceiptPolicy withTimeout(Duration t) {
        return new ReceiptPolicy(confirmations, t, initialPoll, maxPoll);
    }
}
