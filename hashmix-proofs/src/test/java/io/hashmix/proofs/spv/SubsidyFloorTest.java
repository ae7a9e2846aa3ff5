package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The subsidy floor: Bitcoin's halving schedule, the floor's formula and rounding, and the real main-net headers it is
 * pinned on (whose authenticity this test re-checks: proof of work, the chain work bitcoinj recorded between
 * consecutive retarget blocks, the 4x clamp).
 */
class SubsidyFloorTest {

    @Test
    void halvingSchedule() {
        assertEquals(5_000_000_000L, SubsidyFloor.blockSubsidy(0));
        assertEquals(5_000_000_000L, SubsidyFloor.blockSubsidy(209_999));
        assertEquals(2_500_000_000L, SubsidyFloor.blockSubsidy(210_000));
        assertEquals(625_000_000L, SubsidyFloor.blockSubsidy(839_999));
        assertEquals(312_500_000L, SubsidyFloor.blockSubsidy(840_000));
        assertEquals(156_250_000L, SubsidyFloor.blockSubsidy(1_050_000));
        assertEquals(1L, SubsidyFloor.blockSubsidy(6_929_999)); // 32 halvings: 5e9 >> 32 = 1
        assertEquals(0L, SubsidyFloor.blockSubsidy(6_930_000));
        assertEquals(0L, SubsidyFloor.blockSubsidy(13_440_000)); // 64 halvings: none, never a shift by 64
        assertEquals(0L, SubsidyFloor.blockSubsidy(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.blockSubsidy(-1));
        // total supply below 21 million BTC
        long total = 0;
        for (long h = 0; h < 64 * SubsidyFloor.HALVING_INTERVAL; h += SubsidyFloor.HALVING_INTERVAL) {
            total += SubsidyFloor.blockSubsidy(h) * SubsidyFloor.HALVING_INTERVAL;
        }
        assertEquals(2_099_999_997_690_000L, total);
    }

    @Test
    void realHeadersAreAuthentic() {
        List<MainnetHeaders.Entry> headers = MainnetHeaders.bitcoinj();
        assertEquals(List.of(209_664L, 211_680L, 628_992L, 631_008L, 838_656L, 840_672L, 878_976L),
                headers.stream().map(MainnetHeaders.Entry::height).toList());
        for (MainnetHeaders.Entry e : headers) {
            assertEquals(0, e.height() % 2016, "first block of a period");
            assertEquals(e.hashDisplay(), BitcoinHash.toDisplayHex(e.header().hash()));
            assertTrue(e.header().meetsTarget(), "proof of work at " + e.height());
            assertTrue(CompactTarget.isCanonical(e.header().nBits()));
            assertTrue(e.header().target().compareTo(NetworkParams.MAINNET.powLimit()) <= 0);
        }
        // consecutive retarget blocks: 2015 blocks at the earlier nBits, then the later block
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            MainnetHeaders.Entry a = headers.get(i);
            MainnetHeaders.Entry b = headers.get(i + 1);
            assertEquals(2016, b.height() - a.height());
            assertEquals(a.chainWork().add(a.header().work().multiply(BigInteger.valueOf(2015))).add(b.header().work()),
                    b.chainWork(), "chain work " + a.height() + " -> " + b.height());
            BigInteger ta = a.header().target();
            BigInteger tb = b.header().target();
            assertTrue(tb.compareTo(ta.shiftLeft(2)) <= 0 && ta.compareTo(tb.shiftLeft(2)) <= 0, "4x clamp");
            assertTrue(b.header().time() > a.header().time());
        }
        JsonNode source = MainnetHeaders.file().get("source");
        assertEquals("org.bitcoinj:bitcoinj-core:0.17", source.get("artifact").asText());
        assertEquals("org.bitcoin.production.checkpoints.txt", source.get("file").asText());
    }

    /** The header pairs straddle a halving and a difficulty adjustment: subsidy and nBits both change. */
    @Test
    void pairsStraddleAHalvingAndARetarget() {
        List<MainnetHeaders.Entry> h = MainnetHeaders.bitcoinj();
        long[][] halvings = {{0, 1, 210_000}, {2, 3, 630_000}, {4, 5, 840_000}};
        for (long[] p : halvings) {
            MainnetHeaders.Entry a = h.get((int) p[0]);
            MainnetHeaders.Entry b = h.get((int) p[1]);
            assertTrue(a.height() < p[2] && b.height() >= p[2]);
            assertEquals(SubsidyFloor.blockSubsidy(a.height()) / 2, SubsidyFloor.blockSubsidy(b.height()));
            assertTrue(a.header().nBits() != b.header().nBits(), "retarget between " + a.height() + " and " + b.height());
        }
    }

