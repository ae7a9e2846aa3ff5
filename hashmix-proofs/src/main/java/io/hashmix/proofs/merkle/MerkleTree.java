package io.hashmix.proofs.merkle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.web3j.crypto.Hash;

import io.hashmix.proofs.crypto.Keccak256;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;

/**
 * A Merkle tree of hardware ids, laid out exactly like OpenZeppelin's {@code StandardMerkleTree} so that
 * OpenZeppelin's {@code MerkleProof.verify} and {@code MerkleProof.multiProofVerify} accept its proofs.
 *
 * <ul>
 *   <li>Leaf: {@code keccak256(bytes.concat(keccak256(abi.encode(bytes32 hardwareId))))}, i.e. the id hashed
 *       twice (the double hash keeps a 64-byte inner node from passing as a leaf).</li>
 *   <li>Inner node: {@code keccak256(min(a,b) ‖ max(a,b))} (commutative pair hash).</li>
 *   <li>Layout: leaves sorted ascending by leaf hash, stored in an array of {@code 2n-1} nodes with the
 *       i-th smallest leaf at index {@code 2n-2-i}; node {@code i} has children {@code 2i+1} and {@code 2i+2};
 *       the root is node 0.</li>
 * </ul>
 *
 * <p>Building rejects an empty list and duplicate ids ({@link IllegalArgumentException}). Proof
 * verification mirrors OpenZeppelin: it returns {@code false} when a well-formed proof does not lead to the
 * root, and throws {@link IllegalArgumentException} for a malformed multiproof (where OpenZeppelin reverts
 * with {@code MerkleProofInvalidMultiproof}) or null input. Instances are immutable and thread-safe.
 */
public final class MerkleTree {

    private final byte[][] nodes;
    private final List<HardwareId> hardwareIds;
    private final Map<HardwareId, Integer> treeIndex;
    private final List<HardwareId> sortedIds;

    private MerkleTree(List<HardwareId> hardwareIds, byte[][] nodes, Map<HardwareId, Integer> treeIndex,
            List<HardwareId> sortedIds) {
        this.hardwareIds = hardwareIds;
        this.nodes = nodes;
        this.treeIndex = treeIndex;
        this.sortedIds = sortedIds;
    }

