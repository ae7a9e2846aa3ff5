package io.hashmix.core.tx;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;


import io.hashmix.core.internal.Futures;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.core.rpc.RpcErrorException;
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
 * the nonce is taken costs nothing. Retried sends carry the identical signed bytes; "already known"
 * counts as sent. Thread-safe: many threads may send at once.
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
     * @return the successful receipt; fails with a {@link ContractRevertException} subclass on a revert
     */
    public CompletableFuture<TxReceipt> send(TxRequest request) {
        return submit(request).thenCompose(this::awaitReceipt);
    }

    /**
     * Simulates, estimates, signs and sends, without waiting to be mined. Submissions of this
     * sender reach the node in call order.
     */
    public CompletableFuture<SentTransaction> submit(TxRequest request) {
        CompletableFuture<BigInteger> gas = (request.gasLimit() != null
                ? calls.call(sender, request).thenApply(ignored -> request.gasLimit())
                : calls.estimateGas(sender, request).thenApply(feePolicy::gasLimitFor))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(rejectedIfRpcError(request, Futures.unwrap(e))));
        CompletableFuture<Prepared> prepared =
                gas.thenCombine(fees.estimate(), (gasLimit, feeSnapshot) -> new Prepared(gasLimit, feeSnapshot));
        // take the place in the sender's line now, the nonce once prepared: sends keep call order
        return nonces.submit(sender, prepared, (nonce, p) -> signAndSend(request, nonce, p));
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
        String hash = Hash.sha3(hex);
        SentTransaction sent = new SentTransaction(hash, sender, nonce, p.gasLimit(), p.fees(), request);
        String context = request.label() + " (send)";
        return rpc.call("eth_sendRawTransaction", hex)
                .thenApply(returned -> {
                    if (!hash.equalsIgnoreCase(returned.asText())) {
                        log.warn("node returned hash {} for {}, expected {}", returned.asText(), request.label(), hash);
                    }
                    log.debug("sent {} nonce {} hash {}", request.label(), nonce, hash);
                    return sent;
                })
                .exceptionallyCompose(e -> onSendError(context, sent, Futures.unwrap(e)));
    }

    private CompletableFuture<SentTransaction> onSendError(String context, SentTransaction sent, Throwable error) {
        if (error instanceof RpcErrorException rpcError) {
            String m = rpcError.rpcMessage().toLowerCase(Locale.ROOT);
            if (m.contains("already known") || m.contains("known transaction") || m.contains("already imported")) {
                return CompletableFuture.completedFuture(sent);
            }
            var revert = calls.decoder().fromRpcError(context, rpcError);
            if (revert.isPresent()) {
                revert.get().addSuppressed(rpcError);
                return CompletableFuture.failedFuture(revert.get());
            }
            if (NonceManager.isNonceConflict(rpcError)) {
                // a retried send whose first attempt got through looks like a conflict: is it ours?
                return rpc.call("eth_getTransactionByHash", sent.hash()).thenCompose(tx ->
                        tx != null && !tx.isNull() ? CompletableFuture.completedFuture(sent)
                                : CompletableFuture.failedFuture(rpcError));
            }
            return CompletableFuture.failedFuture(new TransactionRejectedException(
                    sent.request().label() + " rejected by the node: " + rpcError.rpcMessage(), rpcError));
        }
        if (error instanceof NodeUnavailableException) {
            log.warn("node unavailable while sending {} (hash {}): it may or may not have been received",
                    sent.request().label(), sent.hash());
        }
        return CompletableFuture.failedFuture(error);
    }

    /** Awaits the receipt of a sent transaction; a failed one is replayed to decode its revert. */
    public CompletableFuture<TxReceipt> awaitReceipt(SentTransaction sent) {
        return awaitReceipt(sent.hash()).thenCompose(receipt -> receipt.success()
                ? CompletableFuture.completedFuture(receipt)
                : explainFailure(sent, receipt));
    }

    /**
     * Awaits a receipt by hash with the configured confirmations, re-checking the block hash after
     * the confirmations (a reorg moves the wait on). Fails with {@link ReceiptTimeoutException} after
     * the timeout; the receipt of a failed transaction is returned as is ({@code success == false}).
     */
    public CompletableFuture<TxReceipt> awaitReceipt(String transactionHash) {
        CompletableFuture<TxReceipt> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + receiptPolicy.timeout().toNanos();
        poll(transactionHash, receiptPolicy.initialPoll(), deadline, result, null);
        return result;
    }

    private void poll(String hash, Duration delay, long deadline, CompletableFuture<TxReceipt> result, Throwable lastError) {
        rpc.call("eth_getTransactionReceipt", hash)
                .thenCompose(node -> node == null || node.isNull()
                        ? CompletableFuture.completedFuture((TxReceipt) null)
                        : confirmed(TxReceipt.fromJson(node)))
                .whenComplete((receipt, error) -> {
                    if (receipt != null) {
                        result.complete(receipt);
                        return;
                    }
                    Throwable cause = error == null ? lastError : Futures.unwrap(error);
                    if (cause != null && !(cause instanceof NodeUnavailableException)) {
                        result.completeExceptionally(cause);
                        return;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        result.completeExceptionally(new ReceiptTimeoutException(hash, receiptPolicy.timeout(),
                                receiptPolicy.confirmations() > 1 ? "waiting for " + receiptPolicy.confirmations()
                                        + " confirmations" : "not mined", cause));
                        return;
                    }
                    long next = Math.min(delay.toNanos(), remaining);
                    Duration nextDelay = delay.multipliedBy(2).compareTo(receiptPolicy.maxPoll()) > 0
                            ? receiptPolicy.maxPoll() : delay.multipliedBy(2);
                    try {
                        scheduler.schedule(() -> poll(hash, nextDelay, deadline, result, cause), next, TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException e) {
                        result.completeExceptionally(new ReceiptTimeoutException(hash, receiptPolicy.timeout(),
                                "SDK closed while waiting", e));
                    }
                });
    }

    /** The receipt once it has the confirmations and its block is still canonical; null to keep waiting. */
    private CompletableFuture<TxReceipt> confirmed(TxReceipt receipt) {
        if (receiptPolicy.confirmations() <= 1) {
            return CompletableFuture.completedFuture(receipt);
        }
        return rpc.call("eth_blockNumber").thenCompose(head -> {
            long depth = Quantities.toLong(head) - receipt.blockNumber() + 1;
            if (depth < receiptPolicy.confirmations()) {
                return CompletableFuture.completedFuture(null);
            }
            return rpc.call("eth_getBlockByNumber", Quantities.encode(receipt.blockNumber()), false)
                    .thenApply(block -> block != null && receipt.blockHash().equalsIgnoreCase(block.path("hash").asText())
                            ? receipt : null);
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

    /** A node refusal of the simulation that is no revert (e.g. insufficient funds): nothing was sent. */
    private static Throwable rejectedIfRpcError(TxRequest request, Throwable error) {
        return error instanceof RpcErrorException rpcError
                ? new TransactionRejectedException(request.label() + " not sent: the node refused to simulate it: "
                        + rpcError.rpcMessage(), rpcError)
                : error;
    }

}
