package io.hashmix.proofs.incentives;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.merkle.StandardMerkleLayout;

/**
 * The Merkle tree of a {@code MakerRewards} root: one leaf per maker with its cumulative reward, laid out exactly
 * like OpenZeppelin's {@code StandardMerkleTree} (leaf encoding {@code [address, uint256]}) so that the contract's
 * {@code MerkleProof.verifyCalldata(proof, root, leaf(maker, cumulative))} accepts its proofs.
 *
 * <ul>
 *   <li>Leaf: {@code keccak256(bytes.concat(keccak256(abi.encode(address maker, uint256 cumulative))))}, the
 *       contract's {@code leaf(maker, cumulative)} ({@link #leafHash}).</li>
 *   <li>Inner nodes, layout and proofs: {@link StandardMerkleLayout} (commutative keccak pair hash, leaves sorted
 *       by hash, {@code 2n-1} nodes), the same as the hardware trees of
 *       {@link io.hashmix.proofs.merkle.MerkleTree}.</li>
 *   <li>{@link #total()}: the sum of the cumulative amounts, the {@code total} a {@link MakerRoot} of this tree
 *       carries (the contract refuses a total above what the program was funded with).</li>
 * </ul>
 *
 * <p>Building rejects an empty collection, a null reward, a maker named twice and a total above {@code uint256}
 * ({@link IllegalArgumentException}). Instances are immutable and thread-safe.
 */
public final class MakerRewardsTree {

    private final List<MakerReward> rewards;
    private final Map<EvmAddress, MakerReward> byMaker;
    private final StandardMerkleLayout layout;
    private final BigInteger total;

    private MakerRewardsTree(List<MakerReward> rewards, Map<EvmAddress, MakerReward> byMaker, StandardMerkleLayout layout,
            BigInteger total) {
        this.rewards = rewards;
        this.byMaker = byMaker;
        this.layout = layout;
        this.total = total;
    }

    /**
     * Builds the tree of a set of rewards.
     *
     * @param rewards the rewards, at least one, one per maker, in any order (a zero cumulative amount is a valid leaf)
     * @return the tree
     * @throws IllegalArgumentException if the collection is null or empty, holds a null reward or a maker twice, or
     *         if the cumulative amounts add up to more than {@code 2^256-1}
     */
    public static MakerRewardsTree of(Collection<MakerReward> rewards) {
        if (rewards == null || rewards.isEmpty() || rewards.stream().anyMatch(r -> r == null)) {
            throw new IllegalArgumentException("a maker rewards tree needs at least one maker, and no null reward: " + rewards);
        }
        List<MakerReward> copy = List.copyOf(rewards);
        Map<EvmAddress, MakerReward> byMaker = new HashMap<>(copy.size() * 2);
        for (MakerReward r : copy) {
            if (byMaker.put(r.maker(), r) != null) {
                throw new IllegalArgumentException("duplicate maker " + r.maker() + " (a maker has one leaf, with its cumulative reward)");
            }
        }
        BigInteger total = copy.stream().map(MakerReward::cumulative).reduce(BigInteger.ZERO, BigInteger::add);
        if (total.compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new IllegalArgumentException("the cumulative rewards add up to " + total + ", above uint256: no root can carry that total");
        }
        StandardMerkleLayout layout = StandardMerkleLayout.of(copy.stream().map(MakerReward::leafHash).toList());
        return new MakerRewardsTree(copy, Map.copyOf(byMaker), layout, total);
    }

    /** The Merkle root, the {@code root} of a {@link MakerRoot}. */
    public Bytes32 root() {
        return layout.root();
    }

    /** The sum of the cumulative amounts, the {@code total} of a {@link MakerRoot} of this tree. */
    public BigInteger total() {
        return total;
    }

    /** The number of makers (leaves). */
    public int size() {
        return rewards.size();
    }

    /** The rewards in the order they were given. */
    public List<MakerReward> rewards() {
        return rewards;
    }

    /**
     * The reward of a maker.
     *
     * @param maker the maker
     * @return its leaf's reward, or empty if the tree has no leaf for it (or {@code maker} is null)
     */
    public Optional<MakerReward> rewardOf(EvmAddress maker) {
        return maker == null ? Optional.empty() : Optional.ofNullable(byMaker.get(maker));
    }

    /**
     * The inclusion proof of a maker's leaf: sibling hashes from the leaf up, as {@code MakerRewards.claim(maker,
     * cumulative, proof)} takes them.
     *
     * @param maker a maker of this tree
     * @return the proof (empty for a single-maker tree)
     * @throws IllegalArgumentException if the maker is null or has no leaf in this tree
     */
    public List<Bytes32> proof(EvmAddress maker) {
        if (maker == null) {
            throw new IllegalArgumentException("maker must not be null");
        }
        MakerReward r = byMaker.get(maker);
        if (r == null) {
            throw new IllegalArgumentException("maker " + maker + " has no leaf in this tree");
        }
        return layout.proof(r.leafHash());
    }

    /**
     * The leaf hash of a maker's cumulative reward, the contract's {@code leaf(maker, cumulative)}.
     *
     * @param maker the maker
     * @param cumulative its cumulative reward, {@code 0 .. 2^256-1}
     * @return {@code keccak256(bytes.concat(keccak256(abi.encode(maker, cumulative))))}
     * @throws IllegalArgumentException if an argument is null or {@code cumulative} is outside {@code uint256}
     */
    public static Bytes32 leafHash(EvmAddress maker, BigInteger cumulative) {
        if (maker == null) {
            throw new IllegalArgumentException("maker must not be null");
        }
        AbiWords.checkUint256(cumulative, "cumulative reward");
        return Bytes32.keccak(AbiWords.of(2).address(maker).uint256(cumulative).keccak().value());
    }

    /**
     * Checks a proof the way {@code MakerRewards.claim} does: {@code MerkleProof.verify(proof, root, leaf(maker,
     * cumulative))}.
     *
     * @param root the expected root
     * @param maker the maker
     * @param cumulative its claimed cumulative reward
     * @param proof sibling hashes from the leaf up
     * @return true if the proof leads from the leaf to the root
     * @throws IllegalArgumentException if an argument or proof element is null, or {@code cumulative} is outside
     *         {@code uint256}
     */
    public static boolean verify(Bytes32 root, EvmAddress maker, BigInteger cumulative, List<Bytes32> proof) {
        return StandardMerkleLayout.verify(root, leafHash(maker, cumulative), proof);
    }
}
