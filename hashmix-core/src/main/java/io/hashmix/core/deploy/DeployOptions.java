package io.hashmix.core.deploy;

import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * What the {@link Deployer} deploys.
 *
 * @param owner         admin of the protocol contracts, or {@code null} for the deploying account
 * @param withDevTokens also deploy a mintable test payout token (local chains and tests only)
 */
public record DeployOptions(EvmAddress owner, boolean withDevTokens) {

    /** The deploying account owns everything; no dev tokens. */
    public static final DeployOptions PRODUCTION = new DeployOptions(null, false);

    /** The deploying account owns everything; a test payout token is included. */
    public static final DeployOptions LOCAL = new DeployOptions(null, true);

    /** These options with another owner. */
    public DeployOptions withOwner(EvmAddress newOwner) {
        return new DeployOptions(Objects.requireNonNull(newOwner, "owner"), withDevTokens);
    }
}
