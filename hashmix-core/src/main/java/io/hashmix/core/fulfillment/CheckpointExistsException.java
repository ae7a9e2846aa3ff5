package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/** {@code CheckpointExists(bytes32)}: the SPV verifier already has a checkpoint for this Bitcoin block. */
public final class CheckpointExistsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CheckpointExistsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The block hash (internal byte order). */
    public Bytes32 blockHash() {
        return Bytes32.of((byte[]) error().value(0));
    }
}
