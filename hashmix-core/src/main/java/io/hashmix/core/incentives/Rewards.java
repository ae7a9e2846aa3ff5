package io.hashmix.core.incentives;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * An account's claimable rewards across every program of the deployment, read in one batch.
 *
 * @param account   the account
 * @param byProgram claimable HMX per program (per-account programs; {@link RewardProgram#HOLDERS} is the
 *                  sum of {@code holdings})
 * @param holdings  the account's holdings with something to claim from the holders' program
 */
public record Rewards(EvmAddress account, Map<RewardProgram, BigInteger> byProgram, List<HolderReward> holdings) {

    /** Checks and copies the parts. */
    public Rewards {
        Objects.requireNonNull(account, "account");
        byProgram = Map.copyOf(byProgram);
        holdings = List.copyOf(holdings);
    }

    /** Claimable HMX in total. */
    public BigInteger total() {
        return byProgram.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Claimable HMX of one program (0 if the deployment does not have it). */
    public BigInteger of(RewardProgram program) {
        return byProgram.getOrDefault(program, BigInteger.ZERO);
    }
}
