package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code RevenueAboveProven(uint256,uint256)}: the report's revenue exceeds what the proofs paid (under-proven revenue). */
public final class RevenueAboveProvenException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RevenueAboveProvenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The reported revenue. */
    public BigInteger revenue() {
        return (BigInteger) error().value(0);
    }

    /** What the proofs paid, in payout base units. */
    public BigInteger proven() {
        return (BigInteger) error().value(1);
    }

    /** {@link EvidenceBindingException.Reason#REVENUE_ABOVE_PROVEN}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.REVENUE_ABOVE_PROVEN;
    }

    /** Not one proof: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
