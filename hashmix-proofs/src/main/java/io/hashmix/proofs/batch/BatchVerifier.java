package io.hashmix.proofs.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hashmix.proofs.attestation.AttestationVerificationException;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.SignedBundle;
import io.hashmix.proofs.ownership.OwnershipCertificate;
import io.hashmix.proofs.ownership.OwnershipVerificationException;

/**
 * Verifies many attestation bundles or ownership certificates across cores. Results come back in input
 * order, one per item, each either the verified value or the reason it was rejected: one bad item never
 * fails the batch.
 *
 * <p>The input is cut into contiguous chunks (a few per thread); each chunk runs as one task that builds and
 * returns its own result list, and the calling thread concatenates the lists in order. Tasks share only
 * immutable inputs (the items and the thread-safe {@link BundleVerifier}); there is no shared mutable state.
 *
 * <p>{@link #create()} owns a fixed pool of one thread per available processor, shut down by {@link #close()};
 * {@link #using(ExecutorService, int)} runs on the caller's executor, which {@link #close()} leaves alone.
 * Instances are thread-safe: several batches may run at once.
 */
public final class BatchVerifier implements AutoCloseable {

    /** Chunks per thread: enough to even out uneven items, few enough to keep per-task overhead negligible. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final ExecutorService executor;
    private final boolean owned;
    private final int parallelism;

    private BatchVerifier(ExecutorService executor, boolean owned, int parallelism) {
        this.executor = executor;
        this.owned = owned;
        this.parallelism = parallelism;
    }

    /**
     * A verifier with its own pool of one thread per available processor.
     *
     * @return the verifier; close it
     */
    public static BatchVerifier create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A verifier with its own pool of {@code threads} daemon threads.
     *
     * @param threads number of threads, at least 1
     * @return the verifier; close it
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static BatchVerifier create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a batch verifier needs at least one thread, got " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "hashmix-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new BatchVerifier(Executors.newFixedThreadPool(threads, factory), true, threads);
    }

    /**
     * A verifier running on the caller's executor (not shut down by {@link #close()}).
     *
     * @param executor the executor
     * @param parallelism how many tasks it can usefully run at once (its thread count), at least 1
     * @return the verifier
     * @throws IllegalArgumentException if the executor is null or {@code parallelism < 1}
     */
    public static BatchVerifier using(ExecutorService executor, int parallelism) {
        if (executor == null) {
            throw new IllegalArgumentException("executor must not be null");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new BatchVerifier(executor, false, parallelism);
    }

    /** How many tasks a batch is spread over at most, per thread count. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Verifies bundles ({@link BundleVerifier#verify}, deadline included): product attestations, fulfillment
     * reports, any {@link SignedBundle}.
     *
     * @param verifier the verifier (domain, committee, threshold, clock, backend)
     * @param bundles the bundles; a null element is rejected as {@code MALFORMED}
     * @return one result per bundle, in input order
     * @throws InterruptedException if the calling thread is interrupted while waiting (pending work is cancelled)
     * @throws IllegalArgumentException if the verifier or the list is null
     * @throws IllegalStateException if this verifier's own pool is closed
     */
    public List<BatchResult<BundleVerifier.Verified, AttestationVerificationException.Reason>> verifyBundles(
            BundleVerifier verifier, List<? extends SignedBundle<?>> bundles) throws InterruptedException {
        if (verifier == null) {
            throw new IllegalArgumentException("batch verification needs a bundle verifier");
        }
        return verify(bundles, (i, bundle) -> {
            try {
                return BatchResult.verified(i, verifier.verify(bundle));
            } catch (AttestationVerificationException e) {
                return BatchResult.rejected(i, e.reason(), e.getMessage());
            }
        });
    }

    /**
     * Verifies ownership certificates ({@link OwnershipCertificate#verify(BundleVerifier)}).
     *
     * @param verifier the verifier of the certificates' attestation bundles; its clock checks the product term
     * @param certificates the certificates; a null element is rejected as {@code MALFORMED}
     * @return one result per certificate, in input order; a rejected one's message names the attestation
     *         reason when the attestation failed
     * @throws InterruptedException if the calling thread is interrupted while waiting (pending work is cancelled)
     * @throws IllegalArgumentException if the verifier or the list is null
     * @throws IllegalStateException if this verifier's own pool is closed
     */
    public List<BatchResult<OwnershipCertificate, OwnershipVerificationException.Reason>> verifyCertificates(
            BundleVerifier verifier, List<OwnershipCertificate> certificates) throws InterruptedException {
        if (verifier == null) {
            throw new IllegalArgumentException("batch verification needs a bundle verifier");
        }
        return verify(certificates, (i, certificate) -> {
            if (certificate == null) {
                return BatchResult.rejected(i, OwnershipVerificationException.Reason.MALFORMED,
                        "MALFORMED: certificate " + i + " is null");
            }
            try {
                certificate.verify(verifier);
                return BatchResult.verified(i, certificate);
            } catch (OwnershipVerificationException e) {
                return BatchResult.rejected(i, e.reason(), e.getMessage());
            }
        });
    }

    /**
     * Runs any per-item check over a list, in parallel, results in input order.
     *
     * @param <T> item type
     * @param <V> verified value type
     * @param <R> reason type
     * @param items the items
     * @param check the check; it must be thread-safe and turn rejections into results itself
     * @return one result per item, in input order
     * @throws InterruptedException if the calling thread is interrupted while waiting (pending work is cancelled)
     * @throws RuntimeException the first exception a check threw (others are cancelled)
     * @throws IllegalStateException if this verifier's own pool is closed
     */
    public <T, V, R extends Enum<R>> List<BatchResult<V, R>> verify(List<T> items, ItemCheck<T, V, R> check)
            throws InterruptedException {
        if (items == null || check == null) {
            throw new IllegalArgumentException("batch verification needs a list of items and a check");
        }
        List<T> input = new ArrayList<>(items); // a snapshot: the caller may change its list afterwards
        int size = input.size();
        if (size == 0) {
            return List.of();
        }
        int chunks = Math.min(size, parallelism * CHUNKS_PER_THREAD);
        List<Future<List<BatchResult<V, R>>>> futures = new ArrayList<>(chunks);
        try {
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) size * c / chunks);
                int to = (int) ((long) size * (c + 1) / chunks);
                futures.add(executor.submit(() -> runChunk(input, from, to, check)));
            }
            List<BatchResult<V, R>> out = new ArrayList<>(size);
            for (Future<List<BatchResult<V, R>>> f : futures) {
                out.addAll(f.get());
            }
            return List.copyOf(out);
        } catch (RejectedExecutionException e) {
            cancelAll(futures);
            throw new IllegalStateException("the batch verifier's executor does not accept work (closed?)", e);
        } catch (InterruptedException e) {
            cancelAll(futures);
            throw e;
        } catch (ExecutionException e) {
            cancelAll(futures);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("batch check failed", cause);
        } catch (CancellationException e) {
            cancelAll(futures);
            throw new IllegalStateException("batch work was cancelled (executor shut down?)", e);
        }
    }

    private static <T, V, R extends Enum<R>> List<BatchResult<V, R>> runChunk(List<T> input, int from, int to,
            ItemCheck<T, V, R> check) {
        List<BatchResult<V, R>> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            BatchResult<V, R> r = check.check(i, input.get(i));
            if (r == null || r.index() != i) {
                throw new IllegalStateException("check of item " + i + " returned " + (r == null ? "null" : "index " + r.index()));
            }
            out.add(r);
        }
        return out;
    }

    private static void cancelAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
    }

    /**
     * Shuts down the pool this verifier owns and waits for running checks to end; leaves a caller's executor
     * alone. Idempotent.
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A thread-safe per-item check.
     *
     * @param <T> item type
     * @param <V> verified value type
     * @param <R> reason type
     */
    @FunctionalInterface
    public interface ItemCheck<T, V, R extends Enum<R>> {
        /**
         * Checks one item.
         *
         * @param index the item's position
         * @param item the item (may be null)
         * @return its result, with {@code index}
         */
        BatchResult<V, R> check(int index, T item);
    }
}
