package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code CoinbaseHeightMismatch(uint256)}: the first proof's coinbase does not carry its block's height (BIP 34): the checkpoint's height is wrong. */
public final class CoinbaseHeightMismatchException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CoinbaseHeightMismatchException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The height the checkpoint implies. */
    public long height() {
        return ((BigInteger) error().value(0)).longValueExact();
    }

    /** {@link EvidenceBindingException.Reason#COINBASE_HEIGHT_MISMATCH}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.COINBASE_HEIGHT_MISMATCH;
    }

    /** The first proof (its coinbase sets the floor height). */
    @Override
    public int payment() {
        return 0;
    }
}
