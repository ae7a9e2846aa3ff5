package io.hashmix.core.internal;

import java.util.concurrent.CompletionException;

/** Helpers for the SDK's {@code CompletableFuture} chains. Internal. */
public final class Futures {

    private Futures() {
    }

    /** The error a stage failed with, without the {@link CompletionException} wrapper the chain adds. */
    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
