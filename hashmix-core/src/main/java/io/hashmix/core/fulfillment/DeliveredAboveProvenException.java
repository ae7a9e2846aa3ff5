package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code DeliveredAboveProven(uint256,uint256,uint256)}: the delivered units at the reported unit revenue exceed what the proofs paid. */
public final class DeliveredAboveProvenException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public DeliveredAboveProvenException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The reported delivered units. */
    public BigInteger deliveredUnits() {
        return (BigInteger) error().value(0);
    }

    /** The reported unit revenue (x 10^18). */
    public BigInteger unitRevenue() {
        return (BigInteger) error().value(1);
    }

    /** What the proofs paid, in payout base units. */
    public BigInteger proven() {
        return (BigInteger) error().value(2);
    }

    /** {@link EvidenceBindingException.Reason#DELIVERED_ABOVE_PROVEN}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.DELIVERED_ABOVE_PROVEN;
    }

    /** Not one proof: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