    /** Block 840,672: 3.125 BTC, difficulty ~86.4T: 71.35 sat per TH/s per day (checked in Python and on chain). */
    @Test
    void knownFloors() {
        MainnetHeaders.Entry b = MainnetHeaders.bitcoinj().get(5);
        assertEquals(840_672, b.height());
        assertEquals(new BigInteger("71351105725596295891"), SubsidyFloor.satoshisPerTerahashDay(b.header(), b.height()));
        assertEquals(new BigInteger("145536203719529939345"),
                SubsidyFloor.satoshisPerTerahashDay(MainnetHeaders.bitcoinj().get(4).header(), 838_656));
        assertEquals(new BigInteger("71351105725596"), SubsidyFloor.floor(0x170331dbL, 840_672, 86_400, 6, 1));
    }

    /** The floor is the exact value rounded down once; the popular difficulty x 2^32 formula is 2^16/0xffff above it. */
    @Test
    void roundingAndThePopularFormula() {
        for (MainnetHeaders.Entry e : MainnetHeaders.bitcoinj()) {
            BigInteger floor = SubsidyFloor.satoshisPerTerahashDay(e.header(), e.height());
            BigDecimal exact = new BigDecimal(BigInteger.valueOf(86_400).multiply(BigInteger.TEN.pow(30))
                    .multiply(BigInteger.valueOf(SubsidyFloor.blockSubsidy(e.height())))
                    .multiply(e.header().target().add(BigInteger.ONE)))
                    .divide(new BigDecimal(BigInteger.ONE.shiftLeft(256)), MathContext.DECIMAL128);
            assertTrue(new BigDecimal(floor).compareTo(exact) <= 0, "never above the exact value");
            assertTrue(exact.subtract(new BigDecimal(floor)).compareTo(BigDecimal.ONE) < 0, "rounded down by < 1");
            // difficulty = 0xffff * 2^208 / target; popular: 86,400 * 10^12 * subsidy / (difficulty * 2^32), x 1e18
            BigDecimal difficulty = new BigDecimal(BigInteger.valueOf(0xffff).shiftLeft(208))
                    .divide(new BigDecimal(e.header().target()), MathContext.DECIMAL128);
            BigDecimal popular = BigDecimal.valueOf(86_400).multiply(BigDecimal.TEN.pow(30))
                    .multiply(BigDecimal.valueOf(SubsidyFloor.blockSubsidy(e.height())))
                    .divide(difficulty.multiply(BigDecimal.valueOf(2).pow(32)), MathContext.DECIMAL128);
            BigDecimal ratio = popular.divide(new BigDecimal(floor), MathContext.DECIMAL64);
            BigDecimal expected = BigDecimal.valueOf(65_536).divide(BigDecimal.valueOf(65_535), MathContext.DECIMAL64);
            assertEquals(0, ratio.setScale(12, RoundingMode.HALF_UP).compareTo(expected.setScale(12, RoundingMode.HALF_UP)),
                    "popular / floor at " + e.height() + ": " + ratio);
        }
    }

    /** Unit decimals divide once at the end; random inputs against a BigDecimal reference. */
    @Test
    void randomInputsMatchTheDefinition() {
        Random random = new Random(15);
        BigInteger twoTo256 = BigInteger.ONE.shiftLeft(256);
        for (int i = 0; i < 2_000; i++) {
            long nBits = CompactTarget.encode(new BigInteger(1 + random.nextInt(255), random).add(BigInteger.ONE));
            long height = random.nextLong(14_000_000);
            long seconds = random.nextLong(1L << 32);
            int d = random.nextInt(19);
            long k = 1 + random.nextLong(SubsidyFloor.MAX_BASE_UNITS_PER_SATOSHI);
            BigInteger t = CompactTarget.decode(nBits);
            BigInteger want = BigInteger.valueOf(seconds).multiply(BigInteger.TEN.pow(30))
                    .multiply(BigInteger.valueOf(SubsidyFloor.blockSubsidy(height))).multiply(BigInteger.valueOf(k))
                    .multiply(t.add(BigInteger.ONE)).divide(twoTo256).divide(BigInteger.TEN.pow(d));
            assertEquals(want, SubsidyFloor.floor(nBits, height, seconds, d, k));
        }
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x20800001L, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x1d00ffffL, 1, 1L << 32, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x1d00ffffL, 1, -1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x1d00ffffL, 1, 1, 19, 1));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x1d00ffffL, 1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> SubsidyFloor.floor(0x1d00ffffL, 1, 1, 0, SubsidyFloor.MAX_BASE_UNITS_PER_SATOSHI + 1));
        assertThrows(IllegalArgumentException.class, () -> SubsidyFloor.floor(0x1d00ffffL, -1, 1, 0, 1));
    }
}
