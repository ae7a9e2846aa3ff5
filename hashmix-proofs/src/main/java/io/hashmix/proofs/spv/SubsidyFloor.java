package io.hashmix.proofs.spv;

import java.math.BigInteger;

/**
 * What the block subsidy alone pays a hash rate over a time, from one proven header: its target fixes the odds of a
 * hash winning a block, its height fixes the subsidy. A Bitcoin product's report must not price a promised unit below
 * this floor (the Solidity {@code SubsidyFloor} / {@code BitcoinEvidence.subsidyFloor} computes the same integers;
 * {@code test-vectors/btc-floor.json} pins them on real main-net headers).
 *
 * <pre>
 * floor = floor( E * 10^12 * subsidy(h) * k * 10^18 * (T + 1) / (2^256 * 10^d) )
 * </pre>
 *
 * <p>{@code E}: the epoch's seconds; {@code 10^12 / 10^d}: the hashes per second of one unit (TH/s with {@code d}
 * decimals); {@code subsidy(h) = (50 * 10^8) >> (h / 210,000)} satoshis, 0 from the 64th halving on;
 * {@code k}: payout-token base units per satoshi; {@code T}: the target, met by a hash with probability
 * {@code (T + 1) / 2^256}. The result is in payout base units per unit, scaled by {@link #PRECISION} (the unit of a
 * report's {@code unitRevenue}). Fees are not part of it. Rounding is down, once, at the end, so the floor is never
 * above the exact value. The popular {@code 86,400 * 10^12 * subsidy / (difficulty * 2^32)} per TH/s and day takes
 * {@code difficulty * 2^32} hashes per block where the exact count is {@code difficulty * 2^48 / 0xffff}: it is
 * {@code 2^16 / 0xffff} (about 0.0015%) above this floor.
 */
public final class SubsidyFloor {

    /** Blocks between halvings. */
    public static final long HALVING_INTERVAL = 210_000;

    /** The first subsidy, 50 BTC, in satoshis. */
    public static final long INITIAL_SUBSIDY = 50L * 100_000_000L;

    /** Scale of unit revenues (the fulfillment vault's {@code PRECISION}). */
    public static final BigInteger PRECISION = BigInteger.TEN.pow(18);

    /** Hashes per second in one TH/s. */
    public static final BigInteger HASHES_PER_TERAHASH = BigInteger.TEN.pow(12);

    /** Largest payout base units per satoshi the contract accepts. */
    public static final long MAX_BASE_UNITS_PER_SATOSHI = 1_000_000_000_000L;

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private SubsidyFloor() {
    }

    /**
     * The block subsidy at a height.
     *
     * @param height a block height, at least 0
     * @return satoshis: 50 BTC halved every {@value #HALVING_INTERVAL} blocks, 0 from the 64th halving on
     * @throws IllegalArgumentException if the height is negative
     */
    public static long blockSubsidy(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative, got " + height);
        }
        long halvings = height / HALVING_INTERVAL;
        return halvings >= 64 ? 0 : INITIAL_SUBSIDY >> halvings;
    }

    /**
     * The subsidy-only revenue of one unit over an epoch, in payout base units x 10^18, rounded down.
     *
     * @param nBits the header's compact target
     * @param height the header's height
     * @param epochSeconds the epoch's length, 0 .. 2^32-1
     * @param unitDecimals decimals of the TH/s unit, 0 .. 18
     * @param baseUnitsPerSatoshi payout base units per satoshi, 0 .. {@value #MAX_BASE_UNITS_PER_SATOSHI}
     * @return the floor
     * @throws IllegalArgumentException for an invalid {@code nBits} or an input out of its range (the contract's
     *         {@code InvalidClassParams})
     */
    public static BigInteger floor(long nBits, long height, long epochSeconds, int unitDecimals, long baseUnitsPerSatoshi) {
        BigInteger target = CompactTarget.decode(nBits);
        if (epochSeconds < 0 || epochSeconds > 0xffffffffL) {
            throw new IllegalArgumentException("epoch seconds must fit 32 bits, got " + epochSeconds);
        }
        if (unitDecimals < 0 || unitDecimals > 18) {
            throw new IllegalArgumentException("unit decimals must be 0..18, got " + unitDecimals);
        }
        if (baseUnitsPerSatoshi < 0 || baseUnitsPerSatoshi > MAX_BASE_UNITS_PER_SATOSHI) {
            throw new IllegalArgumentException("base units per satoshi must be 0.." + MAX_BASE_UNITS_PER_SATOSHI + ", got "
                    + baseUnitsPerSatoshi);
        }
        BigInteger numerator = BigInteger.valueOf(epochSeconds).multiply(HASHES_PER_TERAHASH)
                .multiply(BigInteger.valueOf(blockSubsidy(height))).multiply(BigInteger.valueOf(baseUnitsPerSatoshi))
                .multiply(PRECISION).multiply(target.add(BigInteger.ONE));
        return numerator.divide(TWO_256.multiply(BigInteger.TEN.pow(unitDecimals)));
    }

    /**
     * The floor of a header for a class's parameters.
     *
     * @param header the proven header
     * @param height its height
     * @param epochSeconds the epoch's length
     * @param params the asset class's parameters
     * @return the floor, base units per unit x 10^18
     */
    public static BigInteger floor(BlockHeader header, long height, long epochSeconds, BitcoinClassParams params) {
        return floor(header.nBits(), height, epochSeconds, params.unitDecimals(), params.baseUnitsPerSatoshi());
    }

    /**
     * The subsidy-only revenue of 1 TH/s over a day at a header, in satoshis x 10^18 (for display: divide by 10^18).
     *
     * @param header the header
     * @param height its height
     * @return the floor of one TH/s for 86,400 seconds, one base unit per satoshi
     */
    public static BigInteger satoshisPerTerahashDay(BlockHeader header, long height) {
        return floor(header.nBits(), height, 86_400, 0, 1);
    }
}
