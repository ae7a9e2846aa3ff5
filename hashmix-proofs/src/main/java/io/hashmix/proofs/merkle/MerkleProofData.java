package io.hashmix.proofs.merkle;

import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;

/**
 * An inclusion proof of one hardware id, in the form {@code MerkleProof.verify(proof, root, leaf)} takes.
 *
 * @param hardwareId the proven id
 * @param proof sibling hashes from the leaf up (copied into an unmodifiable list)
 */
public record MerkleProofData(HardwareId hardwareId, List<Bytes32> proof) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the id, the list or an element is null
     */
    public MerkleProofData {
        if (hardwareId == null || proof == null) {
            throw new IllegalArgumentException("a Merkle proof needs a hardware id and a proof list");
        }
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i) == null) {
                throw new IllegalArgumentException("Merkle proof element " + i + " is null");
            }
        }
        proof = List.copyOf(proof);
    }

    /** The leaf hash the contract verifies ({@link MerkleTree#leafHash}). */
    public Bytes32 leafHash() {
        return MerkleTree.leafHash(hardwareId);
    }

    /**
     * Whether this proof leads to a root.
     *
     * @param root the expected root
     * @return true if it does
     */
    public boolean verify(Bytes32 root) {
        return MerkleTree.verify(root, hardwareId, proof);
    }
}
