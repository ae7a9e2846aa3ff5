package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

/**
 * Hands out nonces per sender so that concurrent submissions neither collide nor leave gaps.
 *
 * <p>Submissions of one sender are serialized (without blocking threads: each waits on the
 * previous one's future), so transactions reach the node in nonce order; only the send is
 * serialized, not the wait for the receipt, so one sender still pipelines many transactions.
 * The next nonce is cached after a successful send. After any failed send, and whenever
 * {@link #resync} is called (the transaction layer calls it when it finds a transaction dropped or
 * waiting behind a nonce gap), the cache is dropped and the next submission asks the node for its
 * <em>pending</em> count ({@code eth_getTransactionCount(pending)}): the next nonce after every
 * transaction the node has, mined or waiting, and never above it, so a resync never leaves a gap
 * behind an unmined transaction, whether or not the failed transaction was consumed (Hardhat
 * mines some rejected ones) and whether or not the node queues future nonces (geth does). A resync
 * during a send wins over that send's caching. A nonce conflict ("nonce too low", "already used",
 * "nonce too high", an underpriced replacement) resyncs and retries with a fresh nonce.
 *
 * <p>When a submission finds the node unavailable ({@link NodeUnavailableException} after every
 * retry, reading the nonce or sending; not when it was only rate limiting), the node is declared down for the submissions already in
 * this sender's line: they fail at once with a {@link TransactionNotSentException} (nothing was
 * signed) instead of each spending its own retry cycle on a dead node. Submissions made after
 * that try the node again.
 *
 * <p>Thread-safe. Share one instance per key: two SDK instances signing with the same key still
 * work, through the conflict retries, but waste round trips.
 */
public final class NonceManager {

    private static final Logger log = LoggerFactory.getLogger(NonceManager.class);
    private static final int MAX_CONFLICT_RETRIES = 5;

    private final JsonRpcClient rpc;
    private final Map<EvmAddress, SenderState> senders = new ConcurrentHashMap<>();

