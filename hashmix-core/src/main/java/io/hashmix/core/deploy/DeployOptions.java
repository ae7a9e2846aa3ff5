package io.hashmix.core.deploy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * What the {@link Deployer} deploys.
 *
 * @param owner           admin of the protocol contracts, or {@code null} for the deploying account
 * @param withDevTokens   also deploy a mintable test payout token (local chains and tests only)
 * @param minAttestorBond the bond (wei) an attestor needs for its signatures to count
 * @param attestorExitDelay how long a leaving attestor waits before withdrawing its bond
 */
public record DeployOptions(EvmAddress owner, boolean withDevTokens, BigInteger minAttestorBond, Duration attestorExitDelay) {

    /** Default attestor bond: 1 coin (10^18 wei). */
    public static final BigInteger DEFAULT_MIN_BOND = BigInteger.TEN.pow(18);

    /** Default attestor exit delay: 7 days. */
    public static final Duration DEFAULT_EXIT_DELAY = Duration.ofDays(7);

    /** The deploying account owns everything; no dev tokens; default bond and exit delay. */
    public static final DeployOptions PRODUCTION = new DeployOptions(null, false, DEFAULT_MIN_BOND, DEFAULT_EXIT_DELAY);

    /** As {@link #PRODUCTION}, plus a test payout token. */
    public static final DeployOptions LOCAL = new DeployOptions(null, true, DEFAULT_MIN_BOND, DEFAULT_EXIT_DELAY);

    /** Checks the parts. */
    public DeployOptions {
        Objects.requireNonNull(minAttestorBond, "minAttestorBond");
        Objects.requireNonNull(attestorExitDelay, "attestorExitDelay");
        if (minAttestorBond.signum() < 0 || attestorExitDelay.isNegative()) {
            throw new IllegalArgumentException("bond and exit delay must not be negative");
        }
    }

    /** These options with another owner (see {@link Deployer} for what that owner must accept). */
    public DeployOptions withOwner(EvmAddress newOwner) {
        return new DeployOptions(Objects.requireNonNull(newOwner, "owner"), withDevTokens, minAttestorBond, attestorExitDelay);
    }

    /** These options with another attestor bond and exit delay. */
    public DeployOptions withAttestorTerms(BigInteger minBond, Duration exitDelay) {
        return new DeployOptions(owner, withDevTokens, minBond, exitDelay);
    }
}
