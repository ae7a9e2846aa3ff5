package io.hashmix.proofs.incentives;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * One leaf of a maker reward tree: a maker and its cumulative reward, everything the program has given it since
 * it started (HMX base units, 18 decimals). The contract pays {@code cumulative - claimed} against a proof of
 * this leaf.
 *
 * @param maker the maker
 * @param cumulative its cumulative reward, {@code 0 .. 2^256-1}
 */
public record MakerReward(EvmAddress maker, BigInteger cumulative) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a field is null or {@code cumulative} is outside {@code uint256}
     */
    public MakerReward {
        if (maker == null) {
            throw new IllegalArgumentException("a maker reward needs a maker");
        }
        AbiWords.checkUint256(cumulative, "cumulative reward of " + maker);
    }

    /**
     * The leaf hash of this reward ({@link MakerRewardsTree#leafHash}).
     *
     * @return {@code keccak256(bytes.concat(keccak256(abi.encode(maker, cumulative))))}
     */
    public Bytes32 leafHash() {
        return MakerRewardsTree.leafHash(maker, cumulative);
    }
}
