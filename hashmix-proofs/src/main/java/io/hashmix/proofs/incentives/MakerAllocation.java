package io.hashmix.proofs.incentives;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;

/**
 * The outcome of one maker rewards period ({@link MakerRewardsAllocator#allocate}): the makers' new cumulative
 * rewards (the leaves of the period's {@link MakerRewardsTree}) and how the period's emission was shared.
 *
 * <p>Maps are unmodifiable and iterate in ascending address order; they compare equal to any map with the same
 * entries.
 *
 * @param cumulative   every maker ever rewarded (the previous cumulative rewards plus every maker given a share this
 *                     period) with its new cumulative reward
 * @param total        the sum of {@code cumulative}, the {@code total} of the period's {@link MakerRoot}
 * @param periodShares every maker that counted this period (weight above zero) with what it got this period (which
 *                     rounding may leave at zero)
 * @param weights      every maker that counted this period with its weight (sum of {@code fee * price} over its
 *                     counted fills)
 * @param skipped      the fills that did not count, with their reasons
 * @param unallocated  what this period's available emission left unshared (rounding dust, or everything in a period
 *                     with no counted fill): it stays with the program for later periods
 */
public record MakerAllocation(Map<EvmAddress, BigInteger> cumulative, BigInteger total,
                              Map<EvmAddress, BigInteger> periodShares, Map<EvmAddress, BigInteger> weights,
                              List<SkippedFill> skipped, BigInteger unallocated) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a component, key or value is null, an amount is negative or outside
     *         {@code uint256}, or {@code total} is not the sum of {@code cumulative}
     */
    public MakerAllocation {
        cumulative = sortedCopy(cumulative, "cumulative");
        periodShares = sortedCopy(periodShares, "periodShares");
        weights = sortedCopy(weights, "weights");
        if (skipped == null || skipped.stream().anyMatch(s -> s == null)) {
            throw new IllegalArgumentException("an allocation's skipped fills must be a list without nulls");
        }
        skipped = List.copyOf(skipped);
        AbiWords.checkUint256(total, "allocation total");
        AbiWords.checkUint256(unallocated, "unallocated emission");
        BigInteger sum = cumulative.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("allocation total " + total + " is not the sum of the cumulative rewards, " + sum);
        }
    }

    /**
     * The tree of the new cumulative rewards, whose root and total the committee signs ({@link MakerRoot#of}).
     *
     * @return the tree, one leaf per maker of {@link #cumulative()}
     * @throws IllegalStateException if no maker was ever rewarded (a tree needs at least one leaf)
     */
    public MakerRewardsTree tree() {
        if (cumulative.isEmpty()) {
            throw new IllegalStateException("no maker has been rewarded yet: there is no tree to publish");
        }
        List<MakerReward> rewards = new ArrayList<>(cumulative.size());
        cumulative.forEach((maker, amount) -> rewards.add(new MakerReward(maker, amount)));
        return MakerRewardsTree.of(rewards);
    }

    /**
     * An unmodifiable copy of an address-keyed amount map, in ascending address order.
     *
     * @param map the map
     * @param what its name, for errors
     * @return the copy
     * @throws IllegalArgumentException if the map, a key or a value is null, or a value is outside {@code uint256}
     */
    static Map<EvmAddress, BigInteger> sortedCopy(Map<EvmAddress, BigInteger> map, String what) {
        if (map == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        List<EvmAddress> keys = new ArrayList<>(map.size());
        for (Map.Entry<EvmAddress, BigInteger> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(what + " holds a null address");
            }
            AbiWords.checkUint256(e.getValue(), what + " of " + e.getKey());
            keys.add(e.getKey());
        }
        keys.sort(MakerRewardsAllocator.BY_ADDRESS);
        Map<EvmAddress, BigInteger> out = new LinkedHashMap<>(keys.size() * 2);
        for (EvmAddress k : keys) {
            out.put(k, map.get(k));
        }
        return Collections.unmodifiableMap(out);
    }
}
