package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code InvalidPaymentCount(uint256,uint256)}: a report needs one to eight payout proofs. */
public final class InvalidPaymentCountException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidPaymentCountException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The number of proofs given. */
    public int count() {
        return ((BigInteger) error().value(0)).intValue();
    }

    /** The most a report takes. */
    public int max() {
        return ((BigInteger) error().value(1)).intValue();
    }

    /** {@link EvidenceBindingException.Reason#INVALID_PAYMENT_COUNT}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.INVALID_PAYMENT_COUNT;
    }

    /** Not one proof: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
