package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/**
 * {@code BorrowerScoreTooLow(address,uint256,uint256)}: The borrower's credit score is below the minimum the lender's
 * offer asks for ({@code minCreditScore} of a loan offer or collection offer), read from the credit registry when the
 * loan starts or is refinanced. A lending contract deployed without a credit registry reads every score as 0, so it
 * refuses every offer that asks for a minimum. Nothing happened.
 */
public final class BorrowerScoreTooLowException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BorrowerScoreTooLowException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The borrower whose score was read. */
    public EvmAddress borrower() {
        return (EvmAddress) error().value(0);
    }
    /** The borrower's score, 0..1000 (what {@code hm.credit().score(borrower)} read at that block). */
    public long score() {
        return ((BigInteger) error().value(1)).longValueExact();
    }
    /** The least score the offer asks for. */
    public long minScore() {
        return ((BigInteger) error().value(2)).longValueExact();
    }
}
