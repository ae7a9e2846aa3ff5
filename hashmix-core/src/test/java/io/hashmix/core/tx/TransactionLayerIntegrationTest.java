package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.AssetClassAlreadyRegisteredException;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

@ExtendWith(LocalChainExtension.class)
class TransactionLayerIntegrationTest {

    private static long nonceOf(HashMix hm, EvmAddress a) {
        return Quantities.toLong(hm.rpc().call("eth_getTransactionCount", a.hex(), "latest").join());
    }

    private static BigInteger balanceOf(HashMix hm, EvmAddress token, EvmAddress account) {
        return hm.erc20().balanceOf(token, account).join();
    }

    private static BigInteger totalSupply(HashMix hm, EvmAddress token) {
        return hm.erc20().totalSupply(token).join();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    /** Issue requirement: 8 threads x 50 transactions from one key, all mined, no nonce error, no gap. */
    @Test
    void eightThreadsFiftyTransactionsEachFromOneKey(LocalChain chain) throws Exception {
        HashMix hm = chain.client(0);
        DevTokens dev = new DevTokens(hm);
        EvmAddress token = chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        long startNonce = nonceOf(hm, hm.account());
        BigInteger supplyBefore = totalSupply(hm, token);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<CompletableFuture<TxReceipt>>>> perThread = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                EvmAddress to = chain.address(10 + t);
                perThread.add(pool.submit(() -> {
                    List<CompletableFuture<TxReceipt>> mine = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        mine.add(hm.transactions().send(dev.mintRequest(token, to, BigInteger.valueOf(1))));
                    }
                    return mine;
                }));
            }
            List<TxReceipt> receipts = new ArrayList<>();
            for (Future<List<CompletableFuture<TxReceipt>>> f : perThread) {
                for (CompletableFuture<TxReceipt> r : f.get(2, TimeUnit.MINUTES)) {
                    receipts.add(r.get(2, TimeUnit.MINUTES));
                }
            }
            assertEquals(400, receipts.size());
            assertTrue(receipts.stream().allMatch(TxReceipt::success));
            assertEquals(400, receipts.stream().map(TxReceipt::transactionHash).distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(startNonce + 400, nonceOf(hm, hm.account()), "every nonce used once, none skipped");
        assertEquals(supplyBefore.add(BigInteger.valueOf(400)), totalSupply(hm, token));
        for (int t = 0; t < 8; t++) {
            assertEquals(BigInteger.valueOf(50), balanceOf(hm, token, chain.address(10 + t)));
        }
    }

    /** Another process spends nonces behind the SDK's back: "nonce too low", resync, success. */
    @Test
    void resyncsAfterAnotherSenderUsedTheNonce(LocalChain chain) {
        HashMix first = chain.client(0);
        HashMix second = chain.client(0);
        DevTokens dev = new DevTokens(first);
        EvmAddress token = chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        first.transactions().send(dev.mintRequest(token, chain.address(4), BigInteger.valueOf(1))).join(); // caches the next nonce
        second.transactions().send(dev.mintRequest(token, chain.address(4), BigInteger.valueOf(1))).join(); // uses it
        long before = nonceOf(first, first.account());

        TxReceipt receipt = first.transactions().send(dev.mintRequest(token, chain.address(4), BigInteger.valueOf(1))).join();

        assertTrue(receipt.success());
        assertEquals(before + 1, nonceOf(first, first.account()));
        assertEquals(BigInteger.valueOf(3), balanceOf(first, token, chain.address(4)));
    }

    /** A transaction that passed simulation but failed when mined is decoded from its receipt. */
    @Test
    void decodesARevertFoundOnlyInTheReceipt(LocalChain chain) {
        HashMix hm = chain.client(0);
        EvmAddress payout = chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        NewAssetClass btc = new NewAssetClass("BTC-SHA256", "TH/s", 3, payout);
        chain.control().setAutomine(false).join();
        // both simulate against a state where BTC-SHA256 is free, then land in one block
        CompletableFuture<?> first = hm.assetClasses().register(btc);
        CompletableFuture<?> second = hm.assetClasses().register(btc);
        waitForPending(hm, 2);
        chain.control().mine().join();

        first.join();
        AssetClassAlreadyRegisteredException e = assertInstanceOf(AssetClassAlreadyRegisteredException.class, cause(second));
        assertTrue(e.context().contains("mined in block"), e.context());
    }

    private static void waitForPending(HashMix hm, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long pending = Quantities.toLong(hm.rpc().call("eth_getTransactionCount", hm.account().hex(), "pending").join());
            long latest = nonceOf(hm, hm.account());
            if (pending - latest >= count) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("transactions never reached the mempool");
    }

