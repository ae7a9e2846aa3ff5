package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.ProductId;

/**
 * The outcome of a revenue deposit, read from its {@code RevenueDeposited} and {@code EpochSettled}
 * events.
 *
 * @param productId the product
 * @param epoch     the epoch deposited
 * @param amount    the revenue pulled from the issuer
 * @param settled   the epochs the deposit settled on the way (in order; empty if an earlier epoch
 *                  still blocks settlement)
 * @param receipt   the deposit transaction's receipt
 */
public record DepositResult(ProductId productId, long epoch, BigInteger amount, List<SettledEpoch> settled,
                            TxReceipt receipt) {

    /** Checks and copies the parts. */
    public DepositResult {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(amount, "amount");
        settled = List.copyOf(settled);
        Objects.requireNonNull(receipt, "receipt");
    }
}
