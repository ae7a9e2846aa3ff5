package io.hashmix.core.committee;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code BelowThreshold(uint256,uint256)}: fewer valid signatures than the asset class's threshold. */
public final class BelowThresholdException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BelowThresholdException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Valid signatures given. */
    public BigInteger valid() {
        return (BigInteger) error().value(0);
    }

    /** The threshold. */
    public BigInteger required() {
        return (BigInteger) error().value(1);
    }
}
