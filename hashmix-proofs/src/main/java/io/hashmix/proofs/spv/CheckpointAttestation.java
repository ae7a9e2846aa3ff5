package io.hashmix.proofs.spv;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Struct;

/**
 * The committee's attestation of a Bitcoin header checkpoint, as {@code BtcSpvVerifier.submitCheckpoint}
 * takes it: EIP-712 typed data {@value #TYPE_STRING}, signed M-of-N like product attestations (the
 * domain's verifying contract is the verifier). Once accepted, payment proofs may start from it.
 *
 * @param blockHash      the checkpoint block's hash in Bitcoin's internal byte order (the raw double-SHA256)
 * @param height         its height
 * @param nBits          its compact target (the first proven header is checked against it)
 * @param nonce          consumed once by the verifier
 * @param deadline       last second at which the verifier accepts it (unsigned)
 * @param committeeEpoch the committee epoch it was signed under (unsigned)
 */
public record CheckpointAttestation(Bytes32 blockHash, long height, long nBits, BigInteger nonce, long deadline,
                                    long committeeEpoch) implements Eip712Struct {

    /** The exact EIP-712 type string shared with {@code BtcSpvVerifier}. Do not change. */
    public static final String TYPE_STRING =
            "HeaderCheckpoint(bytes32 blockHash,uint64 height,uint32 nBits,uint256 nonce,uint64 deadline,uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if nBits does not fit 32 bits or the nonce 256 bits
     */
    public CheckpointAttestation {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(nonce, "nonce");
        if (nBits < 0 || nBits > AbiWords.UINT32_MAX) {
            throw new IllegalArgumentException("nBits must fit 32 bits, got " + nBits);
        }
        AbiWords.checkUint256(nonce, "nonce");
    }

    /** An attestation of an accepted checkpoint. */
    public static CheckpointAttestation of(HeaderCheckpoint checkpoint, BigInteger nonce, long deadline, long committeeEpoch) {
        return new CheckpointAttestation(checkpoint.blockHash(), checkpoint.height(), checkpoint.nBits(), nonce, deadline,
                committeeEpoch);
    }

    /** {@inheritDoc} */
    @Override
    public String typeString() {
        return TYPE_STRING;
    }

    /** {@inheritDoc} */
    @Override
    public Bytes32 typeHash() {
        return TYPE_HASH;
    }

    /** {@code keccak256(abi.encode(TYPE_HASH, blockHash, height, nBits, nonce, deadline, committeeEpoch))}. */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(7)
                .bytes32(TYPE_HASH)
                .bytes32(blockHash)
                .uint64(height)
                .uint64(nBits)
                .uint256(nonce)
                .uint64(deadline)
                .uint64(committeeEpoch)
                .keccak();
    }
}
