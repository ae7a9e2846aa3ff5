package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.rpc.RpcErrorException;

/** Takes one fee snapshot per transaction, per a {@link FeePolicy}. Thread-safe. */
final class FeeEstimator {

    private final JsonRpcClient rpc;
    private final FeePolicy policy;

    FeeEstimator(JsonRpcClient rpc, FeePolicy policy) {
        this.rpc = rpc;
        this.policy = policy;
    }

    CompletableFuture<Fees> estimate() {
        if (policy.maxPriorityFeePerGas() != null && policy.maxFeePerGas() != null) {
            // supplied through the future, so a fee above the cap fails it instead of throwing here
            return CompletableFuture.completedFuture(new Fees.Eip1559(policy.maxPriorityFeePerGas(), policy.maxFeePerGas()))
                    .thenApply(this::checked);
        }
        return rpc.call("eth_getBlockByNumber", "latest", false).thenCompose(block -> {
            JsonNode baseFeeNode = block == null ? null : block.get("baseFeePerGas");
            if (baseFeeNode == null || baseFeeNode.isNull()) {
                return rpc.call("eth_gasPrice").thenApply(p -> checked(new Fees.Legacy(Quantities.toBigInteger(p))));
            }
            BigInteger baseFee = Quantities.toBigInteger(baseFeeNode);
            return priorityFee().thenApply(tip -> {
                BigInteger maxFee = policy.maxFeePerGas() != null ? policy.maxFeePerGas()
                        : baseFee.multiply(BigInteger.valueOf(policy.baseFeeMultiplier())).add(tip);
                return checked(new Fees.Eip1559(tip.min(maxFee), maxFee));
            });
        });
    }

    private CompletableFuture<BigInteger> priorityFee() {
        if (policy.maxPriorityFeePerGas() != null) {
            return CompletableFuture.completedFuture(policy.maxPriorityFeePerGas());
        }
        return rpc.call("eth_maxPriorityFeePerGas").thenApply(Quantities::toBigInteger)
                .exceptionallyCompose(e -> isRpcError(e) ? feeHistoryMedian() : CompletableFuture.failedFuture(e));
    }

    private CompletableFuture<BigInteger> feeHistoryMedian() {
        return rpc.call("eth_feeHistory", "0x5", "latest", List.of(50)).thenApply(history -> {
            List<BigInteger> rewards = new ArrayList<>();
            for (JsonNode perBlock : history.path("reward")) {
                if (perBlock.size() > 0) {
                    rewards.add(Quantities.toBigInteger(perBlock.get(0)));
                }
            }
            if (rewards.isEmpty()) {
                return policy.fallbackPriorityFee();
            }
            rewards.sort(null);
            return rewards.get(rewards.size() / 2);
        }).exceptionally(e -> {
            if (isRpcError(e)) {
                return policy.fallbackPriorityFee();
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }

    private Fees checked(Fees fees) {
        BigInteger cap = policy.maxFeePerGasCap();
        if (cap != null && fees.maxPricePerGas().compareTo(cap) > 0) {
            throw new TransactionRejectedException("fee " + fees.maxPricePerGas() + " wei/gas is above the configured cap of "
                    + cap + " wei/gas; nothing was sent", null);
        }
        return fees;
    }

    private static boolean isRpcError(Throwable e) {
        return Futures.unwrap(e) instanceof RpcErrorException;
    }
}
