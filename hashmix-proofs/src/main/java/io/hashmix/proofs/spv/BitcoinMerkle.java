package io.hashmix.proofs.spv;

import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Bitcoin's transaction Merkle tree: leaves are txids (internal order), a parent is
 * {@code sha256d(left || right)}, and a level with an odd number of nodes pairs its last node with itself
 * (the "duplicate-last" rule). A branch lists the siblings from the leaf up; bit {@code k} of the index says
 * whether the node at level {@code k} is a right child (1) or a left child (0).
 *
 * <p>These functions compute; they do not judge. {@link SpvVerifier} adds the checks that make a branch a proof
 * (depth bound, the coinbase proven at the same depth, no 64-byte transaction, no phantom duplicate position).
 */
public final class BitcoinMerkle {

    private BitcoinMerkle() {
    }

    /**
     * The Merkle root of a block's txids.
     *
     * @param txids the block's txids in block order, internal order, at least one
     * @return the root, internal order
     * @throws IllegalArgumentException if the list is null, empty or holds null
     */
    public static Bytes32 root(List<Bytes32> txids) {
        List<Bytes32> level = checked(txids);
        while (level.size() > 1) {
            level = parents(level);
        }
        return level.get(0);
    }

    /**
     * The branch (siblings from the leaf up) proving the txid at {@code index}.
     *
     * @param txids the block's txids in block order, internal order
     * @param index position of the proven transaction (0 is the coinbase)
     * @return the siblings, {@code ceil(log2(txids.size()))} of them
     * @throws IllegalArgumentException if the list is invalid or the index out of range
     */
    public static List<Bytes32> branch(List<Bytes32> txids, int index) {
        List<Bytes32> level = checked(txids);
        if (index < 0 || index >= level.size()) {
            throw new IllegalArgumentException("index " + index + " outside 0 .. " + (level.size() - 1));
        }
        List<Bytes32> out = new ArrayList<>();
        int i = index;
        while (level.size() > 1) {
            int sibling = i ^ 1;
            out.add(sibling < level.size() ? level.get(sibling) : level.get(i));
            level = parents(level);
            i >>= 1;
        }
        return List.copyOf(out);
    }

    /**
     * The root a leaf and its branch lead to. Only the low {@code branch.size()} bits of {@code index} are used;
     * callers check the index is below {@code 2^branch.size()}.
     *
     * @param leaf the txid, internal order
     * @param branch siblings from the leaf up, internal order
     * @param index the leaf's position
     * @return the computed root, internal order
     * @throws IllegalArgumentException if an argument or element is null
     */
    public static Bytes32 rootFromBranch(Bytes32 leaf, List<Bytes32> branch, long index) {
        if (leaf == null || branch == null || Checks.hasNull(branch)) {
            throw new IllegalArgumentException("leaf and branch elements must not be null");
        }
        Bytes32 node = leaf;
        long i = index;
        for (Bytes32 sibling : branch) {
            node = (i & 1) == 1 ? BitcoinHash.hashPair(sibling, node) : BitcoinHash.hashPair(node, sibling);
            i >>>= 1;
        }
        return node;
    }

    private static List<Bytes32> checked(List<Bytes32> txids) {
        if (txids == null || txids.isEmpty() || Checks.hasNull(txids)) {
            throw new IllegalArgumentException("a block has at least one txid and none is null");
        }
        return txids;
    }

    private static List<Bytes32> parents(List<Bytes32> level) {
        List<Bytes32> up = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            Bytes32 left = level.get(i);
            Bytes32 right = i + 1 < level.size() ? level.get(i + 1) : left;
            up.add(BitcoinHash.hashPair(left, right));
        }
        return up;
    }
}
