package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.crypto.transaction.type.TransactionType;
import org.web3j.utils.Numeric;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

class TransactionSenderTest {

    /** Hardhat's first dev account; a fixed key so signatures are reproducible. */
    private static final Credentials KEY =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final String FROM = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final long CHAIN_ID = 31337;
    private static final EvmAddress TO = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final String CALLDATA = "0x12345678";
    private static final String LABEL = "Registry.register";
    private static final String OTHER_ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String UNAUTHORIZED = FunctionEncoder.encode(
            new Function("OwnableUnauthorizedAccount", List.of(new Address(OTHER_ACCOUNT)), List.of()));
    private static final RevertDecoder DECODER = RevertDecoder.builder(AbiErrorCatalog.ofProtocol())
            .map("OwnableUnauthorizedAccount(address)", UnauthorizedAccountException::new).build();

    private static final BigInteger BASE_FEE = BigInteger.valueOf(1_000_000_000L); // 0x3b9aca00
    private static final BigInteger TIP = BigInteger.valueOf(100_000_000L); // 0x5f5e100
    private static final BigInteger ESTIMATE = BigInteger.valueOf(100_000); // 0x186a0
    private static final String BLOCK_HASH = "0x" + "aa".repeat(32);
    private static final ReceiptPolicy FAST_RECEIPTS =
            new ReceiptPolicy(1, Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(20));

