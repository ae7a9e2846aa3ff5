/**
 * The market makers' emission program of the {@code MakerRewards} contract, computed, hashed and signed offline: a
 * committee-attested cumulative Merkle distribution.
 *
 * <p>After each period the committee applies the public rule of {@link io.hashmix.proofs.incentives.MakerRewardsAllocator}
 * to the market's fills ({@link io.hashmix.proofs.incentives.MakerFill}, read from {@code OrderFilled} events), which
 * gives every maker's new cumulative reward ({@link io.hashmix.proofs.incentives.MakerAllocation}); it builds the
 * {@link io.hashmix.proofs.incentives.MakerRewardsTree} of those {@link io.hashmix.proofs.incentives.MakerReward}s
 * (OpenZeppelin standard-tree leaves {@code (address, uint256)}) and signs its root and total as a
 * {@link io.hashmix.proofs.incentives.MakerRoot} (EIP-712, M-of-N, {@link io.hashmix.proofs.incentives.MakerRootBundle}).
 * Makers then claim {@code cumulative - claimed} with the tree's proofs. The shared vectors in
 * {@code test-vectors/maker-rewards.json} pin leaves, proofs, roots, digests and signatures to the contract.
 */
package io.hashmix.proofs.incentives;
