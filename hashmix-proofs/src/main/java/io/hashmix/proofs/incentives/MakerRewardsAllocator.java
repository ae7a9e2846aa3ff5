package io.hashmix.proofs.incentives;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;

/**
 * The maker rewards rule, version {@value #RULE_VERSION}: how the committee turns a period's market fills into the
 * makers' new cumulative rewards. It is public and deterministic, so anyone can recompute a published root from the
 * market's {@code OrderFilled} events, the previous root's leaves, the program's {@code unallocated()} and the
 * period's prices, and check what the committee signed.
 *
 * <h2>Rule (version 1)</h2>
 * <ol>
 *   <li>The period's fills are the market's {@code OrderFilled} events in blocks {@code (previous toBlock, toBlock]}
 *       (the first period counts from the market's deployment).</li>
 *   <li>A fill counts for its maker if the maker is not the taker, the fee is above zero, and its currency has a
 *       price in {@code feePrices}; otherwise it is skipped, with the reason {@value SkippedFill#SELF_FILL},
 *       {@value SkippedFill#NO_FEE} or {@value SkippedFill#UNPRICED_CURRENCY} (checked in that order).</li>
 *   <li>A maker's weight is the sum of {@code fee * price} over its counted fills: the market fees it generated,
 *       valued in one numeraire ({@code price} is per base unit of the currency; the native coin is
 *       {@link EvmAddress#ZERO}).</li>
 *   <li>Each maker with a weight above zero gets {@code floor(available * weight / totalWeight)}, where
 *       {@code available} is what the program may allocate now (the contract's {@code unallocated()}) and
 *       {@code totalWeight} the sum of all weights.</li>
 *   <li>What rounding leaves, or all of {@code available} when no fill counted, stays unallocated: it is not
 *       carried into any maker's reward and remains available to later periods.</li>
 *   <li>A maker's new cumulative reward is its previous one (zero for a new maker) plus its share; the tree holds
 *       every maker of the previous tree and every maker given a share above zero. The root's {@code total} is the
 *       sum of all cumulative rewards.</li>
 * </ol>
 *
 * <p>Why fees: a wash fill (a maker trading with itself through a second address) pays the market fee to the
 * protocol on all the value it adds to its weight, so washing is unprofitable as long as a period's maker emission
 * is worth less than the fees it is shared by. Self-fills from the same address are skipped outright.
 *
 * <p>The result does not depend on the order of the fills or of the maps' entries; skipped fills are listed sorted
 * by block number, then maker, taker, currency, payment and fee.
 */
public final class MakerRewardsAllocator {

    /** The version of the rule this class implements. */
    public static final int RULE_VERSION = 1;

    /** Ascending address order (the order of the allocation's maps). */
    static final Comparator<EvmAddress> BY_ADDRESS = Comparator.comparing(EvmAddress::hex);

    /** The order skipped fills are listed in. */
    private static final Comparator<MakerFill> FILL_ORDER = Comparator.comparingLong(MakerFill::blockNumber)
            .thenComparing(MakerFill::maker, BY_ADDRESS)
            .thenComparing(MakerFill::taker, BY_ADDRESS)
            .thenComparing(MakerFill::currency, BY_ADDRESS)
            .thenComparing(MakerFill::payment)
            .thenComparing(MakerFill::fee);

    private MakerRewardsAllocator() {
    }

    /**
     * Applies the rule to one period.
     *
     * @param previousCumulative every maker's cumulative reward in the previous root (empty before the first period)
     * @param available          what the program may allocate this period, the contract's {@code unallocated()}
     * @param fills              the period's fills, in any order
     * @param feePrices          the period's price of each counted currency per base unit, in a common numeraire
     *                           (positive; the native coin is {@link EvmAddress#ZERO}); a currency missing here does
     *                           not count
     * @return the allocation
     * @throws IllegalArgumentException if an argument, key, value or fill is null, an amount is negative or outside
     *         {@code uint256}, a price is not positive, or the new total would exceed {@code uint256}
     */
    public static MakerAllocation allocate(Map<EvmAddress, BigInteger> previousCumulative, BigInteger available,
            List<MakerFill> fills, Map<EvmAddress, BigInteger> feePrices) {
        Map<EvmAddress, BigInteger> previous = MakerAllocation.sortedCopy(previousCumulative, "previous cumulative rewards");
        AbiWords.checkUint256(available, "available emission");
        Map<EvmAddress, BigInteger> prices = MakerAllocation.sortedCopy(feePrices, "fee prices");
        prices.forEach((currency, price) -> {
            if (price.signum() == 0) {
                throw new IllegalArgumentException("the price of " + currency + " must be positive (leave a currency out to not count it)");
            }
        });
        if (fills == null) {
            throw new IllegalArgumentException("fills must not be null (an empty period has an empty list)");
        }

        Map<EvmAddress, BigInteger> weights = new HashMap<>();
        List<SkippedFill> skipped = new ArrayList<>();
        for (int i = 0; i < fills.size(); i++) {
            MakerFill f = fills.get(i);
            if (f == null) {
                throw new IllegalArgumentException("fill #" + i + " is null");
            }
            BigInteger price = prices.get(f.currency());
            if (f.maker().equals(f.taker())) {
                skipped.add(new SkippedFill(f, SkippedFill.SELF_FILL));
            } else if (f.fee().signum() == 0) {
                skipped.add(new SkippedFill(f, SkippedFill.NO_FEE));
            } else if (price == null) {
                skipped.add(new SkippedFill(f, SkippedFill.UNPRICED_CURRENCY));
            } else {
                weights.merge(f.maker(), f.fee().multiply(price), BigInteger::add);
            }
        }
        skipped.sort(Comparator.comparing(SkippedFill::fill, FILL_ORDER));

        BigInteger totalWeight = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        Map<EvmAddress, BigInteger> shares = new HashMap<>();
        Map<EvmAddress, BigInteger> cumulative = new HashMap<>(previous);
        BigInteger shared = BigInteger.ZERO;
        for (Map.Entry<EvmAddress, BigInteger> e : weights.entrySet()) {
            BigInteger share = available.multiply(e.getValue()).divide(totalWeight);
            shares.put(e.getKey(), share);
            if (share.signum() > 0) {
                cumulative.merge(e.getKey(), share, BigInteger::add);
                shared = shared.add(share);
            }
        }
        BigInteger total = cumulative.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (total.compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new IllegalArgumentException("the new cumulative rewards add up to " + total + ", above uint256");
        }
        return new MakerAllocation(cumulative, total, shares, weights, skipped, available.subtract(shared));
    }
}