    private ScriptedNode node;
    private ScheduledExecutorService scheduler;
    private JsonRpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        node = ScriptedNode.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        rpc = node.client(scheduler, RetryPolicy.NONE);
        node.on("eth_estimateGas", Quantities.encode(ESTIMATE))
                .on("eth_getBlockByNumber", (ScriptedNode.Responder) params -> block(params.path(0).asText(), BLOCK_HASH))
                .on("eth_maxPriorityFeePerGas", Quantities.encode(TIP))
                .on("eth_getTransactionCount", "0x7")
                .on("eth_sendRawTransaction", (ScriptedNode.Responder) params -> Hash.sha3(params.path(0).asText()))
                .on("eth_getTransactionReceipt", (ScriptedNode.Responder) params ->
                        receipt(params.path(0).asText(), 0x10, BLOCK_HASH, true));
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        node.close();
    }

    private TransactionSender sender(FeePolicy fees, ReceiptPolicy receipts) {
        return new TransactionSender(rpc, KEY, CHAIN_ID, fees, receipts, new NonceManager(rpc),
                new ContractCalls(rpc, DECODER), scheduler);
    }

    private TransactionSender sender() {
        return sender(FeePolicy.DEFAULT, FAST_RECEIPTS);
    }

    private static TxRequest request() {
        return TxRequest.call(TO, CALLDATA, LABEL);
    }

    private static Map<String, Object> block(String tag, String hash) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("number", tag.equals("latest") ? "0x10" : tag);
        block.put("hash", hash);
        block.put("baseFeePerGas", Quantities.encode(BASE_FEE));
        return block;
    }

    private static Map<String, Object> receipt(String hash, long block, String blockHash, boolean success) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("transactionHash", hash);
        r.put("blockNumber", Quantities.encode(block));
        r.put("blockHash", blockHash);
        r.put("status", success ? "0x1" : "0x0");
        r.put("from", FROM);
        r.put("to", TO.hex());
        r.put("gasUsed", "0x5208");
        r.put("effectiveGasPrice", "0x3b9aca00");
        r.put("contractAddress", null);
        r.put("logs", List.of());
        return r;
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }

    private List<String> rawTransactions() {
        return node.calls("eth_sendRawTransaction").stream().map(c -> c.param(0)).toList();
    }

    private static SignedRawTransaction decode(String raw) {
        return assertInstanceOf(SignedRawTransaction.class, TransactionDecoder.decode(raw));
    }

    private static BigInteger nonceOf(String raw) {
        return decode(raw).getNonce();
    }

    @Test
    void happyPathEstimatesSnapshotsFeesSignsSendsAndAwaitsTheReceipt() throws Exception {
        TxReceipt receipt = await(sender().send(request()));

        List<String> methods = node.methods();
        assertEquals(6, methods.size(), methods.toString());
        // the estimate and the fee snapshot run concurrently; the fee calls are in order among themselves
        assertEquals(Set.of("eth_estimateGas", "eth_getBlockByNumber", "eth_maxPriorityFeePerGas"),
                Set.copyOf(methods.subList(0, 3)));
        assertTrue(methods.indexOf("eth_getBlockByNumber") < methods.indexOf("eth_maxPriorityFeePerGas"));
        assertEquals(List.of("eth_getTransactionCount", "eth_sendRawTransaction", "eth_getTransactionReceipt"),
                methods.subList(3, 6));

        ScriptedNode.Call estimate = node.calls("eth_estimateGas").get(0);
        assertEquals(FROM, estimate.params().get(0).path("from").asText());
        assertEquals(TO.hex(), estimate.params().get(0).path("to").asText());
        assertEquals(CALLDATA, estimate.params().get(0).path("data").asText());
        assertEquals(List.of(FROM, "pending"), List.of(node.calls("eth_getTransactionCount").get(0).param(0),
                node.calls("eth_getTransactionCount").get(0).param(1)));

        String raw = rawTransactions().get(0);
        SignedRawTransaction signed = decode(raw);
        assertEquals(TransactionType.EIP1559, signed.getType());
        Transaction1559 tx = assertInstanceOf(Transaction1559.class, signed.getTransaction());
        assertEquals(BigInteger.valueOf(7), tx.getNonce());
        assertEquals(BigInteger.valueOf(120_000), tx.getGasLimit(), "estimate x 1.2");
        assertEquals(BASE_FEE.multiply(BigInteger.TWO).add(TIP), tx.getMaxFeePerGas(), "2 x base fee + tip");
        assertEquals(TIP, tx.getMaxPriorityFeePerGas());
        assertEquals(CHAIN_ID, tx.getChainId());
        assertEquals(TO.hex(), tx.getTo().toLowerCase());
        assertEquals(BigInteger.ZERO, tx.getValue());
        assertEquals(Numeric.cleanHexPrefix(CALLDATA), Numeric.cleanHexPrefix(tx.getData()));
        assertEquals(FROM, signed.getFrom().toLowerCase());
        assertEquals(KEY.getAddress(), signed.getFrom().toLowerCase());

        assertEquals(Hash.sha3(raw), receipt.transactionHash());
        assertEquals(Hash.sha3(raw), node.calls("eth_getTransactionReceipt").get(0).param(0));
        assertTrue(receipt.success());
        assertEquals(16, receipt.blockNumber());
        assertEquals(EvmAddress.of(FROM), receipt.from());
    }

    @Test
    void submitReturnsTheSentTransactionWithItsLocalHash() throws Exception {
        SentTransaction sent = await(sender().submit(request()));

        String raw = rawTransactions().get(0);
        assertEquals(Hash.sha3(raw), sent.hash());
        assertEquals(BigInteger.valueOf(7), sent.nonce());
        assertEquals(BigInteger.valueOf(120_000), sent.gasLimit());
        assertEquals(new Fees.Eip1559(TIP, BASE_FEE.multiply(BigInteger.TWO).add(TIP)), sent.fees());
        assertEquals(EvmAddress.of(FROM), sent.sender());
        assertEquals(request(), sent.request());
        assertEquals(0, node.count("eth_getTransactionReceipt"));
    }

    @Test
    void consecutiveSubmissionsUseConsecutiveNoncesFromOneRead() throws Exception {
        TransactionSender sender = sender();

        await(sender.submit(request()));
        await(sender.submit(request()));

        assertEquals(List.of(BigInteger.valueOf(7), BigInteger.valueOf(8)),
                rawTransactions().stream().map(TransactionSenderTest::nonceOf).toList());
        assertEquals(1, node.count("eth_getTransactionCount"));
    }

    @Test
    void submissionsTakeNoncesInCallOrderEvenWhenAnEarlierEstimateIsSlower() throws Exception {
        String slowData = "0xaaaaaaaa";
        CountDownLatch laterSubmissionMovedOn = new CountDownLatch(1);
        node.on("eth_estimateGas", (ScriptedNode.Responder) params -> {
            if (params.path(0).path("data").asText().equals(slowData)) {
                try {
                    // answer the first estimate only once the second submission took a nonce, or after
                    // a bounded wait when it rightly waits for the first (the fake node's wait, not an assertion)
                    laterSubmissionMovedOn.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Quantities.encode(ESTIMATE);
        }).on("eth_getTransactionCount", (ScriptedNode.Responder) params -> {
            laterSubmissionMovedOn.countDown();
            return "0x7";
        });
        TransactionSender sender = sender();

        CompletableFuture<SentTransaction> first = sender.submit(TxRequest.call(TO, slowData, "first"));
        CompletableFuture<SentTransaction> second = sender.submit(TxRequest.call(TO, CALLDATA, "second"));

        assertEquals(BigInteger.valueOf(7), await(first).nonce());
        assertEquals(BigInteger.valueOf(8), await(second).nonce());
        assertEquals(List.of(slowData, CALLDATA), rawTransactions().stream().map(r -> decode(r).getData())
                .map(d -> "0x" + Numeric.cleanHexPrefix(d)).toList());
    }

    @Test
    void chainWithoutBaseFeeSendsAnEip155LegacyTransaction() throws Exception {
        node.on("eth_getBlockByNumber", Map.of("number", "0x10", "hash", BLOCK_HASH))
                .on("eth_gasPrice", "0x4a817c800");

        await(sender().submit(request()));

        SignedRawTransaction signed = decode(rawTransactions().get(0));
        assertEquals(TransactionType.LEGACY, signed.getType());
        assertEquals(BigInteger.valueOf(20_000_000_000L), signed.getGasPrice());
        assertEquals(BigInteger.valueOf(120_000), signed.getGasLimit());
        assertEquals(Long.valueOf(CHAIN_ID), signed.getChainId());
        assertEquals(FROM, signed.getFrom().toLowerCase());
        assertEquals(0, node.count("eth_maxPriorityFeePerGas"));
    }

    @Test
    void fixedGasLimitSimulatesWithEthCallInsteadOfEstimating() throws Exception {
        node.on("eth_call", "0x");

        await(sender().submit(request().withGasLimit(BigInteger.valueOf(50_000))));

        assertEquals(0, node.count("eth_estimateGas"));
        ScriptedNode.Call call = node.calls("eth_call").get(0);
        assertEquals("0xc350", call.params().get(0).path("gas").asText());
        assertEquals("latest", call.param(1));
        assertEquals(BigInteger.valueOf(50_000), decode(rawTransactions().get(0)).getGasLimit());
    }

    @Test
    void revertAtEstimateFailsTypedWithoutTakingANonceOrSending() {
        node.on("eth_estimateGas", ScriptedNode.error(3, "execution reverted", UNAUTHORIZED));

        Throwable cause = failure(sender().send(request()));

        UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, cause);
        assertEquals(EvmAddress.of(OTHER_ACCOUNT), e.account());
        assertEquals(LABEL + " (gas estimate)", e.context());
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(RpcErrorException.class, e.getSuppressed()[0]);
        assertEquals(0, node.count("eth_getTransactionCount"));
        assertEquals(0, node.count("eth_sendRawTransaction"));
    }

    @Test
    void feeAboveTheCapFailsTheFutureWithoutTakingANonce() {
        FeePolicy fixedAboveCap = FeePolicy.DEFAULT.withMaxPriorityFeePerGas(TIP).withMaxFeePerGas(BASE_FEE)
                .withMaxFeePerGasCap(TIP);

        CompletableFuture<SentTransaction> submitted = sender(fixedAboveCap, FAST_RECEIPTS).submit(request());

        assertInstanceOf(TransactionRejectedException.class, failure(submitted));
        assertEquals(0, node.count("eth_getTransactionCount"));
        assertEquals(0, node.count("eth_sendRawTransaction"));
    }

    @Test
    void revertAtSendIsDecodedAndTheNextSendResyncsTheNonce() throws Exception {
        String hardhatMessage = "Error: VM Exception while processing transaction: reverted with custom error "
                + "'OwnableUnauthorizedAccount(\"" + OTHER_ACCOUNT + "\")'";
        ScriptedNode.Responder accept = params -> Hash.sha3(params.path(0).asText());
        node.on("eth_getTransactionCount", "0x7", "0x9")
                .on("eth_sendRawTransaction", accept,
                        ScriptedNode.error(-32603, hardhatMessage, Map.of("message", hardhatMessage, "data", UNAUTHORIZED)),
                        accept);
        TransactionSender sender = sender();
        assertEquals(BigInteger.valueOf(7), await(sender.submit(request())).nonce()); // caches nonce 8

        Throwable cause = failure(sender.submit(request()));

        UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, cause);
        assertEquals(LABEL + " (send)", e.context());
        assertEquals(UNAUTHORIZED, e.revertData());
        assertEquals(EvmAddress.of(OTHER_ACCOUNT), e.account());

        SentTransaction next = await(sender.submit(request()));

        assertEquals(2, node.count("eth_getTransactionCount"), "the failed send dropped the cached nonce");
        List<String> raws = rawTransactions();
        assertEquals(List.of(BigInteger.valueOf(7), BigInteger.valueOf(8), BigInteger.valueOf(9)),
                raws.stream().map(TransactionSenderTest::nonceOf).toList(),
                "the node's pending count after the failure is used: Hardhat mined the reverted one, so no reuse, no gap");
        assertEquals(BigInteger.valueOf(9), next.nonce());
    }

    @Test
    void nonceTooLowForAnUnknownTransactionResyncsAndResignsWithTheNewNonce() throws Exception {
        node.on("eth_getTransactionCount", "0x7", "0x9")
                .on("eth_sendRawTransaction", ScriptedNode.error(-32000, "nonce too low"),
                        (ScriptedNode.Responder) params -> Hash.sha3(params.path(0).asText()))
                .on("eth_getTransactionByHash", (Object) null);

        SentTransaction sent = await(sender().submit(request()));

        List<String> raws = rawTransactions();
        assertEquals(2, raws.size());
        assertEquals(BigInteger.valueOf(7), nonceOf(raws.get(0)));
        assertEquals(BigInteger.valueOf(9), nonceOf(raws.get(1)));
        assertEquals(Hash.sha3(raws.get(0)), node.calls("eth_getTransactionByHash").get(0).param(0));
        assertEquals(BigInteger.valueOf(9), sent.nonce());
        assertEquals(Hash.sha3(raws.get(1)), sent.hash());
        List<String> methods = node.methods();
        assertEquals(List.of("eth_getTransactionCount", "eth_sendRawTransaction", "eth_getTransactionByHash",
                "eth_getTransactionCount", "eth_sendRawTransaction"), methods.subList(methods.size() - 5, methods.size()));
    }

    @Test
    void nonceTooLowForOurOwnEarlierSendCountsAsSentWithoutResending() throws Exception {
        node.on("eth_sendRawTransaction", ScriptedNode.error(-32000, "nonce too low"))
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params ->
                        Map.of("hash", params.path(0).asText(), "nonce", "0x7", "from", FROM));
        TransactionSender sender = sender();

        SentTransaction sent = await(sender.submit(request()));

        String raw = rawTransactions().get(0);
        assertEquals(1, rawTransactions().size());
        assertEquals(Hash.sha3(raw), sent.hash());
        assertEquals(BigInteger.valueOf(7), sent.nonce());
        assertEquals(1, node.count("eth_getTransactionCount"));
    }

    @Test
    void alreadyKnownCountsAsSentOnceTheNodeReturnsItAndKeepsTheNonceSequence() throws Exception {
        node.on("eth_sendRawTransaction", ScriptedNode.error(-32000, "already known"),
                        (ScriptedNode.Responder) params -> Hash.sha3(params.path(0).asText()))
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params -> pendingTx(params.path(0).asText(), 7));
        TransactionSender sender = sender();

        SentTransaction sent = await(sender.submit(request()));
        SentTransaction next = await(sender.submit(request()));

        assertEquals(Hash.sha3(rawTransactions().get(0)), sent.hash());
        assertEquals(BigInteger.valueOf(7), sent.nonce());
        assertEquals(BigInteger.valueOf(8), next.nonce());
        assertEquals(1, node.count("eth_getTransactionCount"));
        assertEquals(Hash.sha3(rawTransactions().get(0)), node.calls("eth_getTransactionByHash").get(0).param(0),
                "'already known' is confirmed by looking the transaction up");
    }

    @Test
    void alreadyKnownThatTheNodeDoesNotReturnIsUnknownWithTheHash() {
        node.on("eth_sendRawTransaction", ScriptedNode.error(-32000, "already known"))
                .on("eth_getTransactionByHash", (Object) null);

        TransactionOutcomeUnknownException e = assertInstanceOf(TransactionOutcomeUnknownException.class,
                failure(sender().submit(request())));

        assertEquals(Hash.sha3(rawTransactions().get(0)), e.transactionHash());
        assertEquals(SendOutcome.UNKNOWN, e.outcome());
        assertFalse(e.retryable());
        assertEquals(rawTransactions().get(0), e.signedTransaction().orElseThrow());
        assertEquals(BigInteger.valueOf(7), e.sent().orElseThrow().nonce());
    }

    @Test
    void otherSendErrorIsATransactionRejection() {
        node.on("eth_sendRawTransaction", ScriptedNode.error(-32000, "insufficient funds for gas * price + value"))
                .on("eth_getTransactionByHash", (Object) null);

        Throwable cause = failure(sender().send(request()));

        TransactionRejectedException e = assertInstanceOf(TransactionRejectedException.class, cause);
        assertEquals(SendOutcome.NOT_SENT, e.outcome());
        assertTrue(e.retryable());
        assertEquals(Hash.sha3(rawTransactions().get(0)), e.hash().orElseThrow());
        assertTrue(e.getMessage().contains(LABEL), e.getMessage());
        assertTrue(e.getMessage().contains("insufficient funds for gas * price + value"), e.getMessage());
        RpcErrorException rpcError = assertInstanceOf(RpcErrorException.class, e.getCause());
        assertEquals(-32000, rpcError.code());
        assertEquals(1, rawTransactions().size());
        assertEquals(0, node.count("eth_getTransactionReceipt"));
    }

    @Test
    void failedReceiptIsReplayedAtItsBlockToDecodeTheRevert() throws Exception {
        node.on("eth_getTransactionReceipt", (ScriptedNode.Responder) params ->
                        receipt(params.path(0).asText(), 0x10, BLOCK_HASH, false))
                .on("eth_call", (ScriptedNode.Responder) params -> params.path(1).asText().equals("0x10")
                        ? ScriptedNode.error(3, "execution reverted", UNAUTHORIZED)
                        : "0x");

        Throwable cause = failure(sender().send(request()));

        UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, cause);
        String hash = Hash.sha3(rawTransactions().get(0));
        assertTrue(e.context().contains("mined in block 16"), e.context());
        assertTrue(e.context().contains(hash), e.context());
        assertEquals(EvmAddress.of(OTHER_ACCOUNT), e.account());
        ScriptedNode.Call replay = node.calls("eth_call").get(0);
        assertEquals("0x10", replay.param(1));
        assertEquals(FROM, replay.params().get(0).path("from").asText());
        assertEquals("0x1d4c0", replay.params().get(0).path("gas").asText(), "replayed with the signed gas limit");
        assertEquals(CALLDATA, replay.params().get(0).path("data").asText());
    }

    @Test
    void failedReceiptWhoseReplaySucceedsIsABaseRevertSayingSo() {
        node.on("eth_getTransactionReceipt", (ScriptedNode.Responder) params ->
                        receipt(params.path(0).asText(), 0x10, BLOCK_HASH, false))
                .on("eth_call", "0x");

        Throwable cause = failure(sender().send(request()));

        ContractRevertException e = assertInstanceOf(ContractRevertException.class, cause);
        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals("0x", e.revertData());
        assertTrue(e.context().contains("mined in block 16"), e.context());
        assertTrue(e.getMessage().contains("did not reproduce"), e.getMessage());
    }

    @Test
    void awaitByHashReturnsAFailedReceiptAsIs() throws Exception {
        String hash = "0x" + "12".repeat(32);
        node.on("eth_getTransactionReceipt", receipt(hash, 0x10, BLOCK_HASH, false));

        TxReceipt receipt = await(sender().awaitReceipt(hash));

        assertFalse(receipt.success());
        assertEquals(hash, receipt.transactionHash());
        assertEquals(0, node.count("eth_call"));
    }

    @Test
    void confirmationsWaitForTheHeadAndAReorgKeepsWaiting() throws Exception {
        String hash = "0x" + "34".repeat(32);
        String hashBeforeReorg = "0x" + "a1".repeat(32);
        String hashAfterReorg = "0x" + "b2".repeat(32);
        node.on("eth_getTransactionReceipt",
                        receipt(hash, 10, hashBeforeReorg, true),  // head 11: 2 confirmations, wait
                        receipt(hash, 10, hashBeforeReorg, true),  // head 12, but block 10 is now another block: wait
                        receipt(hash, 10, hashAfterReorg, true))   // re-mined in the new block 10: done
                .on("eth_blockNumber", "0xb", "0xc")
                .on("eth_getBlockByNumber", (ScriptedNode.Responder) params -> block(params.path(0).asText(), hashAfterReorg));
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withConfirmations(3));

        TxReceipt receipt = await(sender.awaitReceipt(hash));

        assertEquals(hashAfterReorg, receipt.blockHash());
        assertEquals(10, receipt.blockNumber());
        assertEquals(3, node.count("eth_getTransactionReceipt"));
        assertEquals(3, node.count("eth_blockNumber"));
        assertEquals(2, node.count("eth_getBlockByNumber"), "the block hash is checked only once the head is at 12");
        assertTrue(node.calls("eth_getBlockByNumber").stream().allMatch(c -> c.param(0).equals("0xa")));
    }

    @Test
    void receiptThatNeverArrivesTimesOutCarryingTheHash() {
        String hash = "0x" + "56".repeat(32);
        node.on("eth_getTransactionReceipt", (Object) null);
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withTimeout(Duration.ofMillis(150)));

        Throwable cause = failure(sender.awaitReceipt(hash));

        ReceiptTimeoutException e = assertInstanceOf(ReceiptTimeoutException.class, cause);
        assertEquals(hash, e.transactionHash());
        assertTrue(e.getMessage().contains(hash), e.getMessage());
        assertTrue(e.getMessage().contains("not mined"), e.getMessage());
        assertNull(e.getCause());
        assertTrue(node.count("eth_getTransactionReceipt") >= 2, "polled more than once before giving up");
    }

    @Test
    void awaitingAMalformedHashFailsAtOnceWithoutAsking() {
        assertInstanceOf(InvalidRequestException.class, failure(sender().awaitReceipt("0x12")));
        assertEquals(0, node.count("eth_getTransactionReceipt"));
    }

    @Test
    void receiptPollingSurvivesErrorsAndGarbageUntilTheReceiptComes() throws Exception {
        String hash = "0x" + "78".repeat(32);
        node.on("eth_getTransactionReceipt", ScriptedNode.error(-32603, "internal error"), ScriptedNode.Fault.NOT_JSON,
                ScriptedNode.Fault.TRUNCATED, ScriptedNode.Fault.DROP_CONNECTION, ScriptedNode.Fault.HTTP_503,
                receipt(hash, 0x10, BLOCK_HASH, true));

        TxReceipt receipt = await(sender().awaitReceipt(hash));

        assertEquals(hash, receipt.transactionHash());
        assertEquals(6, node.count("eth_getTransactionReceipt"));
    }

    @Test
    void receiptTimeoutCarriesTheLastPollingError() {
        String hash = "0x" + "9a".repeat(32);
        node.on("eth_getTransactionReceipt", ScriptedNode.error(-32603, "internal error"));
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withTimeout(Duration.ofMillis(200)));

        ReceiptTimeoutException e = assertInstanceOf(ReceiptTimeoutException.class, failure(sender.awaitReceipt(hash)));

        assertEquals(hash, e.transactionHash());
        assertEquals(SendOutcome.UNKNOWN, e.outcome());
        RpcErrorException last = assertInstanceOf(RpcErrorException.class, e.getCause());
        assertEquals("internal error", last.rpcMessage());
    }

    @Test
    void deadlineEndsAWaitWhosePollNeverReturns() {
        String hash = "0x" + "bc".repeat(32);
        node.on("eth_getTransactionReceipt", ScriptedNode.Fault.NO_RESPONSE); // each attempt waits for the 2 s call timeout
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withTimeout(Duration.ofMillis(200)));

        ReceiptTimeoutException e = assertInstanceOf(ReceiptTimeoutException.class, failure(sender.awaitReceipt(hash)));

        assertEquals(hash, e.transactionHash());
        assertEquals(1, node.count("eth_getTransactionReceipt"), "the deadline, not the stuck poll, ended the wait");
    }

    // ------------------------------------------------------------------ outcomes of a send under faults

    @Test
    void garbledAnswerToTheSendIsResolvedByLookingTheTransactionUp() throws Exception {
        node.on("eth_sendRawTransaction", ScriptedNode.Fault.TRUNCATED)
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params -> pendingTx(params.path(0).asText(), 7));
        TransactionSender sender = sender();

        SentTransaction sent = await(sender.submit(request()));
        SentTransaction next = await(sender.submit(request()));

        assertEquals(Hash.sha3(rawTransactions().get(0)), sent.hash());
        assertEquals(BigInteger.valueOf(8), next.nonce(), "found: sent, the nonce sequence goes on from the cache");
        assertEquals(1, node.count("eth_getTransactionCount"));
    }

    @Test
    void garbledAnswerToAnUnknownTransactionIsUnknownAndSendStillDeliversTheReceipt() throws Exception {
        node.on("eth_sendRawTransaction", ScriptedNode.Fault.NOT_JSON)
                .on("eth_getTransactionByHash", (Object) null);
        TransactionSender sender = sender();

        TransactionOutcomeUnknownException e = assertInstanceOf(TransactionOutcomeUnknownException.class,
                failure(sender.submit(request())));
        assertEquals(Hash.sha3(rawTransactions().get(0)), e.transactionHash());
        assertInstanceOf(io.hashmix.core.rpc.RpcProtocolException.class, e.getCause());

        // send() does not report it failed: the receipt says it was mined
        TxReceipt receipt = await(sender.send(request()));
        assertEquals(Hash.sha3(rawTransactions().get(1)), receipt.transactionHash());
        assertTrue(receipt.success());
    }

    @Test
    void connectionLostAfterTheSendIsUnknownCarryingTheHashAndTheLineBehindFailsNotSent() throws Exception {
        // the node holds the first send until the other two are in line: on a busy machine the first could
        // otherwise fail before the second is even submitted, which then sends alone (a flaky test, seen in CI)
        CountDownLatch lineFormed = new CountDownLatch(1);
        node.on("eth_sendRawTransaction", (ScriptedNode.Responder) params -> {
            try {
                lineFormed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedNode.Fault.DROP_CONNECTION;
        });
        TransactionSender sender = sender();

        CompletableFuture<SentTransaction> first = sender.submit(request());
        CompletableFuture<SentTransaction> second = sender.submit(request());
        CompletableFuture<SentTransaction> third = sender.submit(request());
        lineFormed.countDown();

        TransactionOutcomeUnknownException unknown = assertInstanceOf(TransactionOutcomeUnknownException.class, failure(first));
        assertEquals(Hash.sha3(rawTransactions().get(0)), unknown.transactionHash());
        assertInstanceOf(io.hashmix.core.rpc.NodeUnavailableException.class, unknown.getCause());
        for (CompletableFuture<SentTransaction> queued : List.of(second, third)) {
            TransactionNotSentException notSent = assertInstanceOf(TransactionNotSentException.class, failure(queued));
            assertTrue(notSent.retryable());
            assertTrue(notSent.hash().isEmpty(), "never signed");
            assertTrue(notSent.getMessage().contains("waited in line"), notSent.getMessage());
        }
        assertEquals(1, rawTransactions().size(), "the queued sends did not each try the dead node");

        // a later submission tries the node again
        node.on("eth_sendRawTransaction", (ScriptedNode.Responder) params -> Hash.sha3(params.path(0).asText()));
        assertEquals(Hash.sha3(rawTransactions().get(rawTransactions().size() - 1)), await(sender.submit(request())).hash());
    }

    @Test
    void sendTurnedAwayUnprocessedOnEveryAttemptIsNotSentWithTheHash() {
        node.on("eth_sendRawTransaction", ScriptedNode.Fault.HTTP_503);

        TransactionNotSentException e = assertInstanceOf(TransactionNotSentException.class, failure(sender().send(request())));

        assertEquals(Hash.sha3(rawTransactions().get(0)), e.hash().orElseThrow());
        assertEquals(SendOutcome.NOT_SENT, e.outcome());
        assertTrue(e.retryable());
        assertEquals(0, node.count("eth_getTransactionReceipt"));
    }

    @Test
    void nodeUnavailableBeforeSigningIsNotSentWithoutAHash() {
        node.on("eth_estimateGas", ScriptedNode.Fault.HTTP_429);

        TransactionNotSentException e = assertInstanceOf(TransactionNotSentException.class, failure(sender().send(request())));

        assertTrue(e.hash().isEmpty());
        assertTrue(e.getMessage().contains("simulate"), e.getMessage());
        assertEquals(0, node.count("eth_getTransactionCount"));
        assertEquals(0, node.count("eth_sendRawTransaction"));
    }

    @Test
    void refusalThatTheNodeContradictsByHavingTheTransactionCountsAsSent() throws Exception {
        node.on("eth_sendRawTransaction", ScriptedNode.error(-32603, "internal error"))
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params -> pendingTx(params.path(0).asText(), 7));

        TxReceipt receipt = await(sender().send(request()));

        assertEquals(Hash.sha3(rawTransactions().get(0)), receipt.transactionHash());
    }

    @Test
    void unknownSendTheNodeDoesNotKnowIsBroadcastAgainAsTheIdenticalBytes() throws Exception {
        List<String> receiptsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        node.on("eth_sendRawTransaction", ScriptedNode.Fault.DROP_CONNECTION,
                        (ScriptedNode.Responder) params -> Hash.sha3(params.path(0).asText()))
                .on("eth_getTransactionByHash", (Object) null)
                .on("eth_getTransactionReceipt", (ScriptedNode.Responder) params -> {
                    receiptsAsked.add(params.path(0).asText());
                    // mined only once it was broadcast again
                    return node.count("eth_sendRawTransaction") >= 2 ? receipt(params.path(0).asText(), 0x10, BLOCK_HASH, true) : null;
                });
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withDropCheckInterval(Duration.ZERO));

        TxReceipt receipt = await(sender.send(request()));

        List<String> raws = rawTransactions();
        assertEquals(2, raws.size());
        assertEquals(raws.get(0), raws.get(1), "the same signed bytes: it can be mined at most once");
        assertEquals(Hash.sha3(raws.get(0)), receipt.transactionHash());
    }

    // ------------------------------------------------------------------ drops and gaps

    @Test
    void transactionWhoseNonceAnotherOneUsedIsReportedDroppedAndTheNonceResynced() throws Exception {
        node.on("eth_getTransactionReceipt", (Object) null)
                .on("eth_getTransactionByHash", (Object) null)
                // nonce 7 is handed out; then another transaction of the key is mined with it
                .on("eth_getTransactionCount", "0x7", "0x8");
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withDropCheckInterval(Duration.ZERO));

        TransactionDroppedException e = assertInstanceOf(TransactionDroppedException.class, failure(sender.send(request())));

        assertEquals(TransactionDroppedException.Reason.NONCE_USED, e.reason());
        assertEquals(Hash.sha3(rawTransactions().get(0)), e.transactionHash());
        assertEquals(BigInteger.valueOf(7), e.nonce());
        assertEquals(SendOutcome.DROPPED, e.outcome());
        assertTrue(e.retryable());

        node.on("eth_getTransactionReceipt", (ScriptedNode.Responder) params -> receipt(params.path(0).asText(), 0x11, BLOCK_HASH, true));
        long pendingReadsBefore = node.calls("eth_getTransactionCount").stream().filter(c -> c.param(1).equals("pending")).count();
        SentTransaction retry = await(sender.submit(request()));
        assertEquals(BigInteger.valueOf(8), retry.nonce(), "the retry takes the node's pending nonce");
        assertTrue(node.calls("eth_getTransactionCount").stream().filter(c -> c.param(1).equals("pending")).count() > pendingReadsBefore);
    }

    @Test
    void transactionTheNodeNoLongerHasIsReportedGoneAfterTwoChecks() {
        node.on("eth_getTransactionReceipt", (Object) null)
                .on("eth_getTransactionByHash", (Object) null)
                .on("eth_getTransactionCount", "0x7");
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withDropCheckInterval(Duration.ZERO));

        TransactionDroppedException e = assertInstanceOf(TransactionDroppedException.class, failure(sender.send(request())));

        assertEquals(TransactionDroppedException.Reason.GONE, e.reason());
        assertEquals(2, node.count("eth_getTransactionByHash"), "gone twice in a row before it is called dropped");
    }

    @Test
    void transactionStillPendingIsNeverCalledDropped() {
        node.on("eth_getTransactionReceipt", (Object) null)
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params -> pendingTx(params.path(0).asText(), 7))
                // nonce 7 handed out; then it waits in the pool: mined count 7, pending count 8
                .on("eth_getTransactionCount", "0x7",
                        (ScriptedNode.Responder) params -> params.path(1).asText().equals("latest") ? "0x7" : "0x8");
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withTimeout(Duration.ofMillis(300))
                .withDropCheckInterval(Duration.ZERO));

        ReceiptTimeoutException e = assertInstanceOf(ReceiptTimeoutException.class, failure(sender.send(request())));

        assertTrue(node.count("eth_getTransactionByHash") >= 2, "checked more than once");
        assertEquals(BigInteger.valueOf(7), e.sent().orElseThrow().nonce());
    }

    @Test
    void transactionWaitingBehindANonceGapResyncsSoTheNextSendFillsIt() throws Exception {
        // the node lost nonces 7..8 (fresh node): it holds our nonce-9 transaction as a future one, pending nonce 7
        node.on("eth_getTransactionCount", "0x9", "0x7")
                .on("eth_getTransactionReceipt", (Object) null)
                .on("eth_getTransactionByHash", (ScriptedNode.Responder) params -> pendingTx(params.path(0).asText(), 9));
        TransactionSender sender = sender(FeePolicy.DEFAULT, FAST_RECEIPTS.withTimeout(Duration.ofMillis(400))
                .withDropCheckInterval(Duration.ZERO));
        CompletableFuture<TxReceipt> stuck = sender.send(request());
        assertInstanceOf(ReceiptTimeoutException.class, failure(stuck));

        SentTransaction next = await(sender.submit(request()));

        assertEquals(BigInteger.valueOf(7), next.nonce(), "the next send takes the pending nonce and fills the gap");
    }

    private static Map<String, Object> pendingTx(String hash, long nonce) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("hash", hash);
        tx.put("nonce", Quantities.encode(nonce));
        tx.put("from", FROM);
        tx.put("blockNumber", null);
        return tx;
    }
}
