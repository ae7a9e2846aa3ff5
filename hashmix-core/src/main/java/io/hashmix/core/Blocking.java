package io.hashmix.core;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.hashmix.HashMixException;
import io.hashmix.core.internal.Futures;

/**
 * The blocking way to call the SDK, for callers who do not want futures: every client method that
 * returns a future can be called as {@code Blocking.await(hm.market().fillListing(...))}, which waits
 * for the result and throws the typed exception the future failed with (an {@code OrderExpiredException},
 * a {@code TransactionOutcomeUnknownException}, ...) instead of the {@link CompletionException} or
 * {@link ExecutionException} wrapper that {@code join()} and {@code get()} throw.
 *
 * <p>The wait is interruptible: an interrupted caller gets a {@link HashMixException}, its interrupt
 * status set again, and the future is cancelled (an operation that was already sent is not undone by
 * that: a send's outcome is then whatever the chain makes of it; query it by hash). A cancelled future
 * throws the {@link CancellationException} itself.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * Waits for the result of a future and returns it, or throws the exception it failed with.
     *
     * @param future what a client method returned
     * @param <T>    the result type
     * @return the result
     * @throws HashMixException         the typed exception the operation failed with (any subclass)
     * @throws RuntimeException         any other unchecked exception the operation failed with, unwrapped
     * @throws CancellationException    if the future was cancelled
     */
    public static <T> T await(CompletionStage<T> future) {
        Objects.requireNonNull(future, "future");
        Future<T> waitable = future.toCompletableFuture();
        try {
            return waitable.get();
        } catch (ExecutionException e) {
            throw rethrowable(e);
        } catch (InterruptedException e) {
            waitable.cancel(true);
            Thread.currentThread().interrupt();
            throw new HashMixException("interrupted while waiting for an SDK operation", e);
        }
    }

    /**
     * The exception to throw for a failed future: its typed cause without the
     * {@link CompletionException}/{@link ExecutionException} wrappers; a checked cause (which the SDK
     * does not complete futures with) wrapped in a {@link HashMixException}.
     *
     * @param failure the failure as a future or a stage reported it
     * @return an unchecked exception to throw
     */
    public static RuntimeException rethrowable(Throwable failure) {
        Throwable cause = Futures.unwrap(Objects.requireNonNull(failure, "failure"));
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException unchecked ? unchecked : new HashMixException(String.valueOf(cause.getMessage()), cause);
    }
}
