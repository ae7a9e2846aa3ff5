package io.hashmix.core.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.errors.RevertDecoder;

/**
 * One protocol domain (asset classes, committee, tokenization, fulfillment, market, ...) as the SDK
 * assembles it: which contracts it needs, how it deploys them, which typed exceptions its errors
 * decode to, and how its client is built. Adding a domain is one implementation of this interface
 * and one entry in {@link Domains#ALL}; {@code HashMix}, the {@code Deployer} and the revert decoder
 * pick it up from there. Internal to the SDK.
 *
 * @param <C> the domain's client type
 */
public interface Domain<C> {

    /** A short name for messages ("tokenization"). */
    String name();

    /** The contracts a deployment must hold for this domain's client to exist (in deployment order). */
    List<ProtocolContract> contracts();

    /** Maps this domain's custom errors to its typed exceptions. */
    void registerErrors(RevertDecoder.Builder decoder);

    /** Builds the client. */
    C create(ClientContext context);

    /**
     * Deploys this domain's contracts, after the domains before it in {@link Domains#ALL}, and returns
     * the deployment with them added. Hooks between contracts are not wired here: the deployer wires
     * every role from the access wiring table afterwards.
     */
    CompletableFuture<Deployment> deploy(DeployContext context, Deployment soFar);
}
