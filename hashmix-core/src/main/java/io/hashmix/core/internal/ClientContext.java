package io.hashmix.core.internal;

import java.util.Objects;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;

/**
 * What every domain client is built from: where the contracts live and the SDK's shared plumbing.
 * Internal to the SDK.
 *
 * @param deployment the deployment manifest
 * @param calls      read-only calls with decoded reverts
 * @param sender     the transaction layer, or {@code null} for a read-only instance
 * @param erc20      ERC-20 calls
 * @param logs       the log reader
 */
public record ClientContext(Deployment deployment, ContractCalls calls, TransactionSender sender, Erc20Client erc20,
                            LogReader logs) {

    /** Checks the parts ({@code sender} may be null). */
    public ClientContext {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(erc20, "erc20");
        Objects.requireNonNull(logs, "logs");
    }
}
