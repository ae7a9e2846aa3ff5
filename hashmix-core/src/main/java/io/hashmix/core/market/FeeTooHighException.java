package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code FeeTooHigh(uint16)}: a protocol fee above the market's {@code MAX_FEE_BPS} (1,000 bps). */
public final class FeeTooHighException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public FeeTooHighException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The fee asked for, in basis points. */
    public int feeBps() {
        return ((BigInteger) error().value(0)).intValueExact();
    }
}
