package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code RefinanceTooSmall(uint256,uint256)}: The offer's principal or max repayment cannot pay the old lender off.
 */
public final class RefinanceTooSmallException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RefinanceTooSmallException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** What the old lender is owed. */
    public BigInteger payoff() {
        return (BigInteger) error().value(0);
    }
    /** What the offer allows. */
    public BigInteger available() {
        return (BigInteger) error().value(1);
    }
}