    /**
     * Builds the tree of a set of hardware ids.
     *
     * @param ids the ids, at least one, no duplicates, in any order
     * @return the tree
     * @throws IllegalArgumentException if the collection is null or empty, or holds a null or duplicate id
     */
    public static MerkleTree of(Collection<HardwareId> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one hardware id");
        }
        List<HardwareId> copy = new ArrayList<>(ids.size());
        Map<HardwareId, byte[]> leafOf = new HashMap<>(ids.size() * 2);
        for (HardwareId id : ids) {
            if (id == null) {
                throw new IllegalArgumentException("hardware id #" + copy.size() + " is null");
            }
            if (leafOf.putIfAbsent(id, leafBytes(id)) != null) {
                throw new IllegalArgumentException("duplicate hardware id " + id + " (a unit of hardware can back a product only once)");
            }
            copy.add(id);
        }
        List<HardwareId> sorted = new ArrayList<>(copy);
        sorted.sort((a, b) -> Arrays.compareUnsigned(leafOf.get(a), leafOf.get(b)));
        int n = sorted.size();
        byte[][] leaves = new byte[n][];
        for (int i = 0; i < n; i++) {
            leaves[i] = leafOf.get(sorted.get(i));
        }
        byte[][] nodes = layout(leaves);
        Map<HardwareId, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(sorted.get(i), nodes.length - 1 - i);
        }
        return new MerkleTree(List.copyOf(copy), nodes, index, List.copyOf(sorted));
    }

    /**
     * Builds the array layout from leaf hashes already sorted as wanted (OpenZeppelin's {@code makeMerkleTree}).
     *
     * @param leaves the leaves, in order
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

    /** The Merkle root, as committed in a product attestation's {@code hardwareRoot}. */
    public Bytes32 root() {
        return new Bytes32(nodes[0]);
    }

    /** Number of hardware ids ({@code hardwareCount}). */
    public int size() {
        return hardwareIds.size();
    }

    /** The ids in the order they were given. */
    public List<HardwareId> hardwareIds() {
        return hardwareIds;
    }

    /**
     * Whether the tree holds an id.
     *
     * @param id the id
     * @return true if it is a leaf of this tree
     */
    public boolean contains(HardwareId id) {
        return id != null && treeIndex.containsKey(id);
    }

    /**
     * The inclusion proof of one id: sibling hashes from the leaf up, as {@code MerkleProof.verify} takes them.
     *
     * @param id an id of this tree
     * @return the proof
     * @throws IllegalArgumentException if the id is not in the tree
     */
    public MerkleProofData proof(HardwareId id) {
        int index = indexOf(id);
        List<Bytes32> proof = new ArrayList<>();
        while (index > 0) {
            int sibling = (index % 2 == 1) ? index + 1 : index - 1;
            proof.add(new Bytes32(nodes[sibling]));
            index = (index - 1) / 2;
        }
        return new MerkleProofData(id, proof);
    }

    /**
     * A multiproof of several ids, as {@code MerkleProof.multiProofVerify} takes it (OpenZeppelin's
     * {@code getMultiProof}): the leaves come back in the order the proof consumes them (descending tree
     * index), which generally differs from the order given.
     *
     * @param ids distinct ids of this tree (may be empty, in which case the proof is just the root)
     * @return the multiproof
     * @throws IllegalArgumentException if an id is missing from the tree or repeated
     */
    public MultiProof multiProof(Collection<HardwareId> ids) {
        if (ids == null) {
            throw new IllegalArgumentException("multiproof ids must not be null");
        }
        List<Integer> indices = new ArrayList<>(ids.size());
        for (HardwareId id : ids) {
            indices.add(indexOf(id));
        }
        indices.sort((a, b) -> Integer.compare(b, a));
        for (int i = 1; i < indices.size(); i++) {
            if (indices.get(i).equals(indices.get(i - 1))) {
                throw new IllegalArgumentException("cannot prove a duplicated hardware id in one multiproof");
            }
        }
        List<HardwareId> leaves = new ArrayList<>(indices.size());
        for (int i : indices) {
            leaves.add(sortedIds.get(nodes.length - 1 - i));
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
        return new MultiProof(leaves, proof, flags);
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
     * The leaf hash of an id: {@code keccak256(keccak256(abi.encode(id)))}.
     *
     * @param id the id
     * @return the leaf hash
     */
    public static Bytes32 leafHash(HardwareId id) {
        if (id == null) {
            throw new IllegalArgumentException("hardware id must not be null");
        }
        return new Bytes32(leafBytes(id));
    }

    /**
     * Checks an inclusion proof, like OpenZeppelin's {@code MerkleProof.verify(proof, root, leafHash(id))}.
     *
     * @param root the expected root
     * @param id the hardware id
     * @param proof sibling hashes from the leaf up
     * @return true if the proof leads from the id to the root
     * @throws IllegalArgumentException if an argument or proof element is null
     */
    public static boolean verify(Bytes32 root, HardwareId id, List<Bytes32> proof) {
        if (root == null) {
            throw new IllegalArgumentException("root must not be null");
        }
        if (id == null) {
            throw new IllegalArgumentException("hardware id must not be null");
        }
        if (proof == null) {
            throw new IllegalArgumentException("proof processing needs a leaf and a proof list");
        }
        // one hasher and one 64-byte scratch buffer for the whole walk: no per-level arrays or digest objects
        Keccak256 keccak = new Keccak256();
        byte[] pair = new byte[64];
        id.value().copyTo(pair, 0);
        keccak.hashInto(pair, 0, 32, pair, 0);
        keccak.hashInto(pair, 0, 32, pair, 0);
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
     * @param multiProof the proof, flags and hardware ids (in the proof's order)
     * @return true if the proof leads from the ids to the root
     * @throws IllegalArgumentException if the multiproof is malformed (OpenZeppelin would revert)
     */
    public static boolean verifyMultiProof(Bytes32 root, MultiProof multiProof) {
        if (root == null || multiProof == null) {
            throw new IllegalArgumentException("multiproof verification needs a root and a multiproof");
        }
        return processMultiProof(multiProof.proof(), multiProof.proofFlags(), multiProof.leafHashes()).equals(root);
    }

    /**
     * The root a multiproof leads to (OpenZeppelin's {@code processMultiProof}), with its malformed-proof checks.
     *
     * @param proof the proof hashes
     * @param proofFlags the flags
     * @param leaves the leaf hashes, in the proof's order
     * @return the computed root
     * @throws IllegalArgumentException if {@code leaves + proof != flags + 1}, if not every proof hash is used,
     *         or if a step would read a hash that was not computed yet
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

    private static byte[] leafBytes(HardwareId id) {
        return Hash.sha3(Hash.sha3(id.value().value()));
    }

    private int indexOf(HardwareId id) {
        if (id == null) {
            throw new IllegalArgumentException("hardware id must not be null");
        }
        Integer index = treeIndex.get(id);
        if (index == null) {
            throw new IllegalArgumentException("hardware id " + id + " is not in this tree");
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
