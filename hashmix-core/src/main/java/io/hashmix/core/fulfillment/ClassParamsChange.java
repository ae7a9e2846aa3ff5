package io.hashmix.core.fulfillment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * The result of {@link BitcoinEvidenceClient#scheduleClassParams}: applied at once (a class's first parameters), or
 * scheduled for {@link #eta()} ({@link BitcoinEvidenceClient#applyClassParams} from then on).
 *
 * @param assetClass the asset class
 * @param eta        when the change may be applied, empty if it applied at once
 * @param receipt    the transaction's receipt
 */
public record ClassParamsChange(AssetClassId assetClass, Optional<Instant> eta, TxReceipt receipt) {

    /** Checks the parts. */
    public ClassParamsChange {
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** Whether the parameters apply already. */
    public boolean appliedNow() {
        return eta.isEmpty();
    }
}
