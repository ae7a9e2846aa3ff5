package io.hashmix.core.deploy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.spv.NetworkParams;

/**
 * What the {@link Deployer} deploys.
 *
 * @param owner             admin of the protocol contracts, or {@code null} for the deploying account
 * @param withDevTokens     also deploy a mintable test payout token (local chains and tests only)
 * @param minAttestorBond   the bond (wei) an attestor needs for its signatures to count
 * @param attestorExitDelay how long a leaving attestor waits before withdrawing its bond
 * @param bitcoinNetwork    the Bitcoin network whose payments the SPV verifier checks (its proof-of-work
 *                          limit and retarget rule), or {@code null} to deploy no verifier
 * @param marketFeeBps      the market's protocol fee in basis points (at most 1,000), paid to the owner
 */
public record DeployOptions(EvmAddress owner, boolean withDevTokens, BigInteger minAttestorBond, Duration attestorExitDelay,
                            NetworkParams bitcoinNetwork, int marketFeeBps) {

    /** Default attestor bond: 1 coin (10^18 wei). */
    public static final BigInteger DEFAULT_MIN_BOND = BigInteger.TEN.pow(18);

    /** Default attestor exit delay: 7 days. */
    public static final Duration DEFAULT_EXIT_DELAY = Duration.ofDays(7);

    /** Default market fee: 0.5 %. */
    public static final int DEFAULT_MARKET_FEE_BPS = 50;

    /** Highest market fee the contract accepts: 10 %. */
    public static final int MAX_MARKET_FEE_BPS = 1_000;

    /**
     * The deploying account owns everything; no dev tokens; default bond, exit delay and market fee;
     * the SPV verifier checks Bitcoin main-net proof of work.
     */
    public static final DeployOptions PRODUCTION = new DeployOptions(null, false, DEFAULT_MIN_BOND, DEFAULT_EXIT_DELAY,
            NetworkParams.MAINNET, DEFAULT_MARKET_FEE_BPS);

    /** As {@link #PRODUCTION}, plus a test payout token, with a regtest SPV verifier (local header chains). */
    public static final DeployOptions LOCAL = new DeployOptions(null, true, DEFAULT_MIN_BOND, DEFAULT_EXIT_DELAY,
            NetworkParams.REGTEST, DEFAULT_MARKET_FEE_BPS);

    /** Checks the parts. */
    public DeployOptions {
        Objects.requireNonNull(minAttestorBond, "minAttestorBond");
        Objects.requireNonNull(attestorExitDelay, "attestorExitDelay");
        if (minAttestorBond.signum() < 0 || attestorExitDelay.isNegative()) {
            throw new IllegalArgumentException("bond and exit delay must not be negative");
        }
        if (marketFeeBps < 0 || marketFeeBps > MAX_MARKET_FEE_BPS) {
            throw new IllegalArgumentException("market fee must be 0.." + MAX_MARKET_FEE_BPS + " bps, got " + marketFeeBps);
        }
    }

    /** These options with another owner (see {@link Deployer} for what that owner must accept). */
    public DeployOptions withOwner(EvmAddress newOwner) {
        return new DeployOptions(Objects.requireNonNull(newOwner, "owner"), withDevTokens, minAttestorBond, attestorExitDelay,
                bitcoinNetwork, marketFeeBps);
    }

    /** These options with another attestor bond and exit delay. */
    public DeployOptions withAttestorTerms(BigInteger minBond, Duration exitDelay) {
        return new DeployOptions(owner, withDevTokens, minBond, exitDelay, bitcoinNetwork, marketFeeBps);
    }

    /** These options with another Bitcoin network for the SPV verifier ({@code null}: no verifier). */
    public DeployOptions withBitcoinNetwork(NetworkParams network) {
        return new DeployOptions(owner, withDevTokens, minAttestorBond, attestorExitDelay, network, marketFeeBps);
    }

    /** These options with another market fee. */
    public DeployOptions withMarketFeeBps(int feeBps) {
        return new DeployOptions(owner, withDevTokens, minAttestorBond, attestorExitDelay, bitcoinNetwork, feeBps);
    }
}
