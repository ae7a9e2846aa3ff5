package io.hashmix.core.incentives;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The market makers' program's current root and its bookkeeping ({@code MakerRewards.state()}).
 *
 * @param period  the current root's period (0 before the first root; the next root's is {@code period + 1})
 * @param toBlock the last block whose fills the current root counts (0 before the first root)
 * @param root    the current Merkle root of {@code (maker, cumulative)} leaves (zero before the first root)
 * @param total   the current root's total: the sum of every maker's cumulative amount
 * @param claimed what all makers have claimed (at most {@code total})
 * @param pulled  what the program has pulled from the emission controller in all (at least {@code total})
 */
public record MakerRewardsState(long period, long toBlock, Bytes32 root, BigInteger total, BigInteger claimed,
                                BigInteger pulled) {

    /** Checks the parts. */
    public MakerRewardsState {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(pulled, "pulled");
    }

    /** The period the next root must have. */
    public long nextPeriod() {
        return period + 1;
    }
}
