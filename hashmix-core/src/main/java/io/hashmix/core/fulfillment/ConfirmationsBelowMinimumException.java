package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code ConfirmationsBelowMinimum(uint256,uint256,uint256)}: a payment's block has fewer confirmations in its proof than its asset class requires (too few confirmations). */
public final class ConfirmationsBelowMinimumException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ConfirmationsBelowMinimumException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The offending proof's index. */
    @Override
    public int payment() {
        return ((BigInteger) error().value(0)).intValue();
    }

    /** Confirmations in the proof. */
    public long confirmations() {
        return ((BigInteger) error().value(1)).longValueExact();
    }

    /** The class's minimum. */
    public long minimum() {
        return ((BigInteger) error().value(2)).longValueExact();
    }

    /** {@link EvidenceBindingException.Reason#CONFIRMATIONS_BELOW_MINIMUM}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.CONFIRMATIONS_BELOW_MINIMUM;
    }
}
