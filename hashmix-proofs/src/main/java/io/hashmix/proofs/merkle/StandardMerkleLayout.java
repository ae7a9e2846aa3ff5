package io.hashmix.proofs.merkle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.web3j.crypto.Hash;

import io.hashmix.proofs.crypto.Keccak256;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The node layout of OpenZeppelin's {@code StandardMerkleTree} over leaf hashes, and OpenZeppelin's
 * {@code MerkleProof} checks: the one implementation behind every HashMix Merkle tree (the hardware trees of
 * {@link MerkleTree}, the maker reward trees of {@code io.hashmix.proofs.incentives.MakerRewardsTree}). A tree type
 * only says how a value becomes its leaf hash; everything from the leaves up is here.
 *
 * <ul>
 *   <li>Inner node: {@code keccak256(min(a,b) ‖ max(a,b))} (commutative pair hash, {@link #hashPair}).</li>
 *   <li>Layout: leaves sorted ascending (unsigned) by hash, stored in an array of {@code 2n-1} nodes with the
 *       i-th smallest leaf at index {@code 2n-2-i}; node {@code i} has children {@code 2i+1} and {@code 2i+2};
 *       the root is node 0. A single leaf is its own root, with an empty proof.</li>
 * </ul>
 *
 * <p>Building rejects an empty collection, a null leaf and a repeated leaf ({@link IllegalArgumentException}).
 * Verification mirrors OpenZeppelin: it returns {@code false} when a well-formed proof does not lead to the root,
 * and throws {@link IllegalArgumentException} for null input or a malformed multiproof (where OpenZeppelin reverts
 * with {@code MerkleProofInvalidMultiproof}). Instances are immutable and thread-safe.
 */
public final class StandardMerkleLayout {

    /**
     * A multiproof over leaf hashes, as {@code MerkleProof.multiProofVerify(proof, proofFlags, root, leaves)} takes it.
     *
     * @param leaves the proven leaf hashes, in the order the proof consumes them (descending tree index)
     * @param proof the sibling hashes the proof needs
     * @param proofFlags for each step, whether its second operand is a leaf or computed hash (true) or the next
     *        proof hash (false)
     */
    public record LeafMultiProof(List<Bytes32> leaves, List<Bytes32> proof, List<Boolean> proofFlags) {

        /**
         * Validates and copies.
         *
         * @throws IllegalArgumentException if a list or an element is null
         */
        public LeafMultiProof {
            checkMultiProofParts(leaves, proof, proofFlags);
            leaves = List.copyOf(leaves);
            proof = List.copyOf(proof);
            proofFlags = List.copyOf(proofFlags);
        }
    }

    private final byte[][] nodes;

    private StandardMerkleLayout(byte[][] nodes) {
        this.nodes = nodes;
    }

    /**
     * Lays out a tree over leaf hashes.
     *
     * @param leaves the leaf hashes, at least one, no repeats, in any order
     * @return the tree
     * @throws IllegalArgumentException if the collection is null or empty, or holds a null or repeated leaf
     */
    public static StandardMerkleLayout of(Collection<Bytes32> leaves) {
        if (leaves == null || leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        byte[][] sorted = new byte[leaves.size()][];
        int i = 0;
        for (Bytes32 leaf : leaves) {
            if (leaf == null) {
                throw new IllegalArgumentException("leaf #" + i + " is null");
            }
            sorted[i++] = leaf.value();
        }
        Arrays.sort(sorted, Arrays::compareUnsigned);
        for (int k = 1; k < sorted.length; k++) {
            if (Arrays.equals(sorted[k], sorted[k - 1])) {
                throw new IllegalArgumentException("duplicate leaf " + new Bytes32(sorted[k]));
            }
        }
        return new StandardMerkleLayout(layout(sorted));
    }

    /**
     * Builds the array layout from leaf hashes already sorted as wanted (OpenZeppelin's {@code makeMerkleTree}).
     *
     * @param leaves the leaves, in order (not copied: the nodes share them)
     * @return the {@code 2n-1} nodes, root first
     */
    static byte[][] layout(byte[][] leaves) {
        int n = leaves.length;
        byte[][] tree = new byte[2 * n - 1][];
        for (int i = 0; i < n; i++) {
            tree[tree.length - 1 - i] = leaves[i];
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return tree;
    }

    /** The Merkle root (node 0). */
    public Bytes32 root() {
        return new Bytes32(nodes[0]);
    }

    /** The number of leaves. */
    public int size() {
        return (nodes.length + 1) / 2;
    }

    /** The leaf hashes, ascending (the order the layout stores them in). */
    public List<Bytes32> leaves() {
        List<Bytes32> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(new Bytes32(nodes[nodes.length - 1 - i]));
        }
        return List.copyOf(out);
    }

    /**
     * Whether a leaf hash is in the tree.
     *
     * @param leaf the leaf hash
     * @return true if it is one of the leaves
     */
    public boolean contains(Bytes32 leaf) {
        return leaf != null && treeIndexOrMinusOne(leaf) >= 0;
    }

    /**
     * The inclusion proof of a leaf: sibling hashes from the leaf up, as {@code MerkleProof.verify} takes them.
     *
     * @param leaf a leaf hash of this tree
     * @return the proof (empty for a single-leaf tree)
     * @throws IllegalArgumentException if the leaf is null or not in the tree
     */
    public List<Bytes32> proof(Bytes32 leaf) {
        int index = treeIndex(leaf);
        List<Bytes32> proof = new ArrayList<>();
        while (index > 0) {
            int sibling = (index % 2 == 1) ? index + 1 : index - 1;
            proof.add(new Bytes32(nodes[sibling]));
            index = (index - 1) / 2;
        }
        return List.copyOf(proof);
    }

    /**
     * A multiproof of several leaves, as {@code MerkleProof.multiProofVerify} takes it (OpenZeppelin's
     * {@code getMultiProof}): the leaves come back in the order the proof consumes them (descending tree index),
     * which generally differs from the order given.
     *
     * @param leaves distinct leaf hashes of this tree (may be empty, in which case the proof is just the root)
     * @return the multiproof
     * @throws IllegalArgumentException if a leaf is null, missing from the tree or repeated
     */
    public LeafMultiProof multiProof(Collection<Bytes32> leaves) {
        if (leaves == null) {
            throw new IllegalArgumentException("multiproof leaves must not be null");
        }
        List<Integer> indices = new ArrayList<>(leaves.size());
        for (Bytes32 leaf : leaves) {
            indices.add(treeIndex(leaf));
        }
        indices.sort((a, b) -> Integer.compare(b, a));
        for (int i = 1; i < indices.size(); i++) {
            if (indices.get(i).equals(indices.get(i - 1))) {
                throw new IllegalArgumentException("cannot prove a repeated leaf in one multiproof");
            }
        }
        List<Bytes32> proven = new ArrayList<>(indices.size());
        for (int i : indices) {
            proven.add(new Bytes32(nodes[i]));
        }
        ArrayDeque<Integer> stack = new ArrayDeque<>(indices);
        List<Bytes32> proof = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        while (!stack.isEmpty() && stack.peekFirst() > 0) {
            int j = stack.pollFirst();
            int s = (j % 2 == 1) ? j + 1 : j - 1;
            int p = (j - 1) / 2;
            Integer head = stack.peekFirst();
            if (head != null && head == s) {
                flags.add(Boolean.TRUE);
                stack.pollFirst();
            } else {
                flags.add(Boolean.FALSE);
                proof.add(new Bytes32(nodes[s]));
            }
            stack.addLast(p);
        }
        if (indices.isEmpty()) {
            proof.add(new Bytes32(nodes[0]));
        }
        return new LeafMultiProof(proven, proof, flags);
    }

    /**
     * The longest proof a tree of {@code leafCount} leaves can have in this layout: {@code ceil(log2(leafCount))}
     * (0 for a single leaf). A valid proof longer than this shows the tree holds more leaves than claimed.
     *
     * @param leafCount number of leaves, {@code >= 1}
     * @return the maximum proof length
     * @throws IllegalArgumentException if {@code leafCount < 1}
     */
    public static int maxProofLength(long leafCount) {
        if (leafCount < 1) {
            throw new IllegalArgumentException("a tree has at least one leaf, got " + leafCount);
        }
        return 64 - Long.numberOfLeadingZeros(leafCount - 1);
    }

    /**
     * Checks an inclusion proof, like OpenZeppelin's {@code MerkleProof.verify(proof, root, leaf)}.
     *
     * @param root the expected root
     * @param leaf the leaf hash
     * @param proof sibling hashes from the leaf up
     * @return true if the proof leads from the leaf to the root
     * @throws IllegalArgumentException if an argument or proof element is null
     */
    public static boolean verify(Bytes32 root, Bytes32 leaf, List<Bytes32> proof) {
        if (root == null || leaf == null || proof == null) {
            throw new IllegalArgumentException("proof verification needs a root, a leaf and a proof list");
        }
        byte[] pair = new byte[64];
        leaf.copyTo(pair, 0);
        return walkTo(new Keccak256(), pair, root, proof);
    }

    /**
     * Hashes a proof from the leaf in {@code pair[0..32)} and compares the result with the root: the allocation-free
     * core of {@link #verify}, for tree types that hash their leaf into the same scratch buffer.
     *
     * @param keccak the hasher to use
     * @param pair a 64-byte scratch buffer holding the leaf in its first half (overwritten)
     * @param root the expected root
     * @param proof sibling hashes from the leaf up
     * @return true if the proof leads to the root
     */
    static boolean walkTo(Keccak256 keccak, byte[] pair, Bytes32 root, List<Bytes32> proof) {
        walk(keccak, pair, proof);
        byte[] expected = new byte[32];
        root.copyTo(expected, 0);
        return Arrays.equals(pair, 0, 32, expected, 0, 32);
    }

    /** Hashes the proof into {@code pair[0..32)}, which holds the leaf on entry and the computed root on exit. */
    private static void walk(Keccak256 keccak, byte[] pair, List<Bytes32> proof) {
        for (int i = 0; i < proof.size(); i++) {
            Bytes32 p = proof.get(i);
            if (p == null) {
                throw new IllegalArgumentException("proof element " + i + " is null");
            }
            p.copyTo(pair, 32);
            if (Arrays.compareUnsigned(pair, 0, 32, pair, 32, 64) > 0) {
                for (int j = 0; j < 32; j++) {
                    byte t = pair[j];
                    pair[j] = pair[32 + j];
                    pair[32 + j] = t;
                }
            }
            keccak.hashInto(pair, 0, 64, pair, 0);
        }
    }

    /**
     * The root a proof leads to from a leaf hash (OpenZeppelin's {@code processProof}).
     *
     * @param leaf the leaf hash
     * @param proof sibling hashes from the leaf up
     * @return the computed root
     * @throws IllegalArgumentException if an argument or proof element is null
     */
    public static Bytes32 processProof(Bytes32 leaf, List<Bytes32> proof) {
        if (leaf == null || proof == null) {
            throw new IllegalArgumentException("proof processing needs a leaf and a proof list");
        }
        byte[] pair = new byte[64];
        leaf.copyTo(pair, 0);
        walk(new Keccak256(), pair, proof);
        return new Bytes32(Arrays.copyOf(pair, 32));
    }

    /**
     * Checks a multiproof, like OpenZeppelin's {@code MerkleProof.multiProofVerify}.
     *
     * @param root the expected root
     * @param multiProof the proof, flags and leaf hashes (in the proof's order)
     * @return true if the proof leads from the leaves to the root
     * @throws IllegalArgumentException if an argument is null or the multiproof is malformed (OpenZeppelin would
     *         revert)
     */
    public static boolean verifyMultiProof(Bytes32 root, LeafMultiProof multiProof) {
        if (root == null || multiProof == null) {
            throw new IllegalArgumentException("multiproof verification needs a root and a multiproof");
        }
        return processMultiProof(multiProof.proof(), multiProof.proofFlags(), multiProof.leaves()).equals(root);
    }

    /**
     * The root a multiproof leads to (OpenZeppelin's {@code processMultiProof}), with its malformed-proof checks.
     *
     * @param proof the proof hashes
     * @param proofFlags the flags
     * @param leaves the leaf hashes, in the proof's order
     * @return the computed root
     * @throws IllegalArgumentException if an argument or element is null, if {@code leaves + proof != flags + 1}, if
     *         not every proof hash is used, or if a step would read a hash that was not computed yet
     */
    public static Bytes32 processMultiProof(List<Bytes32> proof, List<Boolean> proofFlags, List<Bytes32> leaves) {
        if (proof == null || proofFlags == null || leaves == null) {
            throw new IllegalArgumentException("multiproof processing needs proof, flags and leaves");
        }
        int leavesLen = leaves.size();
        int flagsLen = proofFlags.size();
        if (leavesLen + proof.size() != flagsLen + 1) {
            throw new IllegalArgumentException("invalid multiproof: leaves (" + leavesLen + ") + proof (" + proof.size()
                    + ") must equal flags (" + flagsLen + ") + 1");
        }
        byte[][] hashes = new byte[flagsLen][];
        int leafPos = 0;
        int hashPos = 0;
        int proofPos = 0;
        for (int i = 0; i < flagsLen; i++) {
            byte[] a;
            if (leafPos < leavesLen) {
                a = element(leaves, leafPos++, "leaf");
            } else {
                a = computed(hashes, hashPos++, i);
            }
            byte[] b;
            Boolean flag = proofFlags.get(i);
            if (flag == null) {
                throw new IllegalArgumentException("invalid multiproof: flag " + i + " is null");
            }
            if (flag) {
                b = leafPos < leavesLen ? element(leaves, leafPos++, "leaf") : computed(hashes, hashPos++, i);
            } else {
                if (proofPos >= proof.size()) {
                    throw new IllegalArgumentException("invalid multiproof: proof exhausted at step " + i);
                }
                b = element(proof, proofPos++, "proof element");
            }
            hashes[i] = hashPair(a, b);
        }
        if (flagsLen > 0) {
            if (proofPos != proof.size()) {
                throw new IllegalArgumentException("invalid multiproof: " + (proof.size() - proofPos) + " proof hash(es) unused");
            }
            return new Bytes32(hashes[flagsLen - 1]);
        } else if (leavesLen > 0) {
            return new Bytes32(element(leaves, 0, "leaf"));
        } else {
            return new Bytes32(element(proof, 0, "proof element"));
        }
    }

    /**
     * The commutative pair hash: {@code keccak256(min(a,b) ‖ max(a,b))}.
     *
     * @param a one node
     * @param b the other node
     * @return the parent node
     * @throws IllegalArgumentException if a node is null
     */
    public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("pair hashing needs two nodes");
        }
        return new Bytes32(hashPair(a.value(), b.value()));
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        byte[] buf = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        System.arraycopy(aFirst ? a : b, 0, buf, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, buf, 32, 32);
        return Hash.sha3(buf);
    }

    /**
     * Checks the parts of a multiproof record (this class's and {@link MultiProof}).
     *
     * @param leaves the proven leaves (hashes or ids)
     * @param proof the proof hashes
     * @param proofFlags the flags
     * @throws IllegalArgumentException if a list or an element is null
     */
    static void checkMultiProofParts(List<?> leaves, List<Bytes32> proof, List<Boolean> proofFlags) {
        if (leaves == null || proof == null || proofFlags == null) {
            throw new IllegalArgumentException("a multiproof needs leaves, proof and flags");
        }
        // (not List.contains(null): immutable lists throw NullPointerException for it)
        if (leaves.stream().anyMatch(x -> x == null) || proof.stream().anyMatch(x -> x == null)
                || proofFlags.stream().anyMatch(x -> x == null)) {
            throw new IllegalArgumentException("a multiproof must not hold null elements");
        }
    }

    /** The tree index of a leaf (binary search over the sorted leaves), or -1. */
    private int treeIndexOrMinusOne(Bytes32 leaf) {
        byte[] key = leaf.value();
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(nodes[nodes.length - 1 - mid], key);
            if (c == 0) {
                return nodes.length - 1 - mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private int treeIndex(Bytes32 leaf) {
        if (leaf == null) {
            throw new IllegalArgumentException("leaf must not be null");
        }
        int index = treeIndexOrMinusOne(leaf);
        if (index < 0) {
            throw new IllegalArgumentException("leaf " + leaf + " is not in this tree");
        }
        return index;
    }

    private static byte[] element(List<Bytes32> list, int i, String what) {
        Bytes32 v = list.get(i);
        if (v == null) {
            throw new IllegalArgumentException("invalid multiproof: " + what + " " + i + " is null");
        }
        return v.value();
    }

    private static byte[] computed(byte[][] hashes, int pos, int step) {
        if (pos >= step) {
            throw new IllegalArgumentException("invalid multiproof: step " + step + " reads a hash not computed yet");
        }
        return hashes[pos];
    }
}
