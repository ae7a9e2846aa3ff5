/**
 * Hardware Merkle trees compatible with OpenZeppelin's {@code StandardMerkleTree} and {@code MerkleProof}:
 * {@link io.hashmix.proofs.merkle.MerkleTree} builds the tree of a product's hardware ids and its single proofs
 * ({@link io.hashmix.proofs.merkle.MerkleProofData}) and multiproofs ({@link io.hashmix.proofs.merkle.MultiProof}).
 * {@link io.hashmix.proofs.merkle.StandardMerkleLayout} is the layout, pair hash and proof checking over leaf hashes
 * that every HashMix tree shares (the hardware trees and {@code io.hashmix.proofs.incentives.MakerRewardsTree}).
 *
 * <p>Verification returns a boolean like OpenZeppelin's {@code verify}, and throws
 * {@link java.lang.IllegalArgumentException} for null or structurally malformed input (where the contract reverts).
 */
package io.hashmix.proofs.merkle;
