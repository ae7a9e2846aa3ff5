package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code StaleCheckpoint(uint256,bytes32,uint64)}: a proof starts from a checkpoint accepted longer ago than its asset class allows (a stale checkpoint). */
public final class StaleCheckpointException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleCheckpointException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The offending proof's index. */
    @Override
    public int payment() {
        return ((BigInteger) error().value(0)).intValue();
    }

    /** The checkpoint's block hash (internal byte order). */
    public Bytes32 checkpoint() {
        return Bytes32.of((byte[]) error().value(1));
    }

    /** When the chain accepted it. */
    public Instant acceptedAt() {
        return Instant.ofEpochSecond(((BigInteger) error().value(2)).longValueExact());
    }

    /** {@link EvidenceBindingException.Reason#STALE_CHECKPOINT}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.STALE_CHECKPOINT;
    }
}
