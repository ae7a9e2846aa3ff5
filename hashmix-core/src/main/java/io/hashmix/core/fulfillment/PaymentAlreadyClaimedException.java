package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/** {@code PaymentAlreadyClaimed(bytes32)}: the Bitcoin payment was already consumed by an accepted report; a txid counts once. */
public final class PaymentAlreadyClaimedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PaymentAlreadyClaimedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The payment's txid (internal byte order). */
    public Bytes32 txid() {
        return Bytes32.of((byte[]) error().value(0));
    }
}
