package io.hashmix.proofs.batch;

import java.util.Optional;

/**
 * The outcome of one item of a batch: its position in the input, and either the verified value or the reason
 * it was rejected.
 *
 * @param <V> the type of a verified value
 * @param <R> the reason type (the verifier's reason enum)
 * @param index the item's position in the input list
 * @param value the verified value, or null if rejected
 * @param reason why the item was rejected, or null if it verified
 * @param message the rejection message (null if it verified)
 */
public record BatchResult<V, R extends Enum<R>>(int index, V value, R reason, String message) {

    /**
     * Validates: exactly one of value and reason is set.
     *
     * @throws IllegalArgumentException otherwise
     */
    public BatchResult {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if ((value == null) == (reason == null)) {
            throw new IllegalArgumentException("a batch result holds either a value or a reason");
        }
    }

    /**
     * A verified item.
     *
     * @param <V> value type
     * @param <R> reason type
     * @param index position in the input
     * @param value the verified value
     * @return the result
     */
    public static <V, R extends Enum<R>> BatchResult<V, R> verified(int index, V value) {
        return new BatchResult<>(index, value, null, null);
    }

    /**
     * A rejected item.
     *
     * @param <V> value type
     * @param <R> reason type
     * @param index position in the input
     * @param reason why
     * @param message the verifier's message
     * @return the result
     */
    public static <V, R extends Enum<R>> BatchResult<V, R> rejected(int index, R reason, String message) {
        return new BatchResult<>(index, null, reason, message);
    }

    /** Whether the item verified. */
    public boolean ok() {
        return reason == null;
    }

    /** The verified value, if any. */
    public Optional<V> verifiedValue() {
        return Optional.ofNullable(value);
    }

    /** The rejection reason, if any. */
    public Optional<R> rejection() {
        return Optional.ofNullable(reason);
    }
}
