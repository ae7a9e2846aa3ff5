package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException;

/**
 * {@code EvidenceMismatch(bytes32,bytes32)}: the proven Bitcoin transaction is not the report's evidence (from the
 * vault's {@code submitReportWithPayment}, or from {@code BitcoinEvidence}, where {@link #txid()} is the evidence the
 * proofs back: a single txid or the hash of several).
 */
public final class EvidenceMismatchException extends CustomErrorException implements EvidenceRefusal {

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

    /** {@link EvidenceBindingException.Reason#EVIDENCE_MISMATCH}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.EVIDENCE_MISMATCH;
    }

    /** The report as a whole: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
