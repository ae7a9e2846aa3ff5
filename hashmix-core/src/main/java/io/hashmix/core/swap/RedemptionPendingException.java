package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/**
 * {@code RedemptionPending(uint256)}: a product the pool holds is frozen and the pool's share of its forfeited
 * collateral is not in the books yet, so the pool prices no shares (deposits, withdrawals of chosen units) and
 * does not evict its tokens until {@link SwapClient#redeemFrozen} has run for them (anyone may call it).
 * Pro-rata withdrawals still work.
 */
public final class RedemptionPendingException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public RedemptionPendingException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The frozen product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }
}
