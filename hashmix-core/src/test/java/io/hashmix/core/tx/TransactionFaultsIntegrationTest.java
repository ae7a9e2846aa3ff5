package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.testing.devnet.DevTokens;
import io.hashmix.core.events.LogCursor;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogUpdate;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.RpcCall;
import io.hashmix.core.rpc.RpcResponse;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.proofs.EvmAddress;

/**
 * Issue 16: one key pipelines sends through a {@link FaultProxy} in front of a local Hardhat node, one
 * fault mode per test. Whatever the fault does, every send ends as OK (receipt), UNKNOWN (with the
 * hash), NOT_SENT or DROPPED; the counts add up; nothing reported not sent or dropped is mined, nothing
 * is mined twice, and the key's nonces have no gap. Each request pays a distinct fresh address a
 * distinct amount, so the chain says which requests were mined, and how often.
 */
@ExtendWith(LocalChainExtension.class)
class TransactionFaultsIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(TransactionFaultsIntegrationTest.class);
    private static final int SENDS = 40;
    private static final int SENDER = 1;
    private static final ReceiptPolicy RECEIPTS = new ReceiptPolicy(1, Duration.ofSeconds(60), Duration.ofMillis(25),
            Duration.ofMillis(500), Duration.ofSeconds(1));

    /** One run's figures: the row of the fault table in docs/transactions.md. */
    record Tally(String mode, int requested, int mined, int ok, int unknown, int unknownMined, int notSent, int dropped,
                 int failedButMined, int injected) {
        String row() {
            return "| " + mode + " | " + requested + " | " + mined + " | " + ok + " | " + unknown + " (" + unknownMined + " mined) | "
                    + notSent + " | " + dropped + " | " + failedButMined + " | " + injected + " |";
        }
    }

    private enum Outcome { OK, UNKNOWN, NOT_SENT, DROPPED }

    private static EvmAddress payee(String run, int i) {
        return EvmAddress.of("0x" + Hash.sha3String("fault-run-" + run + "-" + i).substring(26));
    }

    private static long nonce(LocalChain chain, EvmAddress a, String tag) {
        return Quantities.toLong(chain.rpc().call("eth_getTransactionCount", a.hex(), tag).join());
    }

    private HashMix clientThrough(LocalChain chain, FaultProxy proxy) {
        return chain.track(HashMix.builder().rpc(proxy.url()).credentials(chain.account(SENDER)).deployment(chain.deployment())
                .requestTimeout(Duration.ofSeconds(2)).receiptPolicy(RECEIPTS).build());
    }

    /**
     * Pipelines {@code sends} transfers from one key through the proxy faulting {@code mode}, then checks
     * the outcomes against the chain (read directly, not through the proxy) and sends three more cleanly.
     */
    private Tally run(LocalChain chain, FaultProxy.Mode mode, double firstRate, double repeatRate, int sends, long seed,
                      java.util.function.Consumer<FaultProxy> checkProxy) throws Exception {
        EvmAddress sender = chain.address(SENDER);
        long nonceBefore = nonce(chain, sender, "latest");
        List<CompletableFuture<TxReceipt>> futures = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        int injected;
        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), seed)) {
            HashMix hm = clientThrough(chain, proxy);
            proxy.inject(mode, firstRate, repeatRate);
            for (int i = 0; i < sends; i++) {
                futures.add(hm.transactions().send(TxRequest.transfer(payee(mode.name(), i), BigInteger.valueOf(1_000 + i))));
            }
            // a hang guard, not a timing assertion: every send must end
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(10, TimeUnit.MINUTES);
            for (CompletableFuture<TxReceipt> f : futures) {
                try {
                    TxReceipt r = f.join();
                    outcomes.add(Outcome.OK);
                    hashes.add(r.transactionHash());
                } catch (RuntimeException e) {
                    Throwable cause = Futures.unwrap(e);
                    TransactionException te = assertInstanceOf(TransactionException.class, cause,
                            "every failed send says what is known about the transaction: " + cause);
                    outcomes.add(switch (te.outcome()) {
                        case UNKNOWN -> Outcome.UNKNOWN;
                        case NOT_SENT -> Outcome.NOT_SENT;
                        case DROPPED -> Outcome.DROPPED;
                    });
                    if (te.outcome() != SendOutcome.NOT_SENT) {
                        assertTrue(te.hash().isPresent(), "UNKNOWN and DROPPED carry the hash: " + te);
                    }
                    hashes.add(te.hash().orElse(null));
                }
            }
            injected = proxy.injected(mode);
            checkProxy.accept(proxy);

            // the follow-up sends all go through
            proxy.clean();
            for (int i = 0; i < 3; i++) {
                TxReceipt r = hm.transactions().send(TxRequest.transfer(payee(mode.name() + "-after", i), BigInteger.ONE))
                        .get(2, TimeUnit.MINUTES);
                assertTrue(r.success());
            }
        }

        // what the chain says, read directly
        List<RpcCall> balanceCalls = new ArrayList<>();
        for (int i = 0; i < sends; i++) {
            balanceCalls.add(RpcCall.of("eth_getBalance", payee(mode.name(), i).hex(), "latest"));
        }
        List<RpcResponse> balances = chain.rpc().batch(balanceCalls).join();
        int mined = 0;
        int ok = 0;
        int unknown = 0;
        int unknownMined = 0;
        int notSent = 0;
        int dropped = 0;
        int failedButMined = 0;
        for (int i = 0; i < sends; i++) {
            BigInteger balance = Quantities.toBigInteger(balances.get(i).get());
            BigInteger value = BigInteger.valueOf(1_000 + i);
            assertTrue(balance.signum() == 0 || balance.equals(value), "request " + i + " paid " + balance + ", not 0 or " + value
                    + ": mined twice");
            boolean wasMined = balance.equals(value);
            mined += wasMined ? 1 : 0;
            switch (outcomes.get(i)) {
                case OK -> {
                    ok++;
                    assertTrue(wasMined, "request " + i + " reported OK but not mined");
                }
                case UNKNOWN -> {
                    unknown++;
                    if (wasMined) {
                        unknownMined++;
                        JsonNode receipt = chain.rpc().call("eth_getTransactionReceipt", hashes.get(i)).join();
                        assertTrue(receipt != null && !receipt.isNull(),
                                "request " + i + " was mined under another hash than the one reported: it was signed twice");
                    }
                }
                case NOT_SENT -> {
                    notSent++;
                    failedButMined += wasMined ? 1 : 0;
                }
                case DROPPED -> {
                    dropped++;
                    failedButMined += wasMined ? 1 : 0;
                }
            }
        }
        long nonceAfter = nonce(chain, sender, "latest");
        Tally tally = new Tally(mode.name(), sends, mined, ok, unknown, unknownMined, notSent, dropped, failedButMined, injected);
        log.info("fault table row: {}", tally.row());
        System.out.println("FAULT-TABLE " + tally.row());

        assertEquals(sends, ok + unknown + notSent + dropped, "every send ended in exactly one outcome");
        assertEquals(0, failedButMined, "no transaction reported not sent or dropped was mined");
        assertEquals(nonceBefore + mined + 3, nonceAfter, "one nonce per mined transaction (and the 3 follow-ups)");
        assertEquals(nonceAfter, nonce(chain, sender, "pending"), "nothing waits behind a nonce gap");
        assertTrue(injected > 0, "the proxy injected faults");
        assertTrue(ok > 0, "some sends went through");
        return tally;
    }

    @Test
    void rateLimitedWithRetryAfter(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.RATE_LIMIT, 0.2, 0.4, SENDS, 16_001, proxy -> {
            List<Long> gaps = proxy.rateLimitRetryGapsMillis();
            assertTrue(!gaps.isEmpty(), "some rate-limited calls were retried");
            // the node said Retry-After: 1; the lower bound holds on any machine
            assertTrue(gaps.stream().allMatch(g -> g >= 1000), "every retry waited the Retry-After: " + gaps);
        });
    }

    @Test
    void droppedConnections(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.DROP_CONNECTION, 0.2, 0.4, SENDS, 16_002, proxy -> { });
    }

    @Test
    void slowAnswersBeyondTheRequestTimeout(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.SLOW, 0.1, 0.3, 30, 16_003, proxy -> { });
    }

    @Test
    void truncatedAnswers(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.TRUNCATED, 0.2, 0.4, SENDS, 16_004, proxy -> { });
    }

    @Test
    void answersThatAreNotJson(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.NOT_JSON, 0.2, 0.4, SENDS, 16_005, proxy -> { });
    }

    @Test
    void injectedJsonRpcErrors(LocalChain chain) throws Exception {
        run(chain, FaultProxy.Mode.RPC_ERROR, 0.2, 0.4, SENDS, 16_006, proxy -> { });
    }

    /**
     * A node that accepts connections and never answers, mid-pipeline: the sends queued behind the one
     * that found it unavailable fail together as not sent (they do not each wait out a retry cycle), and
     * once the node answers again the key's next sends go through with no nonce gap.
     */
    @Test
    void hangingNodeFailsTheQueueWithinOneRetryCycle(LocalChain chain) throws Exception {
        EvmAddress sender = chain.address(SENDER);
        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 16_007)) {
            HashMix hm = chain.track(HashMix.builder().rpc(proxy.url()).credentials(chain.account(SENDER))
                    .deployment(chain.deployment()).requestTimeout(Duration.ofMillis(700))
                    .retryPolicy(new io.hashmix.core.rpc.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)))
                    .receiptPolicy(RECEIPTS.withTimeout(Duration.ofSeconds(8))).build());
            List<CompletableFuture<SentTransaction>> queue = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                queue.add(hm.transactions().submit(TxRequest.transfer(payee("hang", i), BigInteger.ONE)));
            }
            // let some through, then the node hangs
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (queue.stream().filter(CompletableFuture::isDone).count() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            proxy.inject(FaultProxy.Mode.BLACKHOLE, 1, 1);
            int sendsBefore = proxy.requests("eth_sendRawTransaction");
            int countsBefore = proxy.requests("eth_getTransactionCount");
            CompletableFuture.allOf(queue.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(5, TimeUnit.MINUTES);

            int ok = 0;
            int notSent = 0;
            int unknown = 0;
            for (CompletableFuture<SentTransaction> f : queue) {
                if (!f.isCompletedExceptionally()) {
                    ok++;
                    continue;
                }
                Throwable cause = Futures.unwrap(assertThrowsCompletion(f));
                TransactionException te = assertInstanceOf(TransactionException.class, cause, cause.toString());
                if (te.outcome() == SendOutcome.NOT_SENT) {
                    notSent++;
                } else {
                    assertEquals(SendOutcome.UNKNOWN, te.outcome());
                    unknown++;
                }
            }
            int sendAttempts = proxy.requests("eth_sendRawTransaction") - sendsBefore;
            int nonceReads = proxy.requests("eth_getTransactionCount") - countsBefore;
            System.out.println("FAULT-TABLE | HANG (node never answers) | 60 | " + ok + " | " + ok + " | " + unknown + " | " + notSent
                    + " | 0 | 0 | " + (sendAttempts + nonceReads) + " attempts after the hang |");
            assertEquals(60, ok + notSent + unknown);
            assertTrue(unknown <= 1, "only the send in flight when the node hung may be unknown: " + unknown);
            assertTrue(notSent >= 60 - ok - 1, "the rest of the queue failed as not sent: " + notSent);
            // one retry cycle (3 attempts) for the send or nonce read that found the node down, not one per queued send
            assertTrue(sendAttempts + nonceReads <= 3, "attempts after the hang: " + sendAttempts + " sends, " + nonceReads + " nonce reads");

            // the node answers again: the key's next sends go through, no gap
            proxy.clean();
            long before = nonce(chain, sender, "latest");
            for (int i = 0; i < 3; i++) {
                assertTrue(hm.transactions().send(TxRequest.transfer(payee("hang-after", i), BigInteger.ONE)).get(2, TimeUnit.MINUTES).success());
            }
            assertEquals(before + 3 + (unknown == 1 && minedByHash(chain, queue) ? 1 : 0), nonce(chain, sender, "latest"));
            assertEquals(nonce(chain, sender, "latest"), nonce(chain, sender, "pending"));
        }
    }

    private static boolean minedByHash(LocalChain chain, List<CompletableFuture<SentTransaction>> queue) {
        for (CompletableFuture<SentTransaction> f : queue) {
            if (f.isCompletedExceptionally()
                    && Futures.unwrap(assertThrowsCompletion(f)) instanceof TransactionOutcomeUnknownException u) {
                JsonNode r = chain.rpc().call("eth_getTransactionReceipt", u.transactionHash()).join();
                return r != null && !r.isNull();
            }
        }
        return false;
    }

    private static Throwable assertThrowsCompletion(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    /**
     * A reorganisation after the receipt was seen: with 3 confirmations the wait sees the receipt, the
     * chain is rolled back (evm_revert) and grows again without it, and the caller is told the
     * transaction was dropped, never handed the receipt; a log cursor that reported its Transfer log
     * reports it removed; the key's next send takes the freed nonce. Then the same with another
     * transaction taking the nonce on the new chain (NONCE_USED).
     */
    @Test
    void reorganisationDropsATransactionAndRemovesItsLogs(LocalChain chain) throws Exception {
        EvmAddress token = chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        ReceiptPolicy threeConfirmations = RECEIPTS.withConfirmations(3).withDropCheckInterval(Duration.ofMillis(100))
                .withTimeout(Duration.ofSeconds(60));
        HashMix hm = chain.client(0, b -> b.receiptPolicy(threeConfirmations)); // account 0 owns the test token
        DevTokens dev = new DevTokens(hm);
        EvmAddress sender = hm.account();
        long start = Quantities.toLong(chain.rpc().call("eth_blockNumber").join());
        LogCursor<LogEntry> cursor = LogCursor.logs(chain.rpc(), LogFilter.of(token, start + 1, List.of())).reorgDepth(16).build();

        // 1. the transaction is gone after the rollback
        String snapshot = chain.control().snapshot().join();
        long nonceBefore = nonce(chain, sender, "latest");
        CompletableFuture<TxReceipt> doomed = hm.transactions().send(dev.mintRequest(token, chain.address(7), BigInteger.valueOf(5)));
        waitForNonce(chain, sender, nonceBefore + 1);
        LogUpdate<LogEntry> seen = cursor.poll().join();
        assertEquals(1, seen.added().size(), "the cursor reported the mint's Transfer log");
        String doomedHash = seen.added().get(0).transactionHash();
        chain.control().revert(snapshot).join();
        chain.control().mine(4).join();

        TransactionDroppedException gone = assertInstanceOf(TransactionDroppedException.class,
                Futures.unwrap(assertThrowsCompletion(doomedWithin(doomed))));
        assertEquals(TransactionDroppedException.Reason.GONE, gone.reason());
        assertEquals(doomedHash, gone.transactionHash());
        assertEquals(BigInteger.valueOf(nonceBefore), gone.nonce());

        LogUpdate<LogEntry> afterReorg = cursor.poll().join();
        assertTrue(afterReorg.reorganisation().isPresent());
        assertEquals(List.of(doomedHash), afterReorg.removed().stream().map(LogEntry::transactionHash).toList(),
                "the Transfer log it reported is reported removed");
        assertTrue(afterReorg.added().isEmpty());

        // the next send of the key takes the freed nonce: no gap
        CompletableFuture<TxReceipt> nextSend = hm.transactions().send(dev.mintRequest(token, chain.address(7), BigInteger.valueOf(6)));
        waitForNonce(chain, sender, nonceBefore + 1);
        chain.control().mine(2).join(); // its 3 confirmations
        TxReceipt next = nextSend.get(2, TimeUnit.MINUTES);
        JsonNode nextTx = chain.rpc().call("eth_getTransactionByHash", next.transactionHash()).join();
        assertEquals(nonceBefore, Quantities.toLong(nextTx.get("nonce")));
        assertEquals(List.of(next.transactionHash()), cursor.poll().join().added().stream().map(LogEntry::transactionHash).toList());

        // 2. another transaction takes the nonce on the new chain
        String snapshot2 = chain.control().snapshot().join();
        long nonce2 = nonce(chain, sender, "latest");
        CompletableFuture<TxReceipt> replaced = hm.transactions().send(dev.mintRequest(token, chain.address(8), BigInteger.valueOf(7)));
        waitForNonce(chain, sender, nonce2 + 1);
        assertEquals(1, cursor.poll().join().added().size());
        chain.control().revert(snapshot2).join();
        HashMix other = chain.client(0); // the same key from another process
        TxReceipt winner = other.transactions().send(new DevTokens(other).mintRequest(token, chain.address(9), BigInteger.valueOf(8)))
                .get(2, TimeUnit.MINUTES);
        chain.control().mine(3).join();

        TransactionDroppedException used = assertInstanceOf(TransactionDroppedException.class,
                Futures.unwrap(assertThrowsCompletion(doomedWithin(replaced))));
        assertEquals(TransactionDroppedException.Reason.NONCE_USED, used.reason());
        assertEquals(BigInteger.valueOf(nonce2), used.nonce());
        LogUpdate<LogEntry> second = cursor.poll().join();
        assertEquals(1, second.removed().size());
        assertEquals(used.transactionHash(), second.removed().get(0).transactionHash());
        assertEquals(List.of(winner.transactionHash()), second.added().stream().map(LogEntry::transactionHash).toList());
        assertEquals(BigInteger.ZERO, hm.erc20().balanceOf(token, chain.address(8)).join(), "the dropped mint never happened");
        assertEquals(nonce(chain, sender, "latest"), nonce(chain, sender, "pending"));
    }

    private static CompletableFuture<TxReceipt> doomedWithin(CompletableFuture<TxReceipt> f) {
        return f.orTimeout(60, TimeUnit.SECONDS);
    }

    private static void waitForNonce(LocalChain chain, EvmAddress a, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (nonce(chain, a, "latest") < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("transaction never mined");
            }
            Thread.sleep(10);
        }
    }
}
