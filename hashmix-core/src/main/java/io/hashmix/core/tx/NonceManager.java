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
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

/**
 * Hands out nonces per sender so that concurrent submissions neither collide nor leave gaps.
 *
 * <p>Submissions of one sender are serialized (without blocking threads: each waits on the
 * previous one's future), so transactions reach the node in nonce order; only the send is
 * serialized, not the wait for the receipt, so one sender still pipelines many transactions.
 * The next nonce is cached after a successful send. After any failed send the cache is dropped
 * and the next submission asks the node ({@code eth_getTransactionCount(pending)}), which is the
 * truth whether the failed transaction was consumed (Hardhat mines some rejected transactions)
 * or not, so a failure never leaves a gap. A nonce conflict ("nonce too low", "already used",
 * "nonce too high", an underpriced replacement) resyncs and retries with a fresh nonce.
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
            CompletableFuture<T> result = state.tail
                    .handle((r, e) -> null)
                    .thenCompose(ignored -> prepared)
                    .thenCompose(p -> attempt(state, sender, nonce -> send.apply(nonce, p), 1));
            state.tail = result;
            return result;
        }
    }

    /** Forgets the cached nonce of a sender: the next submission asks the node. */
    public void resync(EvmAddress sender) {
        SenderState state = senders.get(sender);
        if (state != null) {
            state.next = null;
        }
    }

    private <T> CompletableFuture<T> attempt(SenderState state, EvmAddress sender,
                                             Function<BigInteger, CompletableFuture<T>> send, int attemptNo) {
        BigInteger cached = state.next;
        CompletableFuture<BigInteger> nonce = cached != null ? CompletableFuture.completedFuture(cached)
                : rpc.call("eth_getTransactionCount", sender.hex(), "pending").thenApply(Quantities::toBigInteger);
        return nonce.thenCompose(n -> {
            CompletableFuture<T> sent;
            try {
                sent = send.apply(n);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            return sent.handle((value, error) -> {
                if (error == null) {
                    state.next = n.add(BigInteger.ONE);
                    return CompletableFuture.completedFuture(value);
                }
                state.next = null;
                Throwable cause = Futures.unwrap(error);
                if (isNonceConflict(cause) && attemptNo <= MAX_CONFLICT_RETRIES) {
                    log.info("nonce {} of {} conflicts ({}); resyncing from the node", n, sender, cause.getMessage());
                    return attempt(state, sender, send, attemptNo + 1);
                }
                return CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(Function.identity());
        });
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
    }
}
