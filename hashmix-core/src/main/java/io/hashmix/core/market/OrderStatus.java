package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * What the market records about an order, plus the two order-level checks that need the chain:
 * expiry against the chain's clock and the maker's counter. Token-level state (owner, token nonce,
 * tradability) and the payer's funds are {@link MarketClient#checkFillable}'s job.
 *
 * <p>The market writes filled units only for partial listing fills and for offer fills: a
 * whole-token listing fill and a swap are killed by the token nonce instead, so their
 * {@code filledUnits} stays 0. A swap has no units: its {@code remainingUnits} is 1 (the swap
 * itself) until it is killed.
 *
 * @param orderHash      the order's hash (its EIP-712 digest in the market's domain)
 * @param filledUnits    units filled so far, as recorded
 * @param remainingUnits {@code units - filledUnits} (1 for a swap)
 * @param cancelled      the maker cancelled it
 * @param expired        its expiry is before the chain's current time
 * @param counterStale   its counter is not the maker's current counter (the market requires equality)
 */
public record OrderStatus(Bytes32 orderHash, BigInteger filledUnits, BigInteger remainingUnits, boolean cancelled,
                          boolean expired, boolean counterStale) {

    /** Checks the parts. */
    public OrderStatus {
        Objects.requireNonNull(orderHash, "orderHash");
        Objects.requireNonNull(filledUnits, "filledUnits");
        Objects.requireNonNull(remainingUnits, "remainingUnits");
    }

    /** Whether none of the order-level checks kills it: not cancelled, expired, stale or filled. */
    public boolean live() {
        return !cancelled && !expired && !counterStale && remainingUnits.signum() > 0;
    }
}
