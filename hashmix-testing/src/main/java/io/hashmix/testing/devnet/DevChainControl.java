package io.hashmix.testing.devnet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.tx.Quantities;

/**
 * Development-chain controls (Hardhat's {@code evm_*} methods): snapshots, time travel, mining.
 * Only local chains answer these.
 */
public final class DevChainControl {

    private final JsonRpcClient rpc;

    /** Creates the control over a node. */
    public DevChainControl(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    /** Takes a snapshot of the chain state; returns its id. */
    public CompletableFuture<String> snapshot() {
        return rpc.call("evm_snapshot").thenApply(JsonNode::asText);
    }

    /**
     * Reverts to a snapshot (which is consumed).
     *
     * @throws IllegalStateException (in the future) if the node refused
     */
    public CompletableFuture<Void> revert(String snapshotId) {
        return rpc.call("evm_revert", snapshotId).thenAccept(ok -> {
            if (!ok.asBoolean()) {
                throw new IllegalStateException("evm_revert refused snapshot " + snapshotId);
            }
        });
    }

    /** Moves the chain's clock forward and mines a block so the new time is visible. */
    public CompletableFuture<Void> increaseTime(Duration by) {
        return rpc.call("evm_increaseTime", by.toSeconds()).thenCompose(t -> mine());
    }

    /** Mines one block. */
    public CompletableFuture<Void> mine() {
        return rpc.call("evm_mine").thenAccept(ignored -> { });
    }

    /** Mines {@code n} blocks at once. */
    public CompletableFuture<Void> mine(long n) {
        return rpc.call("hardhat_mine", Quantities.encode(n)).thenAccept(ignored -> { });
    }

    /** The latest block's timestamp, in seconds. */
    public CompletableFuture<Long> latestTimestamp() {
        return rpc.call("eth_getBlockByNumber", "latest", false).thenApply(b -> Quantities.toLong(b.get("timestamp")));
    }

    /** Turns automine on or off (off: transactions wait in the mempool until {@link #mine()}). */
    public CompletableFuture<Void> setAutomine(boolean on) {
        return rpc.call("evm_setAutomine", on).thenAccept(ignored -> { });
    }

    /**
     * Mines a block every {@code interval} whatever the mempool holds, as a real chain does (combine with
     * {@code setAutomine(false)} so transactions wait for the next block); {@link Duration#ZERO} stops it.
     *
     * @param interval the block time, in whole milliseconds
     * @return completes once the node has it
     */
    public CompletableFuture<Void> setIntervalMining(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        return rpc.call("evm_setIntervalMining", interval.toMillis()).thenAccept(ignored -> { });
    }
}
