package io.hashmix.core.tx;

import java.util.Objects;

/**
 * The outcome of one call of a settled batch ({@link ContractCalls#callAllSettled}): either the
 * return data or why the call failed (a decoded {@link io.hashmix.core.errors.ContractRevertException}
 * for a revert, else the JSON-RPC error).
 *
 * @param data    the return data, {@code 0x}-prefixed, or {@code null} if the call failed
 * @param failure why the call failed, or {@code null} if it succeeded
 */
public record CallOutcome(String data, RuntimeException failure) {

    /** Checks that exactly one of the parts is present. */
    public CallOutcome {
        if ((data == null) == (failure == null)) {
            throw new IllegalArgumentException("a call outcome is either data or a failure");
        }
    }

    /** A successful call. */
    public static CallOutcome success(String data) {
        return new CallOutcome(Objects.requireNonNull(data, "data"), null);
    }

    /** A failed call. */
    public static CallOutcome failure(RuntimeException failure) {
        return new CallOutcome(null, Objects.requireNonNull(failure, "failure"));
    }

    /** Whether the call succeeded. */
    public boolean succeeded() {
        return failure == null;
    }

    /**
     * The return data.
     *
     * @throws RuntimeException the call's failure, if it failed
     */
    public String orThrow() {
        if (failure != null) {
            throw failure;
        }
        return data;
    }
}
