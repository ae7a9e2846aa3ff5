package io.hashmix.core.tx;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.core.rpc.RpcCall;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Sends transactions from one key: simulate, estimate, snapshot fees, take a nonce, sign, send,
 * await the receipt.
 *
 * <p>Reverts are decoded at all four points where they show: the simulation ({@code eth_call}),
 * the gas estimate, the send (Hardhat's automine rejects a reverting transaction at send time, yet
 * mines it) and a failed receipt (replayed as a call to recover the data). A revert found before
 * the nonce is taken costs nothing. Any other failure is a {@link TransactionException} saying what
 * is known ({@link SendOutcome}): the hash is computed before the first byte is sent, so a
 * transaction that may have been broadcast is reported {@link SendOutcome#UNKNOWN} with its hash,
 * never as failed; one known not sent or dropped is safe to retry. Retried sends carry the identical
 * signed bytes; "already known" counts as sent once the node returns the transaction. Thread-safe:
 * many threads may send at once.
 */
public final class TransactionSender {

    private static final Logger log = LoggerFactory.getLogger(TransactionSender.class);

    private final JsonRpcClient rpc;
    private final Credentials credentials;
    private final EvmAddress sender;
    private final long chainId;
    private final FeePolicy feePolicy;
    private final FeeEstimator fees;
    private final ReceiptPolicy receiptPolicy;
    private final NonceManager nonces;
    private final ContractCalls calls;
    private final ScheduledExecutorService scheduler;

    /**
     * Creates a sender.
     *
     * @param rpc           the node
     * @param credentials   the signing key
     * @param chainId       EIP-155 chain id signed into every transaction
     * @param feePolicy     how fees and gas limits are chosen
     * @param receiptPolicy how receipts are awaited
     * @param nonces        the nonce manager (share one per key)
     * @param calls         simulation and estimates, with revert decoding
     * @param scheduler     runs receipt polling delays
     */
    public TransactionSender(JsonRpcClient rpc, Credentials credentials, long chainId, FeePolicy feePolicy,
                             ReceiptPolicy receiptPolicy, NonceManager nonces, ContractCalls calls,
                             ScheduledExecutorService scheduler) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sender = EvmAddress.of(credentials.getAddress());
        this.chainId = chainId;
        this.feePolicy = Objects.requireNonNull(feePolicy, "feePolicy");
        this.fees = new FeeEstimator(rpc, feePolicy);
        this.receiptPolicy = Objects.requireNonNull(receiptPolicy, "receiptPolicy");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The sending account. */
    public EvmAddress sender() {
        return sender;
    }

    /**
     * Signs a 32-byte digest (e.g. an EIP-712 digest of a market order) with this sender's key, the
     * way on-chain {@code ECDSA.recover} expects it: 65 bytes {@code r || s || v}, low {@code s},
     * {@code v} in {27, 28}, deterministic (RFC 6979). The digest is signed as is (no
     * {@code "\x19Ethereum Signed Message"} prefix), so sign only digests of typed data you built.
     *
     * @param digest the digest
     * @return the signature
     */
    public byte[] signDigest(Bytes32 digest) {
        return AttestationSigner.signDigest(Objects.requireNonNull(digest, "digest"), credentials.getEcKeyPair());
    }

    /** The receipt policy in force. */
    public ReceiptPolicy receiptPolicy() {
        return receiptPolicy;
    }

    /**
     * Sends and waits for the receipt with the configured confirmations.
     *
     * <p>Ends in exactly one of: the successful receipt; a {@link ContractRevertException} subclass
     * (a revert found by the simulation, the estimate, the send, or in the mined receipt); or a
     * {@link TransactionException} saying what is known ({@link TransactionException#outcome()}):
     * {@link TransactionOutcomeUnknownException} (with the hash; it may be mined: never re-sign
     * it), {@link TransactionNotSentException} or {@link TransactionRejectedException} (nothing was
     * sent that could be mined: safe to retry), {@link TransactionDroppedException} (accepted, then
     * dropped: safe to retry). When the send itself ends with its outcome unknown (the node stopped
     * answering, or answered garbage, after the transaction may have arrived), the receipt is still
     * awaited, so a transaction that made it is reported mined, not failed.
     *
     * @return the successful receipt
     */
    public CompletableFuture<TxReceipt> send(TxRequest request) {
        return submit(request).handle((sent, error) -> {
            if (error == null) {
                return awaitReceipt(sent);
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof TransactionOutcomeUnknownException unknown && unknown.sent().isPresent()) {
                // signed and possibly broadcast: the receipt settles it, or the deadline leaves it unknown
                SentTransaction tx = unknown.sent().get();
                return new ReceiptWait(tx.hash(), tx, unknown.signedTransaction().orElse(null), false, unknown).start()
                        .thenCompose(receipt -> explainIfFailed(tx, receipt));
            }
            return CompletableFuture.<TxReceipt>failedFuture(cause);
        }).thenCompose(Function.identity());
    }

    /**
     * Simulates, estimates, signs and sends, without waiting to be mined. Submissions of this
     * sender reach the node in call order.
     *
     * @return the transaction the node accepted; fails with a {@link ContractRevertException} subclass
     *         on a revert, else with a {@link TransactionException} saying whether the transaction may
     *         be mined ({@link TransactionOutcomeUnknownException}, carrying the hash) or was not sent
     */
    public CompletableFuture<SentTransaction> submit(TxRequest request) {
        CompletableFuture<BigInteger> gas = (request.gasLimit() != null
                ? calls.call(sender, request).thenApply(ignored -> request.gasLimit())
                : calls.estimateGas(sender, request).thenApply(feePolicy::gasLimitFor))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(notSent(request, "simulate it", Futures.unwrap(e))));
        CompletableFuture<Fees> feeSnapshot = fees.estimate()
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(notSent(request, "price it", Futures.unwrap(e))));
        CompletableFuture<Prepared> prepared = gas.thenCombine(feeSnapshot, Prepared::new);
        // take the place in the sender's line now, the nonce once prepared: sends keep call order
        return nonces.submit(sender, prepared, (nonce, p) -> signAndSend(request, nonce, p))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(notSent(request, "take a nonce", Futures.unwrap(e))));
    }

    private record Prepared(BigInteger gasLimit, Fees fees) {
    }

    private CompletableFuture<SentTransaction> signAndSend(TxRequest request, BigInteger nonce, Prepared p) {
        String to = request.to() == null ? "" : request.to().hex();
        RawTransaction raw = switch (p.fees()) {
            case Fees.Eip1559 f -> RawTransaction.createTransaction(chainId, nonce, p.gasLimit(), to, request.value(),
                    request.data(), f.maxPriorityFeePerGas(), f.maxFeePerGas());
            case Fees.Legacy f -> RawTransaction.createTransaction(nonce, f.gasPrice(), p.gasLimit(), to,
                    request.value(), request.data());
        };
        byte[] signed = p.fees() instanceof Fees.Legacy
                ? TransactionEncoder.signMessage(raw, chainId, credentials)
                : TransactionEncoder.signMessage(raw, credentials);
        String hex = Numeric.toHexString(signed);
        // the hash is known before the first byte leaves: every outcome from here on can name it
        String hash = Hash.sha3(hex);
        SentTransaction sent = new SentTransaction(hash, sender, nonce, p.gasLimit(), p.fees(), request);
        String context = request.label() + " (send)";
        CompletableFuture<JsonNode> answer;
        try {
            answer = rpc.call("eth_sendRawTransaction", hex);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer
                .thenApply(returned -> {
                    if (!hash.equalsIgnoreCase(returned.asText())) {
                        log.warn("node returned hash {} for {}, expected {}", returned.asText(), request.label(), hash);
                    }
                    log.debug("sent {} nonce {} hash {}", request.label(), nonce, hash);
                    return sent;
                })
                .exceptionallyCompose(e -> onSendError(context, sent, hex, Futures.unwrap(e)));
    }

    /**
     * Decides what a failed {@code eth_sendRawTransaction} means. A JSON-RPC error is an answer: a
     * revert is decoded; "already known", a nonce conflict and any other refusal are checked by
     * looking the transaction up (the node may have it from an earlier attempt, or the refusal may
     * be wrong); found means sent. A transport failure is "not sent" only if no attempt reached the
     * node; anything else that may have arrived is UNKNOWN, with the hash.
     */
    private CompletableFuture<SentTransaction> onSendError(String context, SentTransaction sent, String raw, Throwable error) {
        String label = sent.request().label();
        if (error instanceof RpcErrorException rpcError) {
            String m = rpcError.rpcMessage().toLowerCase(Locale.ROOT);
            if (m.contains("already known") || m.contains("known transaction") || m.contains("already imported")) {
                return lookUp(sent, raw, rpcError, found -> found ? CompletableFuture.completedFuture(sent)
                        : unknown(label + " sent as " + sent.hash() + ": the node says it already knows it but does not "
                                + "return it", sent, raw, rpcError));
            }
            var revert = calls.decoder().fromRpcError(context, rpcError);
            if (revert.isPresent()) {
                revert.get().addSuppressed(rpcError);
                return CompletableFuture.failedFuture(revert.get());
            }
            if (NonceManager.isNonceConflict(rpcError)) {
                // a retried send whose first attempt got through looks like a conflict: is it ours?
                return lookUp(sent, raw, rpcError, found -> found ? CompletableFuture.completedFuture(sent)
                        : CompletableFuture.failedFuture(rpcError));
            }
            return lookUp(sent, raw, rpcError, found -> found ? CompletableFuture.completedFuture(sent)
                    : CompletableFuture.failedFuture(new TransactionRejectedException(label + " rejected by the node: "
                            + rpcError.rpcMessage(), rpcError, sent.hash())));
        }
        if (error instanceof NodeUnavailableException down && !down.possiblyDelivered()) {
            return CompletableFuture.failedFuture(new TransactionNotSentException(label + " not sent: no attempt to broadcast "
                    + sent.hash() + " reached the node at " + down.url(), sent.hash(), down));
        }
        if (error instanceof RpcProtocolException garbled) {
            // the node is there but its answer was unusable: does it have the transaction?
            return lookUp(sent, raw, garbled, found -> found ? CompletableFuture.completedFuture(sent)
                    : unknown(label + " sent as " + sent.hash() + " but the node's answer was unusable", sent, raw, garbled));
        }
        log.warn("outcome of {} (hash {}, nonce {}) unknown after the send: {}", label, sent.hash(), sent.nonce(), error.toString());
        return unknown(label + " sent as " + sent.hash() + " but the node stopped answering", sent, raw, error);
    }

    /** Looks the transaction up by hash; the outcome is UNKNOWN if the lookup itself fails. */
    private CompletableFuture<SentTransaction> lookUp(SentTransaction sent, String raw, Throwable sendError,
                                                      Function<Boolean, CompletableFuture<SentTransaction>> then) {
        return rpc.call("eth_getTransactionByHash", sent.hash())
                .handle((tx, lookupError) -> {
                    if (lookupError != null) {
                        Throwable cause = Futures.unwrap(lookupError);
                        cause.addSuppressed(sendError);
                        return unknown(sent.request().label() + " sent as " + sent.hash() + ": the send failed ("
                                + sendError.getMessage() + ") and the node could not be asked whether it has it", sent, raw, cause);
                    }
                    return then.apply(tx != null && !tx.isNull());
                })
                .thenCompose(Function.identity());
    }

    private static CompletableFuture<SentTransaction> unknown(String message, SentTransaction sent, String raw, Throwable cause) {
        return CompletableFuture.failedFuture(new TransactionOutcomeUnknownException(message
                + "; it may be mined: await its receipt by hash, do not sign it again", sent, raw, cause));
    }

    /**
     * Awaits the receipt of a transaction this sender sent (the node accepted it); a failed one is
     * replayed to decode its revert. While there is no receipt, checks (at most once per
     * {@link ReceiptPolicy#dropCheckInterval()}) whether the transaction was dropped, failing with
     * {@link TransactionDroppedException} if its nonce was used by another transaction or the node
     * no longer has it (a reorganisation), and resynchronises the key's nonce when it finds the
     * transaction waiting behind a nonce gap.
     *
     * @return the successful receipt; or a {@link ContractRevertException} subclass, a
     *         {@link TransactionDroppedException}, or a {@link ReceiptTimeoutException} at the deadline
     */
    public CompletableFuture<TxReceipt> awaitReceipt(SentTransaction sent) {
        return new ReceiptWait(sent.hash(), sent, null, true, null).start()
                .thenCompose(receipt -> explainIfFailed(sent, receipt));
    }

    private CompletableFuture<TxReceipt> explainIfFailed(SentTransaction sent, TxReceipt receipt) {
        return receipt.success() ? CompletableFuture.completedFuture(receipt) : explainFailure(sent, receipt);
    }

    /**
     * Awaits a receipt by hash with the configured confirmations, re-checking the block hash after
     * the confirmations (a reorg moves the wait on). Polling survives errors (the node down, garbled
     * answers) until the timeout, which fails the wait with {@link ReceiptTimeoutException}; the
     * receipt of a failed transaction is returned as is ({@code success == false}). Knowing only the
     * hash, it cannot tell a dropped transaction: use {@link #awaitReceipt(SentTransaction)} for that.
     *
     * @throws InvalidRequestException (in the future) if the hash is not 32 bytes of hex
     */
    public CompletableFuture<TxReceipt> awaitReceipt(String transactionHash) {
        if (transactionHash == null || !TX_HASH.matcher(transactionHash).matches()) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    "a transaction hash is 0x and 64 hex digits, got '" + transactionHash + "'"));
        }
        return new ReceiptWait(transactionHash, null, null, true, null).start();
    }

    /** What one receipt poll found: no receipt, a receipt not yet confirmed (state says why), or a confirmed one. */
    private record Polled(TxReceipt receipt, boolean confirmed, String state) {
        static final Polled NONE = new Polled(null, false, null);
    }

    /**
     * One wait for a receipt: polls with doubling intervals until the receipt is confirmed or the
     * deadline passes; for a transaction of this sender, also checks for a drop or a nonce gap.
     * Polls run one at a time; the deadline is a timer, so a poll stuck on a silent node cannot
     * hold the wait past it.
     */
    private final class ReceiptWait {
        private final String hash;
        private final SentTransaction sent;
        private final String raw;
        private final long started = System.nanoTime();
        private final long deadline = started + receiptPolicy.timeout().toNanos();
        private final CompletableFuture<TxReceipt> result = new CompletableFuture<>();
        private volatile boolean knownToNode;
        private volatile Throwable lastError;
        private volatile String state;
        private Duration delay = receiptPolicy.initialPoll();
        private long nextDropCheck;
        private int goneChecks;
        private boolean gapReported;
        private boolean rebroadcast;

        ReceiptWait(String hash, SentTransaction sent, String raw, boolean knownToNode, Throwable sendError) {
            this.hash = hash;
            this.sent = sent;
            this.raw = raw;
            this.knownToNode = knownToNode;
            this.lastError = sendError;
            this.state = receiptPolicy.confirmations() > 1
                    ? "waiting for " + receiptPolicy.confirmations() + " confirmations" : "not mined";
            // a send whose outcome is unknown is checked at once; an accepted one after the interval
            this.nextDropCheck = knownToNode ? started + receiptPolicy.dropCheckInterval().toNanos() : started;
        }

        CompletableFuture<TxReceipt> start() {
            try {
                var timer = scheduler.schedule(this::timeOut, receiptPolicy.timeout().toNanos(), TimeUnit.NANOSECONDS);
                result.whenComplete((r, e) -> timer.cancel(false));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(timeout("SDK closed while waiting", e));
                return result;
            }
            poll();
            return result;
        }

        private void timeOut() {
            result.completeExceptionally(timeout(state, lastError));
        }

        private ReceiptTimeoutException timeout(String what, Throwable cause) {
            return sent != null ? new ReceiptTimeoutException(sent, receiptPolicy.timeout(), what, cause)
                    : new ReceiptTimeoutException(hash, receiptPolicy.timeout(), what, cause);
        }

        private void poll() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Polled> polled;
            try {
                polled = rpc.call("eth_getTransactionReceipt", hash).thenCompose(this::examine);
            } catch (RuntimeException e) {
                polled = CompletableFuture.failedFuture(e);
            }
            polled.whenComplete(this::onPolled);
        }

        private CompletableFuture<Polled> examine(JsonNode node) {
            if (node == null || node.isNull()) {
                return CompletableFuture.completedFuture(Polled.NONE);
            }
            return confirmed(TxReceipt.fromJson(node));
        }

        private void onPolled(Polled polled, Throwable error) {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                // the node down, a garbled answer, an error: the receipt may still come before the deadline
                lastError = Futures.unwrap(error);
                scheduleNext();
                return;
            }
            if (polled.confirmed()) {
                result.complete(polled.receipt());
                return;
            }
            if (polled.receipt() != null) {
                knownToNode = true;
                goneChecks = 0;
                state = polled.state();
                scheduleNext();
                return;
            }
            if (sent != null && System.nanoTime() - nextDropCheck >= 0) {
                dropCheck();
            } else {
                scheduleNext();
            }
        }

        /**
         * Asks the node for the sender's mined and pending nonces and for the transaction: a mined
         * nonce past ours without our receipt is a drop (NONCE_USED); a transaction the node had and
         * no longer has, seen twice in a row, is a drop (GONE); a pending one at or above the
         * pending nonce waits behind a gap (resync). A transaction whose send is in doubt and that
         * the node does not know is broadcast again, once, as its identical signed bytes.
         */
        private void dropCheck() {
            nextDropCheck = System.nanoTime() + receiptPolicy.dropCheckInterval().toNanos();
            rpc.batch(List.of(RpcCall.of("eth_getTransactionCount", sender.hex(), "latest"),
                            RpcCall.of("eth_getTransactionCount", sender.hex(), "pending"),
                            RpcCall.of("eth_getTransactionByHash", hash)))
                    .whenComplete((answers, error) -> {
                        if (result.isDone()) {
                            return;
                        }
                        try {
                            if (error != null) {
                                throw error instanceof RuntimeException re ? re : new CompletionException(error);
                            }
                            onDropCheck(Quantities.toBigInteger(answers.get(0).get()),
                                    Quantities.toBigInteger(answers.get(1).get()), answers.get(2).get());
                        } catch (RuntimeException e) {
                            lastError = Futures.unwrap(e);
                            scheduleNext();
                        }
                    });
        }

        private void onDropCheck(BigInteger mined, BigInteger pending, JsonNode tx) {
            if (mined.compareTo(sent.nonce()) > 0) {
                // the nonce is mined: by this transaction (its receipt is due) or by another one
                rpc.call("eth_getTransactionReceipt", hash).thenCompose(this::examine).whenComplete((polled, error) -> {
                    if (error == null && polled.receipt() == null) {
                        drop(TransactionDroppedException.Reason.NONCE_USED, "its nonce " + sent.nonce()
                                + " was used by another transaction (the sender's mined nonce is " + mined + ")");
                    } else {
                        onPolled(polled, error);
                    }
                });
                return;
            }
            if (tx == null || tx.isNull()) {
                if (knownToNode) {
                    if (++goneChecks >= 2) {
                        drop(TransactionDroppedException.Reason.GONE, "the node no longer has it (no receipt, not pending; "
                                + "a reorganisation or the node's pool dropped it)");
                        return;
                    }
                } else if (raw != null && !rebroadcast) {
                    rebroadcast = true;
                    log.info("{} ({}) is unknown to the node after a send in doubt: broadcasting its signed bytes again",
                            sent.request().label(), hash);
                    rpc.call("eth_sendRawTransaction", raw).whenComplete((ok, error) -> {
                        if (error == null) {
                            knownToNode = true;
                        } else {
                            lastError = Futures.unwrap(error);
                        }
                        scheduleNext();
                    });
                    return;
                }
                scheduleNext();
                return;
            }
            knownToNode = true;
            goneChecks = 0;
            boolean pendingInPool = !tx.hasNonNull("blockNumber");
            if (pendingInPool && pending.compareTo(sent.nonce()) <= 0 && !gapReported) {
                gapReported = true;
                log.warn("{} ({}, nonce {}) waits behind a nonce gap: the node's pending nonce of {} is {}; resyncing so the "
                        + "next send fills it", sent.request().label(), hash, sent.nonce(), sender, pending);
                nonces.resync(sender);
            }
            scheduleNext();
        }

        private void drop(TransactionDroppedException.Reason reason, String why) {
            nonces.resync(sender);
            log.warn("{} ({}) dropped: {}", sent.request().label(), hash, why);
            result.completeExceptionally(new TransactionDroppedException(sent.request().label() + " (" + hash + ") was dropped: "
                    + why + "; it will not be mined, and retrying is safe", sent, reason));
        }

        private void scheduleNext() {
            if (result.isDone()) {
                return;
            }
            long remaining = deadline - System.nanoTime();
            long next = Math.max(0, Math.min(delay.toNanos(), remaining));
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(receiptPolicy.maxPoll()) > 0 ? receiptPolicy.maxPoll() : doubled;
            try {
                scheduler.schedule(this::poll, next, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(timeout("SDK closed while waiting", e));
            }
        }
    }

    /** The receipt once it has the confirmations and its block is still canonical; else what keeps the wait on. */
    private CompletableFuture<Polled> confirmed(TxReceipt receipt) {
        if (receiptPolicy.confirmations() <= 1) {
            return CompletableFuture.completedFuture(new Polled(receipt, true, null));
        }
        return rpc.call("eth_blockNumber").thenCompose(head -> {
            long depth = Quantities.toLong(head) - receipt.blockNumber() + 1;
            if (depth < receiptPolicy.confirmations()) {
                return CompletableFuture.completedFuture(new Polled(receipt, false, "mined in block " + receipt.blockNumber()
                        + ", " + Math.max(depth, 0) + " of " + receiptPolicy.confirmations() + " confirmations"));
            }
            return rpc.call("eth_getBlockByNumber", Quantities.encode(receipt.blockNumber()), false)
                    .thenApply(block -> block != null && receipt.blockHash().equalsIgnoreCase(block.path("hash").asText())
                            ? new Polled(receipt, true, null)
                            : new Polled(receipt, false, "mined in block " + receipt.blockNumber() + " (" + receipt.blockHash()
                                    + "), which a reorganisation replaced"));
        });
    }

    private CompletableFuture<TxReceipt> explainFailure(SentTransaction sent, TxReceipt receipt) {
        String context = sent.request().label() + " (mined in block " + receipt.blockNumber() + ", tx " + sent.hash() + ")";
        TxRequest replay = sent.request().withGasLimit(sent.gasLimit());
        // replay on the state after its block: a transaction that failed changed nothing, and what
        // made it fail is most often an earlier transaction of the same block
        return calls.call(sender, replay, Quantities.encode(receipt.blockNumber())).handle((ok, error) -> {
            Throwable cause = error == null ? null : Futures.unwrap(error);
            if (cause instanceof ContractRevertException revert) {
                throw new CompletionException(calls.decoder().decode(context, revert.revertData()));
            }
            // the replay did not revert (state moved on): out of gas or a revert we cannot reproduce
            throw new CompletionException(new ContractRevertException(context, "0x",
                    "status 0 (gas used " + receipt.gasUsed() + " of " + sent.gasLimit() + "; the replay did not reproduce it)"));
        });
    }

    /**
     * A failure before anything was broadcast: a node refusal that is no revert (e.g. insufficient
     * funds) is a {@link TransactionRejectedException}, a transport failure a
     * {@link TransactionNotSentException}; reverts, typed transaction failures and bad input pass as
     * they are.
     */
    private static Throwable notSent(TxRequest request, String what, Throwable error) {
        if (error instanceof RpcErrorException rpcError) {
            return new TransactionRejectedException(request.label() + " not sent: the node refused to " + what + ": "
                    + rpcError.rpcMessage(), rpcError);
        }
        if (error instanceof NodeUnavailableException || error instanceof RpcProtocolException) {
            return new TransactionNotSentException(request.label() + " not sent: could not " + what + " ("
                    + error.getMessage() + ")", null, error);
        }
        return error;
    }

    private static final java.util.regex.Pattern TX_HASH = java.util.regex.Pattern.compile("0x[0-9a-fA-F]{64}");
}
