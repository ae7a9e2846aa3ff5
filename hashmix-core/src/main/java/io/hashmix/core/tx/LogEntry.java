package io.hashmix.core.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.web3j.protocol.core.methods.response.Log;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.EvmAddress;

/**
 * One event log of a receipt.
 *
 * @param address         the emitting contract
 * @param topics          topic 0 (event signature hash) and the indexed arguments
 * @param data            the non-indexed arguments, ABI-encoded
 * @param blockNumber     block of the log
 * @param logIndex        index of the log in its block
 * @param transactionHash transaction that emitted it
 * @param blockHash       hash of the block of the log, or {@code null} if the source did not say
 */
public record LogEntry(EvmAddress address, List<String> topics, String data, long blockNumber, long logIndex,
                       String transactionHash, String blockHash) {

    /** Checks and copies the parts. */
    public LogEntry {
        Objects.requireNonNull(address, "address");
        topics = List.copyOf(topics);
        Objects.requireNonNull(data, "data");
    }

    /**
     * A log whose block hash is not known.
     *
     * @param address         the emitting contract
     * @param topics          topic 0 and the indexed arguments
     * @param data            the non-indexed arguments
     * @param blockNumber     block of the log
     * @param logIndex        index of the log in its block
     * @param transactionHash transaction that emitted it
     */
    public LogEntry(EvmAddress address, List<String> topics, String data, long blockNumber, long logIndex,
                    String transactionHash) {
        this(address, topics, data, blockNumber, logIndex, transactionHash, null);
    }

    /**
     * Parses a log object of {@code eth_getLogs} or of a receipt.
     *
     * @throws io.hashmix.core.rpc.RpcProtocolException if a quantity is malformed
     */
    public static LogEntry fromJson(JsonNode l) {
        List<String> topics = new ArrayList<>();
        l.path("topics").forEach(t -> topics.add(t.asText()));
        JsonNode blockHash = l.get("blockHash");
        return new LogEntry(EvmAddress.of(l.path("address").asText()), topics, l.path("data").asText("0x"),
                Quantities.toLong(l.path("blockNumber")), Quantities.toLong(l.path("logIndex")),
                l.path("transactionHash").asText(), blockHash == null || blockHash.isNull() ? null : blockHash.asText());
    }

    /** This log as web3j's type, for the generated wrappers' event decoders. */
    public Log toWeb3jLog() {
        Log log = new Log();
        log.setAddress(address.hex());
        log.setTopics(topics);
        log.setData(data);
        log.setBlockNumber("0x" + Long.toHexString(blockNumber));
        log.setLogIndex("0x" + Long.toHexString(logIndex));
        log.setTransactionHash(transactionHash);
        if (blockHash != null) {
            log.setBlockHash(blockHash);
        }
        return log;
    }

    /** Whether topic 0 is the given event signature hash. */
    public boolean isEvent(String topic0) {
        return !topics.isEmpty() && topics.get(0).equalsIgnoreCase(topic0);
    }

}
