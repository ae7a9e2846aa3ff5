package io.hashmix.proofs.merkle;

import java.util.ArrayList;
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
 *
 * <p>Everything from the leaves up (layout, pair hash, proofs and their checks) is {@link StandardMerkleLayout}'s;
 * this class only says how a hardware id becomes its leaf.
 */
public final class MerkleTree {

    private final StandardMerkleLayout layout;
    private final List<HardwareId> hardwareIds;
    private final Map<Bytes32, HardwareId> idOfLeaf;

    private MerkleTree(List<HardwareId> hardwareIds, StandardMerkleLayout layout, Map<Bytes32, HardwareId> idOfLeaf) {
        this.hardwareIds = hardwareIds;
        this.layout = layout;
        this.idOfLeaf = idOfLeaf;
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
        Map<Bytes32, HardwareId> idOfLeaf = new HashMap<>(ids.size() * 2);
        for (HardwareId id : ids) {
            if (id == null) {
                throw new IllegalArgumentException("hardware id #" + copy.size() + " is null");
            }
            if (idOfLeaf.putIfAbsent(new Bytes32(leafBytes(id)), id) != null) {
                throw new IllegalArgumentException("duplicate hardware id " + id + " (a unit of hardware can back a product only once)");
            }
            copy.add(id);
        }
        return new MerkleTree(List.copyOf(copy), StandardMerkleLayout.of(idOfLeaf.keySet()), Map.copyOf(idOfLeaf));
    }

    /**
     * Builds the array layout from leaf hashes already sorted as wanted (OpenZeppelin's {@code makeMerkleTree}).
     *
     * @param leaves the leaves, in order
     * @return the {@code 2n-1} nodes, root first
     */
    static byte[][] layout(byte[][] leaves) {
        return StandardMerkleLayout.layout(leaves);
    }

    /** The Merkle root, as committed in a product attestation's {@code hardwareRoot}. */
    public Bytes32 root() {
        return layout.root();
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
        return id != null && idOfLeaf.containsKey(new Bytes32(leafBytes(id)));
    }

    /**
     * The inclusion proof of one id: sibling hashes from the leaf up, as {@code MerkleProof.verify} takes them.
     *
     * @param id an id of this tree
     * @return the proof
     * @throws IllegalArgumentException if the id is not in the tree
     */
    public MerkleProofData proof(HardwareId id) {
        return new MerkleProofData(id, layout.proof(leafOf(id)));
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
        StandardMerkleLayout.LeafMultiProof mp = layout.multiProof(ids.stream().map(this::leafOf).toList());
        List<HardwareId> proven = mp.leaves().stream().map(idOfLeaf::get).toList();
        return new MultiProof(proven, mp.proof(), mp.proofFlags());
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
        return StandardMerkleLayout.maxProofLength(leafCount);
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
        return StandardMerkleLayout.walkTo(keccak, pair, root, proof);
    }

    /**
     * The root a proof leads to from a leaf hash (OpenZeppelin's {@code processProof}).
     *
     * @param leaf the leaf hash
     * @param proof sibling hashes from the leaf up
     * @return the computed root
     */
    public static Bytes32 processProof(Bytes32 leaf, List<Bytes32> proof) {
        return StandardMerkleLayout.processProof(leaf, proof);
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
        return StandardMerkleLayout.processMultiProof(proof, proofFlags, leaves);
    }

    /**
     * The commutative pair hash: {@code keccak256(min(a,b) ‖ max(a,b))}.
     *
     * @param a one node
     * @param b the other node
     * @return the parent node
     */
    public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
        return StandardMerkleLayout.hashPair(a, b);
    }

    private static byte[] leafBytes(HardwareId id) {
        return Hash.sha3(Hash.sha3(id.value().value()));
    }

    private Bytes32 leafOf(HardwareId id) {
        if (id == null) {
            throw new IllegalArgumentException("hardware id must not be null");
        }
        Bytes32 leaf = new Bytes32(leafBytes(id));
        if (!idOfLeaf.containsKey(leaf)) {
            throw new IllegalArgumentException("hardware id " + id + " is not in this tree");
        }
        return leaf;
    }
}
