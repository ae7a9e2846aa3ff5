package io.hashmix.proofs.merkle;

import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;

/**
 * A multiproof of several hardware ids, in the form
 * {@code MerkleProof.multiProofVerify(proof, proofFlags, root, leaves)} takes (with
 * {@code leaves[i] = MerkleTree.leafHash(this.leaves[i])}).
 *
 * @param leaves the proven ids, in the order the proof consumes them
 * @param proof the sibling hashes the verifier cannot compute
 * @param proofFlags per step: true to hash two known nodes, false to take the next proof hash
 */
public record MultiProof(List<HardwareId> leaves, List<Bytes32> proof, List<Boolean> proofFlags) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a list or an element is null
     */
    public MultiProof {
        StandardMerkleLayout.checkMultiProofParts(leaves, proof, proofFlags);
        leaves = List.copyOf(leaves);
        proof = List.copyOf(proof);
        proofFlags = List.copyOf(proofFlags);
    }

    /** The leaf hashes to pass on chain, in proof order. */
    public List<Bytes32> leafHashes() {
        List<Bytes32> out = new ArrayList<>(leaves.size());
        for (HardwareId id : leaves) {
            out.add(MerkleTree.leafHash(id));
        }
        return List.copyOf(out);
    }

    /**
     * Whether this multiproof leads to a root.
     *
     * @param root the expected root
     * @return true if it does
     * @throws IllegalArgumentException if the multiproof is malformed
     */
    public boolean verify(Bytes32 root) {
        return MerkleTree.verifyMultiProof(root, this);
    }
}
