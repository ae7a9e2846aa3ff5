package io.hashmix.core.errors;

import java.math.BigInteger;

/**
 * {@code AmountNotReceived(uint256,uint256)}: an ERC-20 pull (collateral, a deposit, a payment)
 * delivered another amount than asked: fee-on-transfer and rebasing tokens are refused.
 */
public final class AmountNotReceivedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AmountNotReceivedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The amount pulled. */
    public BigInteger expected() {
        return (BigInteger) error().value(0);
    }

    /** What arrived. */
    public BigInteger received() {
        return (BigInteger) error().value(1);
    }
}
