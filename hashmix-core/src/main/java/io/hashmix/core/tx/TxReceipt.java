package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.EvmAddress;

/**
 * A mined transaction's receipt.
 *
 * @param transactionHash   the transaction
 * @param blockNumber       the block it was mined in
 * @param blockHash         that block's hash (checked again after the confirmations, to catch reorgs)
 * @param success           {@code status == 1}
 * @param from              the sender
 * @param gasUsed           gas used
 * @param effectiveGasPrice price paid per gas, in wei
 * @param contractAddress   the created contract, or {@code null}
 * @param logs              the event logs
 */
public record TxReceipt(String transactionHash, long blockNumber, String blockHash, boolean success, EvmAddress from,
                        BigInteger gasUsed, BigInteger effectiveGasPrice, EvmAddress contractAddress,
                        List<LogEntry> logs) {

    /** Checks and copies the parts. */
    public TxReceipt {
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(blockHash, "blockHash");
        logs = List.copyOf(logs);
    }

    /** The created contract, for a creation. */
    public Optional<EvmAddress> createdContract() {
        return Optional.ofNullable(contractAddress);
    }

    /** The logs a given contract emitted. */
    public List<LogEntry> logsOf(EvmAddress contract) {
        return logs.stream().filter(l -> l.address().equals(contract)).toList();
    }

    /** Parses {@code eth_getTransactionReceipt}'s result. */
    static TxReceipt fromJson(JsonNode r) {
        List<LogEntry> logs = new ArrayList<>();
        for (JsonNode l : r.path("logs")) {
            logs.add(LogEntry.fromJson(l));
        }
        JsonNode created = r.get("contractAddress");
        JsonNode price = r.get("effectiveGasPrice");
        return new TxReceipt(r.path("transactionHash").asText(), Quantities.toLong(r.path("blockNumber")),
                r.path("blockHash").asText(), Quantities.toBigInteger(r.path("status")).signum() == 1,
                EvmAddress.of(r.path("from").asText()), Quantities.toBigInteger(r.path("gasUsed")),
                price == null || price.isNull() ? BigInteger.ZERO : Quantities.toBigInteger(price),
                created == null || created.isNull() ? null : EvmAddress.of(created.asText()), logs);
    }
}
