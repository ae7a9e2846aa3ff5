package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code PaymentAlreadyClaimed(bytes32)}: the SPV verifier's: the payment was consumed already, by any report of any product (or earlier in the same report). */
public final class PaymentAlreadyClaimedException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PaymentAlreadyClaimedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The payment's txid (internal byte order). */
    public Bytes32 txid() {
        return Bytes32.of((byte[]) error().value(0));
    }

    /** {@link EvidenceBindingException.Reason#PAYMENT_ALREADY_CLAIMED}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.PAYMENT_ALREADY_CLAIMED;
    }

    /** Not one proof: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
