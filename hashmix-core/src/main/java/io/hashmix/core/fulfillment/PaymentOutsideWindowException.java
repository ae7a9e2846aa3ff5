package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code PaymentOutsideWindow(uint256,uint256,uint256,uint256)}: a payment's block time is outside the reported epoch's window (a proof outside the epoch window). */
public final class PaymentOutsideWindowException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public PaymentOutsideWindowException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The offending proof's index. */
    @Override
    public int payment() {
        return ((BigInteger) error().value(0)).intValue();
    }

    /** The including block's timestamp. */
    public Instant blockTime() {
        return Instant.ofEpochSecond(((BigInteger) error().value(1)).longValueExact());
    }

    /** {@code epochStart - windowSlack}. */
    public Instant windowStart() {
        return Instant.ofEpochSecond(((BigInteger) error().value(2)).longValueExact());
    }

    /** {@code epochEnd + windowSlack}. */
    public Instant windowEnd() {
        return Instant.ofEpochSecond(((BigInteger) error().value(3)).longValueExact());
    }

    /** {@link EvidenceBindingException.Reason#PAYMENT_OUTSIDE_WINDOW}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.PAYMENT_OUTSIDE_WINDOW;
    }
}
