package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.rpc.RpcErrorException;

class FeeEstimatorTest {

    private static final BigInteger GWEI = FeePolicy.GWEI;
    private static final BigInteger BASE_FEE = BigInteger.valueOf(1_500_000_000L);
    private static final Map<String, Object> LONDON_BLOCK = Map.of("number", "0x10", "baseFeePerGas", "0x59682f00");
    private static final Map<String, Object> PRE_LONDON_BLOCK = Map.of("number", "0x10");

    private ScriptedNode node;
    private ScheduledExecutorService scheduler;
    private JsonRpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        node = ScriptedNode.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        rpc = node.client(scheduler, RetryPolicy.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        node.close();
    }

    private Fees estimate(FeePolicy policy) throws Exception {
        return new FeeEstimator(rpc, policy).estimate().get(5, TimeUnit.SECONDS);
    }

    private Throwable failure(FeePolicy policy) {
        CompletableFuture<Fees> future = new FeeEstimator(rpc, policy).estimate();
        return assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void eip1559FeesAreTwiceBaseFeePlusTheNodesTip() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "0x77359400");

        Fees fees = estimate(FeePolicy.DEFAULT);

        BigInteger tip = BigInteger.valueOf(2_000_000_000L);
        assertEquals(new Fees.Eip1559(tip, BASE_FEE.multiply(BigInteger.TWO).add(tip)), fees);
        assertEquals(List.of("eth_getBlockByNumber", "eth_maxPriorityFeePerGas"), node.methods());
        assertEquals("latest", node.calls().get(0).param(0));
        assertEquals("false", node.calls().get(0).param(1));
    }

    @Test
    void baseFeeMultiplierScalesTheBaseFee() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "0x1");

        Fees fees = estimate(new FeePolicy(null, null, 3, GWEI, 20, null));

        assertEquals(new Fees.Eip1559(BigInteger.ONE, BASE_FEE.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE)), fees);
    }

    @Test
    void unsupportedMaxPriorityFeeFallsBackToTheFeeHistoryMedian() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK)
                .on("eth_maxPriorityFeePerGas", ScriptedNode.error(-32601, "the method eth_maxPriorityFeePerGas does not exist"))
                .on("eth_feeHistory", Map.of("oldestBlock", "0xc",
                        "reward", List.of(List.of("0x5"), List.of("0x1"), List.of("0x4"), List.of("0x2"), List.of("0x3")),
                        "baseFeePerGas", List.of("0x1", "0x1", "0x1", "0x1", "0x1", "0x1")));

        Fees fees = estimate(FeePolicy.DEFAULT);

        BigInteger median = BigInteger.valueOf(3);
        assertEquals(new Fees.Eip1559(median, BASE_FEE.multiply(BigInteger.TWO).add(median)), fees);
        assertEquals(List.of("eth_getBlockByNumber", "eth_maxPriorityFeePerGas", "eth_feeHistory"), node.methods());
        ScriptedNode.Call history = node.calls("eth_feeHistory").get(0);
        assertEquals("0x5", history.param(0));
        assertEquals("latest", history.param(1));
        assertEquals(50, history.params().get(2).get(0).asInt());
    }

    @Test
    void feeHistoryWithoutRewardsUsesThePolicyFallback() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK)
                .on("eth_maxPriorityFeePerGas", ScriptedNode.error(-32601, "method not found"))
                .on("eth_feeHistory", Map.of("oldestBlock", "0xc", "reward", List.of(List.of(), List.of())));

        Fees fees = estimate(FeePolicy.DEFAULT);

        assertEquals(new Fees.Eip1559(GWEI, BASE_FEE.multiply(BigInteger.TWO).add(GWEI)), fees);
    }

    @Test
    void bothTipMethodsUnsupportedUsesThePolicyFallback() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK)
                .on("eth_maxPriorityFeePerGas", ScriptedNode.error(-32601, "method not found"))
                .on("eth_feeHistory", ScriptedNode.error(-32601, "method not found"));
        BigInteger fallback = BigInteger.valueOf(7);

        Fees fees = estimate(new FeePolicy(null, null, 2, fallback, 20, null));

        assertEquals(new Fees.Eip1559(fallback, BASE_FEE.multiply(BigInteger.TWO).add(fallback)), fees);
        assertEquals(List.of("eth_getBlockByNumber", "eth_maxPriorityFeePerGas", "eth_feeHistory"), node.methods());
    }

    @Test
    void chainWithoutBaseFeeGetsLegacyFeesFromGasPrice() throws Exception {
        node.on("eth_getBlockByNumber", PRE_LONDON_BLOCK).on("eth_gasPrice", "0x4a817c800");

        Fees fees = estimate(FeePolicy.DEFAULT);

        assertEquals(new Fees.Legacy(BigInteger.valueOf(20_000_000_000L)), fees);
        assertEquals(List.of("eth_getBlockByNumber", "eth_gasPrice"), node.methods());
    }

    @Test
    void fixedTipAndMaxFeeNeedNoRpcAtAll() throws Exception {
        FeePolicy fixed = FeePolicy.DEFAULT.withMaxPriorityFeePerGas(GWEI).withMaxFeePerGas(GWEI.multiply(BigInteger.TEN));

        Fees fees = estimate(fixed);

        assertEquals(new Fees.Eip1559(GWEI, GWEI.multiply(BigInteger.TEN)), fees);
        assertEquals(List.of(), node.calls());
    }

    @Test
    void fixedTipIsNotAskedForButAddedToTheBaseFee() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK);

        Fees fees = estimate(FeePolicy.DEFAULT.withMaxPriorityFeePerGas(BigInteger.valueOf(42)));

        assertEquals(new Fees.Eip1559(BigInteger.valueOf(42), BASE_FEE.multiply(BigInteger.TWO).add(BigInteger.valueOf(42))), fees);
        assertEquals(List.of("eth_getBlockByNumber"), node.methods());
    }

    @Test
    void fixedMaxFeeBelowTheNodesTipCapsTheTip() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "0x64");

        Fees fees = estimate(FeePolicy.DEFAULT.withMaxFeePerGas(BigInteger.valueOf(50)));

        assertEquals(new Fees.Eip1559(BigInteger.valueOf(50), BigInteger.valueOf(50)), fees);
    }

    @Test
    void computedFeeAboveTheCapIsRejected() {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "0x1");

        Throwable cause = failure(FeePolicy.DEFAULT.withMaxFeePerGasCap(GWEI));

        TransactionRejectedException e = assertInstanceOf(TransactionRejectedException.class, cause);
        assertTrue(e.getMessage().contains("3000000001"), e.getMessage());
        assertTrue(e.getMessage().contains(GWEI.toString()), e.getMessage());
    }

    @Test
    void legacyGasPriceAboveTheCapIsRejected() {
        node.on("eth_getBlockByNumber", PRE_LONDON_BLOCK).on("eth_gasPrice", "0x4a817c800");

        assertInstanceOf(TransactionRejectedException.class, failure(FeePolicy.DEFAULT.withMaxFeePerGasCap(GWEI)));
    }

    @Test
    void fixedFeeAboveTheCapFailsTheFutureInsteadOfThrowing() {
        FeePolicy fixed = FeePolicy.DEFAULT.withMaxPriorityFeePerGas(GWEI).withMaxFeePerGas(GWEI.multiply(BigInteger.TEN))
                .withMaxFeePerGasCap(GWEI);

        assertInstanceOf(TransactionRejectedException.class, failure(fixed));
        assertEquals(List.of(), node.calls());
    }

    @Test
    void feeAtTheCapIsAccepted() throws Exception {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "0x0");
        BigInteger exact = BASE_FEE.multiply(BigInteger.TWO);

        assertEquals(new Fees.Eip1559(BigInteger.ZERO, exact), estimate(FeePolicy.DEFAULT.withMaxFeePerGasCap(exact)));
    }

    @Test
    void nonRpcFailureOfTheTipIsNotMaskedByTheFallback() {
        node.on("eth_getBlockByNumber", LONDON_BLOCK).on("eth_maxPriorityFeePerGas", "not a quantity");

        assertInstanceOf(io.hashmix.core.rpc.RpcProtocolException.class, failure(FeePolicy.DEFAULT));
        assertEquals(0, node.count("eth_feeHistory"));
    }

    @Test
    void failureToReadTheBlockFailsTheEstimate() {
        node.on("eth_getBlockByNumber", ScriptedNode.error(-32000, "header not found"));

        RpcErrorException e = assertInstanceOf(RpcErrorException.class, failure(FeePolicy.DEFAULT));
        assertEquals("header not found", e.rpcMessage());
    }

    @Test
    void gasLimitAddsTheMarginPercent() {
        assertEquals(BigInteger.valueOf(120_000), FeePolicy.DEFAULT.gasLimitFor(BigInteger.valueOf(100_000)));
        assertEquals(BigInteger.valueOf(100_000), FeePolicy.DEFAULT.withGasLimitMarginPercent(0).gasLimitFor(BigInteger.valueOf(100_000)));
        assertEquals(BigInteger.valueOf(25_200), FeePolicy.DEFAULT.gasLimitFor(BigInteger.valueOf(21_000)));
    }

    @Test
    void policyRejectsInconsistentValues() {
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(null, null, 0, GWEI, 20, null));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(null, null, 2, GWEI, -1, null));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(null, null, 2, GWEI, 501, null));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(null, null, 2, null, 20, null));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(null, null, 2, BigInteger.valueOf(-1), 20, null));
        assertThrows(IllegalArgumentException.class, () -> new FeePolicy(BigInteger.TEN, BigInteger.ONE, 2, GWEI, 20, null));
    }
}
