package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code NoPayoutCommitment(uint256)}: the product has no payout commitment: its reports cannot be bound to Bitcoin payouts. */
public final class NoPayoutCommitmentException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NoPayoutCommitmentException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
