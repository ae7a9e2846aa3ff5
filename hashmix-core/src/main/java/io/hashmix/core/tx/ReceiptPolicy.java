package io.hashmix.core.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * How receipts are awaited.
 *
 * <p>Polling survives every error (a node that is down, a garbled answer, a JSON-RPC error) until
 * the timeout, which ends the wait with a {@link ReceiptTimeoutException} carrying the hash. While
 * a transaction this SDK sent has no receipt, the wait also checks, at most once per
 * {@code dropCheckInterval}, whether it was dropped (its nonce used by another transaction, or
 * the node no longer has it) and whether it waits behind a nonce gap.
 *
 * @param confirmations     blocks that must include or follow the transaction's block (1 = mined)
 * @param timeout           how long to wait before giving up with a {@link ReceiptTimeoutException}
 * @param initialPoll       first polling interval; doubles up to {@code maxPoll}
 * @param maxPoll           largest polling interval
 * @param dropCheckInterval the least time between two checks for a dropped transaction
 */
public record ReceiptPolicy(int confirmations, Duration timeout, Duration initialPoll, Duration maxPoll,
                            Duration dropCheckInterval) {

    /** The default {@link #dropCheckInterval()}: 3 s. */
    public static final Duration DEFAULT_DROP_CHECK_INTERVAL = Duration.ofSeconds(3);

    /** One confirmation, two minutes, polling from 25 ms up to 1 s, drop checks every 3 s. */
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
        Objects.requireNonNull(dropCheckInterval, "dropCheckInterval");
        if (timeout.isNegative() || timeout.isZero() || initialPoll.isNegative() || initialPoll.isZero()
                || maxPoll.compareTo(initialPoll) < 0 || dropCheckInterval.isNegative()) {
            throw new IllegalArgumentException("need timeout > 0, 0 < initialPoll <= maxPoll and dropCheckInterval >= 0");
        }
    }

    /**
     * A policy with the default drop check interval.
     *
     * @param confirmations blocks that must include or follow the transaction's block (1 = mined)
     * @param timeout       how long to wait
     * @param initialPoll   first polling interval
     * @param maxPoll       largest polling interval
     */
    public ReceiptPolicy(int confirmations, Duration timeout, Duration initialPoll, Duration maxPoll) {
        this(confirmations, timeout, initialPoll, maxPoll, DEFAULT_DROP_CHECK_INTERVAL);
    }

    /** This policy with another number of confirmations. */
    public ReceiptPolicy withConfirmations(int n) {
        return new ReceiptPolicy(n, timeout, initialPoll, maxPoll, dropCheckInterval);
    }

    /** This policy with another timeout. */
    public ReceiptPolicy withTimeout(Duration t) {
        return new ReceiptPolicy(confirmations, t, initialPoll, maxPoll, dropCheckInterval);
    }

    /** This policy with another least time between two drop checks. */
    public ReceiptPolicy withDropCheckInterval(Duration interval) {
        return new ReceiptPolicy(confirmations, timeout, initialPoll, maxPoll, interval);
    }
}
