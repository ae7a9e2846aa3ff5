package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Where an order stands, from {@link MarketClient#status}: what the market records about it, the
 * order-level checks that need the chain (expiry against the chain's clock, the maker's counter),
 * and its live remainder.
 *
 * <p>{@code remainingUnits} is what could still be filled, for every order kind, counting every
 * check that kills an order for good (cancelled, expired, stale counter, filled, the token gone,
 * moved or re-nonced, the product frozen or defaulted, a swap's units changed, a bad signature):
 * <ul>
 *   <li>listing: {@code min(units - recorded fills, the token's units now)}: a listing covering its
 *       whole token is bounded by the token itself (each partial fill carves the token, and the
 *       market records no fill for it);</li>
 *   <li>offer and criteria offer: {@code units - recorded fills};</li>
 *   <li>swap: 1 while it can still happen, else 0.</li>
 * </ul>
 * It ignores what can clear later (approvals, the payer's funds, a currency not allowed yet):
 * {@link MarketClient#checkFillable} reports those. {@code filledUnits} is what the market records:
 * offer fills, and listing fills only while the listing is smaller than its token.
 *
 * @param orderHash      the order's hash (its EIP-712 digest in the market's domain)
 * @param filledUnits    units filled so far, as the market records them (see above)
 * @param remainingUnits the live remainder (see above)
 * @param cancelled      the maker cancelled it
 * @param expired        its expiry is before the chain's current time
 * @param counterStale   its counter is not the maker's current counter (the market requires equality)
 * @param problems       everything {@link MarketClient#checkFillable} finds wrong with it now
 */
public record OrderStatus(Bytes32 orderHash, BigInteger filledUnits, BigInteger remainingUnits, boolean cancelled,
                          boolean expired, boolean counterStale, List<FillProblem> problems) {

    /** Checks and copies the parts. */
    public OrderStatus {
        Objects.requireNonNull(orderHash, "orderHash");
        Objects.requireNonNull(filledUnits, "filledUnits");
        Objects.requireNonNull(remainingUnits, "remainingUnits");
        problems = List.copyOf(problems);
    }

    /** Whether it can still fill: its live remainder is positive. */
    public boolean live() {
        return remainingUnits.signum() > 0;
    }
}
