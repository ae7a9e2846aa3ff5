package io.hashmix.proofs.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.merkle.StandardMerkleLayout;

class MakerRewardsTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    static EvmAddress address(Random random) {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return EvmAddress.of("0x" + HEX.formatHex(b));
    }

    static EvmAddress address(int i) {
        return EvmAddress.of(String.format("0x%040x", i));
    }

    private static List<MakerReward> randomRewards(Random random, int n) {
        List<MakerReward> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigInteger amount = switch (i % 4) {
                case 0 -> BigInteger.ZERO;
                case 1 -> new BigInteger(64, random);
                case 2 -> new BigInteger(100, random);
                default -> BigInteger.valueOf(i);
            };
            out.add(new MakerReward(address(random), amount));
        }
        return out;
    }

    private static List<Bytes32> leaves(List<MakerReward> rewards) {
        return rewards.stream().map(MakerReward::leafHash).toList();
    }

    /** The leaf, from web3j's ABI encoder: keccak256(keccak256(abi.encode(address, uint256))). */
    @Test
    void leafIsTheDoubleHashOfTheAbiEncodedPair() {
        EvmAddress maker = EvmAddress.of("0x80d628ff4AC2aFf620C3474663F1e559234bbE0c");
        for (BigInteger amount : List.of(BigInteger.ZERO, BigInteger.TEN.pow(18), AbiWords.UINT256_MAX)) {
            byte[] encoded = HEX.parseHex(TypeEncoder.encode(new Address(maker.hex())) + TypeEncoder.encode(new Uint256(amount)));
            assertEquals(new Bytes32(Hash.sha3(Hash.sha3(encoded))), MakerRewardsTree.leafHash(maker, amount));
            assertEquals(MakerRewardsTree.leafHash(maker, amount), new MakerReward(maker, amount).leafHash());
        }
    }

    /**
     * External anchor: the leaves of an OpenZeppelin StandardMerkleTree dump (leaf encoding [address, uint256], values
     * 0, 1, 2 for one address; the same dump MerkleTreeTest reproduces) and its root.
     */
    @Test
    void leavesAndLayoutReproduceAnOpenZeppelinStandardMerkleTreeDump() {
        EvmAddress a = EvmAddress.of("0x80d628ff4AC2aFf620C3474663F1e559234bbE0c");
        assertEquals("0x1867c4ebd455913e429523a5c2d4b3a79f58068b5a25af911956245ed03a659d",
                MakerRewardsTree.leafHash(a, BigInteger.ZERO).toHex());
        assertEquals("0x36fb17c97ec80bb961ff0adff1af4a2a34847ecc40653c162e327117a76e3ec9",
                MakerRewardsTree.leafHash(a, BigInteger.ONE).toHex());
        StandardMerkleLayout layout = StandardMerkleLayout.of(List.of(MakerRewardsTree.leafHash(a, BigInteger.ZERO),
                MakerRewardsTree.leafHash(a, BigInteger.ONE), MakerRewardsTree.leafHash(a, BigInteger.TWO)));
        assertEquals("0x0fecce441c7468f17e3fe4a5f211b77a15b27c9ab3d33317df385dfbe5487034", layout.root().toHex());
    }

    /** Random trees of 1 .. 40 leaves (a quarter of them zero amounts), each with every one of its leaves. */
    private static void forEveryLeafOfRandomTrees(long seed, LeafCheck check) {
        Random random = new Random(seed);
        for (int n = 1; n <= 40; n++) {
            List<MakerReward> rewards = randomRewards(random, n);
            MakerRewardsTree tree = MakerRewardsTree.of(rewards);
            assertEquals(n, tree.size());
            assertEquals(rewards.stream().map(MakerReward::cumulative).reduce(BigInteger.ZERO, BigInteger::add), tree.total());
            for (MakerReward r : rewards) {
                check.accept(rewards, tree, r, random);
            }
        }
    }

    @FunctionalInterface
    private interface LeafCheck {
        void accept(List<MakerReward> rewards, MakerRewardsTree tree, MakerReward leaf, Random random);
    }

    @Test
    void rootAndProofsAgreeWithAReferenceRecomputation() {
        forEveryLeafOfRandomTrees(20_250_101, (rewards, tree, r, random) -> {
            List<Bytes32> leaves = leaves(rewards);
            assertEquals(ReferenceMerkle.root(leaves), tree.root(), "n=" + rewards.size());
            List<Bytes32> proof = tree.proof(r.maker());
            assertEquals(ReferenceMerkle.proof(leaves, r.leafHash()), proof, "n=" + rewards.size());
            assertTrue(proof.size() <= StandardMerkleLayout.maxProofLength(rewards.size()));
        });
    }

    @Test
    void everyProofOfRandomTreesVerifiesAndAChangedAmountFails() {
        forEveryLeafOfRandomTrees(7, (rewards, tree, r, random) -> {
            int n = rewards.size();
            Bytes32 root = tree.root();
            List<Bytes32> proof = tree.proof(r.maker());
            assertTrue(MakerRewardsTree.verify(root, r.maker(), r.cumulative(), proof), "n=" + n);
            assertEquals(root, ReferenceMerkle.processProof(r.leafHash(), proof));
            assertFalse(MakerRewardsTree.verify(root, r.maker(), r.cumulative().add(BigInteger.ONE), proof), "more, n=" + n);
            if (r.cumulative().signum() > 0) {
                assertFalse(MakerRewardsTree.verify(root, r.maker(), r.cumulative().subtract(BigInteger.ONE), proof));
            }
            assertFalse(MakerRewardsTree.verify(root, address(random), r.cumulative(), proof), "another maker, n=" + n);
            if (n > 1) {
                MakerReward other = rewards.get((rewards.indexOf(r) + 1) % n);
                assertFalse(MakerRewardsTree.verify(root, other.maker(), other.cumulative(), proof),
                        "one maker's proof must not prove another's leaf");
                assertFalse(MakerRewardsTree.verify(root, r.maker(), r.cumulative(), List.of()));
            }
        });
    }

    @Test
    void singleLeafRootIsTheLeafWithAnEmptyProof() {
        MakerReward only = new MakerReward(address(1), BigInteger.TEN.pow(18));
        MakerRewardsTree tree = MakerRewardsTree.of(List.of(only));
        assertEquals(only.leafHash(), tree.root());
        assertEquals(List.of(), tree.proof(only.maker()));
        assertTrue(MakerRewardsTree.verify(tree.root(), only.maker(), only.cumulative(), List.of()));
        assertEquals(only.cumulative(), tree.total());
    }

    @Test
    void lookupsAndOrder() {
        List<MakerReward> rewards = new ArrayList<>(randomRewards(new Random(3), 9));
        MakerRewardsTree tree = MakerRewardsTree.of(rewards);
        assertEquals(rewards, tree.rewards(), "rewards keep the given order");
        assertEquals(Optional.of(rewards.get(4)), tree.rewardOf(rewards.get(4).maker()));
        assertEquals(Optional.empty(), tree.rewardOf(address(12345)));
        assertEquals(Optional.empty(), tree.rewardOf(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tree.proof(address(12345)));
        assertTrue(e.getMessage().contains("no leaf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tree.proof(null));
        assertThrows(UnsupportedOperationException.class, () -> tree.rewards().add(rewards.get(0)));
        Collections.shuffle(rewards, new Random(1));
        assertEquals(tree.root(), MakerRewardsTree.of(rewards).root(), "the root does not depend on the order");
    }

    @Test
    void buildingRejectsEmptyNullDuplicateAndOverflowingInput() {
        MakerReward a = new MakerReward(address(1), BigInteger.ONE);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> MakerRewardsTree.of(List.of(a, new MakerReward(address(2), BigInteger.ONE), new MakerReward(address(1), BigInteger.TWO))));
        assertTrue(dup.getMessage().contains("duplicate maker") && dup.getMessage().contains(address(1).toString()), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.of(null));
        List<MakerReward> withNull = new ArrayList<>(List.of(a));
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.of(withNull));
        // a tree whose total cannot be a root's uint256 total
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.of(List.of(
                new MakerReward(address(1), AbiWords.UINT256_MAX), new MakerReward(address(2), BigInteger.ONE))));
        assertTrue(over.getMessage().contains("above uint256"), over.getMessage());
        // the largest total is fine
        assertEquals(AbiWords.UINT256_MAX, MakerRewardsTree.of(List.of(new MakerReward(address(1), AbiWords.UINT256_MAX),
                new MakerReward(address(2), BigInteger.ZERO))).total());
    }

    @Test
    void rewardsAndVerifyRejectInvalidInput() {
        assertThrows(IllegalArgumentException.class, () -> new MakerReward(null, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> new MakerReward(address(1), null));
        assertThrows(IllegalArgumentException.class, () -> new MakerReward(address(1), BigInteger.ONE.negate()));
        assertThrows(IllegalArgumentException.class, () -> new MakerReward(address(1), BigInteger.ONE.shiftLeft(256)));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.leafHash(null, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.leafHash(address(1), BigInteger.ONE.shiftLeft(256)));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.verify(null, address(1), BigInteger.ONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.verify(Bytes32.ZERO, address(1), BigInteger.ONE, null));
        List<Bytes32> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsTree.verify(Bytes32.ZERO, address(1), BigInteger.ONE, withNull));
    }

    @Test
    void sharedLayoutRejectsRepeatedLeavesAndListsThemSorted() {
        Bytes32 x = MakerRewardsTree.leafHash(address(1), BigInteger.ONE);
        Bytes32 y = MakerRewardsTree.leafHash(address(2), BigInteger.ONE);
        assertThrows(IllegalArgumentException.class, () -> StandardMerkleLayout.of(List.of(x, y, x)));
        StandardMerkleLayout layout = StandardMerkleLayout.of(List.of(y, x));
        List<Bytes32> sorted = new ArrayList<>(List.of(x, y));
        sorted.sort(null);
        assertEquals(sorted, layout.leaves());
        assertEquals(2, layout.size());
        assertTrue(layout.contains(x) && !layout.contains(Bytes32.ZERO) && !layout.contains(null));
        assertEquals(ReferenceMerkle.parent(x, y), layout.root());
        StandardMerkleLayout.LeafMultiProof mp = layout.multiProof(List.of(x, y));
        assertTrue(StandardMerkleLayout.verifyMultiProof(layout.root(), mp));
        assertThrows(IllegalArgumentException.class, () -> layout.proof(Bytes32.ZERO));
    }
}
