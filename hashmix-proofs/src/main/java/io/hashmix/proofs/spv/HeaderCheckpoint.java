package io.hashmix.proofs.spv;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The trusted anchor of a header chain: a block the committee attests is on the best Bitcoin chain. The first
 * header of a {@link PaymentProof} must name {@link #blockHash} as its parent; its height is
 * {@code height + 1}, and {@code nBits} is what the retarget rule compares the first header's target with.
 *
 * @param blockHash hash of the checkpoint block, internal order
 * @param height its height
 * @param nBits its compact target
 */
public record HeaderCheckpoint(Bytes32 blockHash, long height, long nBits) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the hash is null, the height negative or above 2^32-2, or {@code nBits}
     *         not a valid target
     */
    public HeaderCheckpoint {
        if (blockHash == null) {
            throw new IllegalArgumentException("checkpoint block hash must not be null");
        }
        if (height < 0 || height >= 0xffffffffL) {
            throw new IllegalArgumentException("checkpoint height must be 0 .. 2^32-2, got " + height);
        }
        CompactTarget.decode(nBits);
    }

    /**
     * The checkpoint of a known header.
     *
     * @param header the checkpoint block's header
     * @param height its height
     * @return the checkpoint
     */
    public static HeaderCheckpoint of(BlockHeader header, long height) {
        return new HeaderCheckpoint(header.hash(), height, header.nBits());
    }
}
