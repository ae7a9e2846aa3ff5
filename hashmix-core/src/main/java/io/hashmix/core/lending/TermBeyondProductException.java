package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.core.internal.AbiValues;

/**
 * {@code TermBeyondProduct(uint64,uint64)}: The loan would mature after its collateral's product ends.
 */
public final class TermBeyondProductException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TermBeyondProductException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The loan's maturity. */
    public Instant maturity() {
        return AbiValues.instant((BigInteger) error().value(0));
    }
    /** The product's end. */
    public Instant productEnd() {
        return AbiValues.instant((BigInteger) error().value(1));
    }
}