    @Test
    void waitsForConfirmations(LocalChain chain) {
        HashMix hm = chain.client(0, b -> b.receiptPolicy(ReceiptPolicy.DEFAULT.withConfirmations(3)));
        DevTokens dev = new DevTokens(hm);
        EvmAddress token = chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        long nonceBefore = nonceOf(hm, hm.account());
        CompletableFuture<TxReceipt> receipt = hm.transactions().send(dev.mintRequest(token, chain.address(2), BigInteger.valueOf(5)));
        // automine includes it at once, but it is not confirmed until two more blocks exist
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (nonceOf(hm, hm.account()) == nonceBefore && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long minedBlock = Quantities.toLong(hm.rpc().call("eth_blockNumber").join());
        chain.control().mine(1).join();
        assertThrows(java.util.concurrent.TimeoutException.class, () -> receipt.get(300, TimeUnit.MILLISECONDS),
                "must not complete with 2 of 3 confirmations");
        chain.control().mine(1).join();
        TxReceipt r = receipt.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(minedBlock, r.blockNumber());
        assertTrue(r.success());
    }

    @Test
    void receiptTimeoutIsNotAFailureAndCarriesTheHash(LocalChain chain) {
        HashMix hm = chain.client(0, b -> b.receiptPolicy(ReceiptPolicy.DEFAULT.withTimeout(Duration.ofMillis(300))));
        String unknownHash = "0x" + "ab".repeat(32);
        ReceiptTimeoutException e = assertInstanceOf(ReceiptTimeoutException.class,
                cause(hm.transactions().awaitReceipt(unknownHash)));
        assertEquals(unknownHash, e.transactionHash());
        assertTrue(e.getMessage().contains("may still be mined"));
    }

    @Test
    void insufficientFundsIsRejectedAndLeavesNoGap(LocalChain chain) throws Exception {
        Credentials broke = Credentials.create(Keys.createEcKeyPair());
        HashMix hm = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(broke).deployment(chain.deployment()).build());
        Throwable e = cause(hm.transactions().send(TxRequest.transfer(chain.address(1), BigInteger.ONE)));
        assertInstanceOf(TransactionRejectedException.class, e);
        assertTrue(e.getMessage().toLowerCase().contains("funds"), e.getMessage());
        assertEquals(0, nonceOf(hm, hm.account()));

        // fund it, and the next transaction takes nonce 0: nothing was skipped
        chain.client(0).transactions().send(TxRequest.transfer(hm.account(), BigInteger.TEN.pow(18))).join();
        hm.transactions().send(TxRequest.transfer(chain.address(1), BigInteger.ONE)).join();
        assertEquals(1, nonceOf(hm, hm.account()));
    }

    @Test
    void feeAboveTheCapSendsNothing(LocalChain chain) {
        HashMix hm = chain.client(0, b -> b.feePolicy(FeePolicy.DEFAULT.withMaxFeePerGasCap(BigInteger.ONE)));
        long before = nonceOf(hm, hm.account());
        TransactionRejectedException e = assertInstanceOf(TransactionRejectedException.class,
                cause(hm.transactions().send(TxRequest.transfer(chain.address(1), BigInteger.ONE))));
        assertTrue(e.getMessage().contains("cap"), e.getMessage());
        assertEquals(before, nonceOf(hm, hm.account()));
    }

    @Test
    void plainTransferCarriesValueAndFixedFeesAreUsed(LocalChain chain) throws Exception {
        BigInteger tip = FeePolicy.GWEI;
        BigInteger max = FeePolicy.GWEI.multiply(BigInteger.valueOf(50));
        HashMix hm = chain.client(0, b -> b.feePolicy(FeePolicy.DEFAULT.withMaxPriorityFeePerGas(tip).withMaxFeePerGas(max)));
        EvmAddress to = EvmAddress.of(Credentials.create(Keys.createEcKeyPair()).getAddress());
        SentTransaction sent = hm.transactions().submit(TxRequest.transfer(to, BigInteger.valueOf(12345))).join();
        assertEquals(new Fees.Eip1559(tip, max), sent.fees());
        TxReceipt r = hm.transactions().awaitReceipt(sent).join();
        assertTrue(r.success());
        assertEquals(BigInteger.valueOf(12345), Quantities.toBigInteger(hm.rpc().call("eth_getBalance", to.hex(), "latest").join()));
        assertEquals(sent.hash(), r.transactionHash());
    }
}
