package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.market.SignedOrder;

/**
 * Whether an order can be filled now, from {@link MarketClient#checkFillable}.
 *
 * <p>{@code fillableUnits} is the most a fill could take now:
 * <ul>
 *   <li>listing: {@code min(units - filled, token units)} (the buyer's funds are unknown);</li>
 *   <li>offer: {@code min(units - filled, token units, min(balance, allowance) / pricePerUnit)};</li>
 *   <li>criteria offer: {@code min(units - filled, min(balance, allowance) / pricePerUnit)} (the
 *       seller's token is unknown);</li>
 *   <li>swap: the units of the maker's token.</li>
 * </ul>
 * It is 0 whenever a problem is found. Rarely it is 0 with no problem: an offer whose token has
 * fewer units than its {@code minFill} and than what remains (no fill size is valid now).
 *
 * @param order         the order checked
 * @param fillable      {@code problems} is empty and {@code fillableUnits > 0}
 * @param fillableUnits the most a fill could take now (see above)
 * @param problems      everything found wrong, in {@link FillProblem} order (empty if fillable)
 */
public record Fillability(SignedOrder order, boolean fillable, BigInteger fillableUnits, List<FillProblem> problems) {

    /** Checks and copies the parts. */
    public Fillability {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(fillableUnits, "fillableUnits");
        problems = List.copyOf(problems);
    }

    /** Whether a given problem was found. */
    public boolean has(FillProblem problem) {
        return problems.contains(problem);
    }
}
