package io.hashmix.proofs.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.vectors.Fixtures;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * External anchor: a tree dumped by OpenZeppelin's @openzeppelin/merkle-tree (StandardMerkleTree, format
     * standard-v1, leaf encoding [address, uint256]) — our layout must reproduce every node.
     */
    @Test
    void layoutReproducesAnOpenZeppelinStandardMerkleTreeDump() {
        String[] expected = {
            "0x0fecce441c7468f17e3fe4a5f211b77a15b27c9ab3d33317df385dfbe5487034",
            "0x636ab2686ee3036244cf3d6b5574e051e4b20a3577b008975dbcca6dde2897d2",
            "0xd90245da324d7908326a3d56a9659741551a4603c397bf4dd373976bd85660e7",
            "0x36fb17c97ec80bb961ff0adff1af4a2a34847ecc40653c162e327117a76e3ec9",
            "0x1867c4ebd455913e429523a5c2d4b3a79f58068b5a25af911956245ed03a659d"};
        int[] treeIndexOfValue = {4, 3, 2};
        byte[][] leaves = new byte[3][];
        for (int v = 0; v < 3; v++) {
            byte[] enc = AbiWords.of(2).address(io.hashmix.proofs.EvmAddress.of("0x80d628ff4AC2aFf620C3474663F1e559234bbE0c"))
                    .uint256(BigInteger.valueOf(v)).encoded();
            leaves[v] = Hash.sha3(Hash.sha3(enc));
            assertEquals(expected[treeIndexOfValue[v]], "0x" + HEX.formatHex(leaves[v]), "leaf of value " + v);
        }
        byte[][] sorted = leaves.clone();
        Arrays.sort(sorted, Arrays::compareUnsigned);
        byte[][] tree = MerkleTree.layout(sorted);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], "0x" + HEX.formatHex(tree[i]), "node " + i);
        }
    }

    @Test
    void leafIsTheDoubleHashOfTheId() {
        HardwareId id = Fixtures.mixed(1).get(0);
        assertArrayEquals(Hash.sha3(Hash.sha3(id.value().value())), MerkleTree.leafHash(id).value());
    }

    @Test
    void treesOfOneToSeventeenLeavesProveEveryLeafAndRejectTampering() {
        for (int n = 1; n <= 17; n++) {
            List<HardwareId> ids = Fixtures.mixed(n);
            MerkleTree tree = MerkleTree.of(ids);
            Bytes32 root = tree.root();
            assertEquals(n, tree.size());
            for (HardwareId id : ids) {
                MerkleProofData p = tree.proof(id);
                assertTrue(p.verify(root), "n=" + n + " id=" + id);
                assertTrue(MerkleTree.verify(root, id, p.proof()));
                assertTrue(p.proof().size() <= MerkleTree.maxProofLength(n), "proof length bound, n=" + n);
                assertEquals(root, MerkleTree.processProof(p.leafHash(), p.proof()));
                // wrong root
                assertFalse(p.verify(MerkleTree.hashPair(root, root)));
                // each proof element tampered
                for (int k = 0; k < p.proof().size(); k++) {
                    List<Bytes32> t = new ArrayList<>(p.proof());
                    byte[] b = t.get(k).value();
                    b[31] ^= 1;
                    t.set(k, new Bytes32(b));
                    assertFalse(MerkleTree.verify(root, id, t), "tampered element " + k + " n=" + n);
                }
                // proof of another id
                if (n > 1) {
                    HardwareId other = ids.get((ids.indexOf(id) + 1) % n);
                    assertFalse(MerkleTree.verify(root, other, p.proof()), "proof of one id must not prove another");
                    assertFalse(MerkleTree.verify(root, id, List.of()), "empty proof only works for a single leaf");
                }
            }
            // an id not in the tree
            HardwareId outsider = HardwareId.gpu("Nvidia", "NOT-IN-TREE");
            assertFalse(tree.contains(outsider));
            assertFalse(MerkleTree.verify(root, outsider, tree.proof(ids.get(0)).proof()));
            assertThrows(IllegalArgumentException.class, () -> tree.proof(outsider));
        }
    }

    @Test
    void singleLeafRootIsTheLeaf() {
        HardwareId id = Fixtures.mixed(1).get(0);
        MerkleTree tree = MerkleTree.of(List.of(id));
        assertEquals(MerkleTree.leafHash(id), tree.root());
        assertTrue(tree.proof(id).proof().isEmpty());
    }

    @Test
    void rootDoesNotDependOnInputOrder() {
        List<HardwareId> ids = new ArrayList<>(Fixtures.mixed(13));
        Bytes32 root = MerkleTree.of(ids).root();
        Collections.shuffle(ids, new Random(7));
        assertEquals(root, MerkleTree.of(ids).root());
        assertEquals(ids, MerkleTree.of(ids).hardwareIds(), "ids keep the given order");
    }

    @Test
    void innerNodeCannotPoseAsALeaf() {
        List<HardwareId> ids = Fixtures.mixed(4);
        MerkleTree tree = MerkleTree.of(ids);
        MerkleProofData p = tree.proof(ids.get(0));
        // the parent of the leaf, used as a "hardware id" with the rest of the proof
        Bytes32 parent = MerkleTree.hashPair(p.leafHash(), p.proof().get(0));
        assertFalse(MerkleTree.verify(tree.root(), new HardwareId(parent), p.proof().subList(1, p.proof().size())));
    }

    @Test
    void multiproofsOfEverySubsetOfSmallTreesVerify() {
        for (int n = 1; n <= 6; n++) {
            List<HardwareId> ids = Fixtures.mixed(n);
            MerkleTree tree = MerkleTree.of(ids);
            for (int mask = 0; mask < (1 << n); mask++) {
                List<HardwareId> subset = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        subset.add(ids.get(i));
                    }
                }
                MultiProof mp = tree.multiProof(subset);
                assertTrue(mp.verify(tree.root()), "n=" + n + " mask=" + mask);
                assertEquals(subset.size(), mp.leaves().size());
                assertTrue(mp.leaves().containsAll(subset));
                assertFalse(mp.verify(MerkleTree.hashPair(tree.root(), tree.root())));
            }
        }
    }

    @Test
    void multiproofsOfLargerTreesVerifyAndRejectTampering() {
        Random random = new Random(42);
        for (int n : new int[] {7, 8, 9, 16, 17, 33}) {
            List<HardwareId> ids = Fixtures.mixed(n);
            MerkleTree tree = MerkleTree.of(ids);
            for (int round = 0; round < 10; round++) {
                List<HardwareId> subset = new ArrayList<>();
                for (HardwareId id : ids) {
                    if (random.nextInt(3) == 0) {
                        subset.add(id);
                    }
                }
                if (subset.isEmpty()) {
                    subset.add(ids.get(n - 1));
                }
                MultiProof mp = tree.multiProof(subset);
                assertTrue(mp.verify(tree.root()));
                if (!mp.proof().isEmpty()) {
                    List<Bytes32> t = new ArrayList<>(mp.proof());
                    byte[] b = t.get(0).value();
                    b[0] ^= (byte) 0x80;
                    t.set(0, new Bytes32(b));
                    assertFalse(new MultiProof(mp.leaves(), t, mp.proofFlags()).verify(tree.root()));
                }
                if (mp.leaves().size() > 1) {
                    // a swapped-in id that is not in the tree
                    List<HardwareId> forged = new ArrayList<>(mp.leaves());
                    forged.set(0, HardwareId.gpu("Nvidia", "FORGED"));
                    assertFalse(new MultiProof(forged, mp.proof(), mp.proofFlags()).verify(tree.root()));
                }
            }
        }
    }

    @Test
    void malformedMultiproofsThrowLikeTheContractReverts() {
        List<HardwareId> ids = Fixtures.mixed(8);
        MerkleTree tree = MerkleTree.of(ids);
        MultiProof mp = tree.multiProof(List.of(ids.get(0), ids.get(5)));
        List<Boolean> shortFlags = mp.proofFlags().subList(1, mp.proofFlags().size());
        assertThrows(IllegalArgumentException.class, () -> new MultiProof(mp.leaves(), mp.proof(), shortFlags).verify(tree.root()));
        List<Bytes32> longer = new ArrayList<>(mp.proof());
        longer.add(Bytes32.ZERO);
        List<Boolean> moreFlags = new ArrayList<>(mp.proofFlags());
        moreFlags.add(Boolean.TRUE);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.processMultiProof(longer, moreFlags, mp.leafHashes()));
        // all flags true would consume hashes that do not exist yet
        List<Boolean> allTrue = Collections.nCopies(mp.proofFlags().size(), Boolean.TRUE);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.processMultiProof(mp.proof(), allTrue, mp.leafHashes()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verifyMultiProof(null, mp));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verifyMultiProof(tree.root(), null));
        assertThrows(IllegalArgumentException.class, () -> new MultiProof(null, List.of(), List.of()));
        List<Boolean> nullFlag = new ArrayList<>(mp.proofFlags());
        nullFlag.set(0, null);
        assertThrows(IllegalArgumentException.class, () -> new MultiProof(mp.leaves(), mp.proof(), nullFlag));
    }

    @Test
    void emptyMultiproofIsTheRoot() {
        MerkleTree tree = MerkleTree.of(Fixtures.mixed(5));
        MultiProof mp = tree.multiProof(List.of());
        assertEquals(List.of(tree.root()), mp.proof());
        assertTrue(mp.verify(tree.root()));
    }

    @Test
    void multiproofRejectsDuplicatesAndStrangers() {
        List<HardwareId> ids = Fixtures.mixed(5);
        MerkleTree tree = MerkleTree.of(ids);
        assertThrows(IllegalArgumentException.class, () -> tree.multiProof(List.of(ids.get(1), ids.get(1))));
        assertThrows(IllegalArgumentException.class, () -> tree.multiProof(List.of(HardwareId.gpu("X", "Y"))));
        assertThrows(IllegalArgumentException.class, () -> tree.multiProof(null));
    }

    @Test
    void buildingRejectsEmptyDuplicateAndNullIds() {
        List<HardwareId> ids = new ArrayList<>(Fixtures.mixed(3));
        ids.add(ids.get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(ids));
        assertTrue(e.getMessage().contains("duplicate") && e.getMessage().contains(ids.get(1).toHex()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(null));
        List<HardwareId> withNull = new ArrayList<>(Fixtures.mixed(2));
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(withNull));
    }

    @Test
    void verifyRejectsNullInput() {
        HardwareId id = Fixtures.mixed(1).get(0);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verify(null, id, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verify(Bytes32.ZERO, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verify(Bytes32.ZERO, id, null));
        List<Bytes32> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.verify(Bytes32.ZERO, id, withNull));
        assertThrows(IllegalArgumentException.class, () -> new MerkleProofData(id, withNull));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 8, 9, 16, 17, 1_000_000, 4_294_967_295L})
    void maxProofLengthIsCeilLog2(long n) {
        int expected = 0;
        while ((1L << expected) < n) {
            expected++;
        }
        assertEquals(expected, MerkleTree.maxProofLength(n));
    }

    @Test
    void maxProofLengthIsExactForBuiltTrees() {
        for (int n = 1; n <= 17; n++) {
            MerkleTree tree = MerkleTree.of(Fixtures.mixed(n));
            int longest = 0;
            for (HardwareId id : tree.hardwareIds()) {
                longest = Math.max(longest, tree.proof(id).proof().size());
            }
            assertEquals(MerkleTree.maxProofLength(n), longest, "n=" + n);
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.maxProofLength(0));
    }
}
