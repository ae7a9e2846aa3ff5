package io.hashmix.core.internal;

import java.util.Objects;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;

/**
 * What every client of the SDK is built from: where the contracts live and the SDK's shared plumbing.
 * The only parameter of the clients' constructors, so a client is built by {@code HashMix} (through
 * {@link Domains}) and not by hand from its wiring: applications get clients from
 * {@code HashMix.builder()...build()} and its accessors. Internal to the SDK.
 *
 * @param deployment the deployment manifest, or {@code null} when the SDK has none (then only the
 *                   {@link io.hashmix.core.erc20.Erc20Client}, which needs no contract of the protocol,
 *                   is built from the context)
 * @param calls      read-only calls with decoded reverts
 * @param sender     the transaction layer, or {@code null} for a read-only instance
 * @param logs       the log reader
 */
public record ClientContext(Deployment deployment, ContractCalls calls, TransactionSender sender, LogReader logs) {

    /** Checks the parts ({@code deployment} and {@code sender} may be null). */
    public ClientContext {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(logs, "logs");
    }

    /**
     * The deployment manifest.
     *
     * @throws IllegalStateException if the context has none (a domain client is only built with one)
     */
    @Override
    public Deployment deployment() {
        if (deployment == null) {
            throw new IllegalStateException("no deployment in this client context: domain clients need one");
        }
        return deployment;
    }
}
