package io.hashmix.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import io.hashmix.core.InvalidRequestException;

/** Helpers for the SDK's {@code CompletableFuture} chains. Internal. */
public final class Futures {

    private Futures() {
    }

    /**
     * Runs the synchronous part of a future-returning operation (argument checks, encoding) so that
     * it follows the SDK's rule (docs/errors.md): a {@code null} argument's
     * {@link NullPointerException} is thrown at once; anything else the step throws fails the returned
     * future instead ({@link InvalidRequestException#of}).
     *
     * @param operation builds the call and returns its future
     * @param <T>       the result type
     * @return the operation's future, or a future failed with what building it threw
     */
    public static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        } catch (NullPointerException e) {
            throw e;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
    }

    /**
     * The error a stage failed with, without the {@link CompletionException} (or, from {@code get()},
     * {@link ExecutionException}) wrappers that chains and waits add, however deeply nested.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
