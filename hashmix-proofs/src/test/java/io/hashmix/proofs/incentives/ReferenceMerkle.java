package io.hashmix.proofs.incentives;

import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.Hash;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * A deliberately naive second implementation of OpenZeppelin's standard tree, written from its definition (recursive
 * node function, byte concatenation through web3j's keccak), to check the production layout against.
 */
final class ReferenceMerkle {

    private ReferenceMerkle() {
    }

    /** keccak256 of the two nodes, smaller first. */
    static Bytes32 parent(Bytes32 x, Bytes32 y) {
        Bytes32 lo = x.compareTo(y) <= 0 ? x : y;
        Bytes32 hi = lo == x ? y : x;
        byte[] both = new byte[64];
        System.arraycopy(lo.value(), 0, both, 0, 32);
        System.arraycopy(hi.value(), 0, both, 32, 32);
        return new Bytes32(Hash.sha3(both));
    }

    /** OpenZeppelin's {@code processProof}: fold the proof into the leaf. */
    static Bytes32 processProof(Bytes32 leaf, List<Bytes32> proof) {
        Bytes32 h = leaf;
        for (Bytes32 sibling : proof) {
            h = parent(h, sibling);
        }
        return h;
    }

    /** Node {@code i} of the {@code 2n-1} node array whose last {@code n} slots hold the sorted leaves in reverse. */
    private static Bytes32 node(List<Bytes32> sortedLeaves, int i) {
        int n = sortedLeaves.size();
        if (i >= n - 1) {
            return sortedLeaves.get(2 * n - 2 - i);
        }
        return parent(node(sortedLeaves, 2 * i + 1), node(sortedLeaves, 2 * i + 2));
    }

    private static List<Bytes32> sorted(List<Bytes32> leaves) {
        List<Bytes32> s = new ArrayList<>(leaves);
        s.sort(null);
        return s;
    }

    /** The root of a set of leaves. */
    static Bytes32 root(List<Bytes32> leaves) {
        return node(sorted(leaves), 0);
    }

    /** The proof of one leaf: the sibling of each node on its path up. */
    static List<Bytes32> proof(List<Bytes32> leaves, Bytes32 leaf) {
        List<Bytes32> s = sorted(leaves);
        List<Bytes32> out = new ArrayList<>();
        for (int at = 2 * s.size() - 2 - s.indexOf(leaf); at != 0; at = (at - 1) >> 1) {
            out.add(node(s, at + ((at & 1) << 1) - 1));
        }
        return out;
    }
}
