package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code UnitRevenueBelowFloor(uint256,uint256)}: the report's unit revenue is below the subsidy floor of the proven block (floor violated). */
public final class UnitRevenueBelowFloorException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public UnitRevenueBelowFloorException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The reported unit revenue (x 10^18). */
    public BigInteger unitRevenue() {
        return (BigInteger) error().value(0);
    }

    /** The floor (x 10^18). */
    public BigInteger floor() {
        return (BigInteger) error().value(1);
    }

    /** {@link EvidenceBindingException.Reason#UNIT_REVENUE_BELOW_FLOOR}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.UNIT_REVENUE_BELOW_FLOOR;
    }

    /** Not one proof: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