    /** Creates a nonce manager reading nonces from {@code rpc}. */
    public NonceManager(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    /**
     * Runs {@code send} with the sender's next nonce, after every earlier submission of that sender.
     *
     * @param sender the account
     * @param send   signs and sends with the given nonce; its result is passed through
     */
    public <T> CompletableFuture<T> submit(EvmAddress sender, Function<BigInteger, CompletableFuture<T>> send) {
        return submit(sender, CompletableFuture.completedFuture(null), (nonce, ignored) -> send.apply(nonce));
    }

    /**
     * Like {@link #submit(EvmAddress, Function)}, but takes the submission's place in line now and
     * its nonce only once {@code prepared} (e.g. the gas estimate and fees) completes, so sends keep
     * call order even when preparations finish out of order. If {@code prepared} fails, no nonce is
     * taken and the submission fails with its error.
     */
    <P, T> CompletableFuture<T> submit(EvmAddress sender, CompletableFuture<P> prepared,
                                       BiFunction<BigInteger, P, CompletableFuture<T>> send) {
        SenderState state = senders.computeIfAbsent(sender, k -> new SenderState());
        synchronized (state) {
            long seq = ++state.enqueued;
            CompletableFuture<T> result = state.tail
                    .handle((r, e) -> null)
                    .thenCompose(ignored -> {
                        Throwable down = state.downFor(seq);
                        if (down != null) {
                            return CompletableFuture.<T>failedFuture(new TransactionNotSentException("not sent: an earlier "
                                    + "transaction of " + sender + " found the node unavailable while this one waited in line; "
                                    + "nothing was signed", null, down));
                        }
                        return prepared.thenCompose(p -> attempt(state, sender, nonce -> send.apply(nonce, p), 1));
                    });
            state.tail = result;
            return result;
        }
    }

    /**
     * Forgets the cached nonce of a sender: the next submission asks the node for its pending count.
     * A send in flight does not cache its successor's nonce after this.
     */
    public void resync(EvmAddress sender) {
        SenderState state = senders.get(sender);
        if (state != null) {
            synchronized (state) {
                state.epoch++;
                state.next = null;
            }
        }
    }

    private <T> CompletableFuture<T> attempt(SenderState state, EvmAddress sender,
                                             Function<BigInteger, CompletableFuture<T>> send, int attemptNo) {
        long epoch;
        BigInteger cached;
        synchronized (state) {
            epoch = state.epoch;
            cached = state.next;
        }
        CompletableFuture<BigInteger> nonce = cached != null ? CompletableFuture.completedFuture(cached)
                : rpc.call("eth_getTransactionCount", sender.hex(), "pending").thenApply(n -> {
                    BigInteger pending = Quantities.toBigInteger(n);
                    BigInteger last = state.lastSent;
                    if (last != null && pending.compareTo(last) <= 0) {
                        log.warn("the node's pending nonce of {} is {}, at or below the last nonce sent ({}): transactions from "
                                + "nonce {} on are gone from it (a fresh node, a reorganisation or an evicted transaction); "
                                + "continuing from {}, no gap left", sender, pending, last, pending, pending);
                    }
                    return pending;
                });
        return nonce.handle((n, readError) -> {
            if (readError != null) {
                Throwable cause = Futures.unwrap(readError);
                declareDownIf(state, sender, cause);
                return CompletableFuture.<T>failedFuture(cause);
            }
            CompletableFuture<T> sent;
            try {
                sent = send.apply(n);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            return sent.handle((value, error) -> {
                if (error == null) {
                    synchronized (state) {
                        if (state.epoch == epoch) {
                            state.next = n.add(BigInteger.ONE);
                        }
                        if (state.lastSent == null || state.lastSent.compareTo(n) < 0) {
                            state.lastSent = n;
                        }
                    }
                    return CompletableFuture.completedFuture(value);
                }
                synchronized (state) {
                    state.next = null;
                }
                Throwable cause = Futures.unwrap(error);
                if (isNonceConflict(cause) && attemptNo <= MAX_CONFLICT_RETRIES) {
                    log.info("nonce {} of {} conflicts ({}); resyncing from the node", n, sender, cause.getMessage());
                    return attempt(state, sender, send, attemptNo + 1);
                }
                declareDownIf(state, sender, cause);
                return CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(Function.identity());
        }).thenCompose(Function.identity());
    }

    private static void declareDownIf(SenderState state, EvmAddress sender, Throwable cause) {
        NodeUnavailableException down = nodeUnavailable(cause);
        if (down == null || down.rateLimited()) {
            return; // a node that rate limits is busy, not down: the queued sends wait their turn (and its Retry-After)
        }
        long queued;
        synchronized (state) {
            queued = state.enqueued - state.downThrough;
            state.downThrough = state.enqueued;
            state.downCause = down;
        }
        log.warn("node unavailable for {} ({}); failing the submissions queued behind it without sending them",
                sender, down.getMessage());
        log.debug("{} submission(s) of {} in line when the node was declared down", queued, sender);
    }

    /** The node-unavailable failure in a cause chain, or null. */
    static NodeUnavailableException nodeUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NodeUnavailableException n) {
                return n;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Whether a send failed because the nonce is taken or out of line. */
    static boolean isNonceConflict(Throwable error) {
        if (!(error instanceof RpcErrorException rpcError)) {
            return false;
        }
        String m = rpcError.rpcMessage().toLowerCase(Locale.ROOT);
        return m.contains("nonce too low") || m.contains("nonce too high") || m.contains("already been used")
                || m.contains("replacement transaction underpriced") || m.contains("invalid nonce")
                || (m.contains("nonce") && m.contains("lower than"));
    }

    private static final class SenderState {
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
        private volatile BigInteger next;
        private volatile BigInteger lastSent;
        private long epoch;
        private long enqueued;
        private long downThrough;
        private Throwable downCause;

        /** The reason submission {@code seq} must fail without sending, or null if it may go. */
        private synchronized Throwable downFor(long seq) {
            return seq <= downThrough ? downCause : null;
        }
    }
}
