package io.hashmix.core.incentives;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * A deployed program as the emission controller sees it.
 *
 * @param program   which program
 * @param address   its contract
 * @param weight    its weight (its share of emission is weight / total weight)
 * @param pulled    HMX it pulled so far (what it may pay out)
 * @param paid      HMX paid out of it so far
 */
public record ProgramInfo(RewardProgram program, EvmAddress address, long weight, BigInteger pulled, BigInteger paid) {

    /** Checks the parts. */
    public ProgramInfo {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pulled, "pulled");
        Objects.requireNonNull(paid, "paid");
    }
}
