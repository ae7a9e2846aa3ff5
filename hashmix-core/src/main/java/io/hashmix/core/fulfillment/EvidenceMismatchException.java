package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/** {@code EvidenceMismatch(bytes32,bytes32)}: the proven Bitcoin transaction is not the report's evidence. */
public final class EvidenceMismatchException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public EvidenceMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The report's evidence. */
    public Bytes32 evidence() {
        return Bytes32.of((byte[]) error().value(0));
    }

    /** The txid the payment proof proved (internal byte order). */
    public Bytes32 txid() {
        return Bytes32.of((byte[]) error().value(1));
    }
}
