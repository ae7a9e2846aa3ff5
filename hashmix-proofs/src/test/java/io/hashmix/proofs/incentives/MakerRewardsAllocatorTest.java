package io.hashmix.proofs.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;

class MakerRewardsAllocatorTest {

    private static final EvmAddress A = MakerRewardsTreeTest.address(0xA);
    private static final EvmAddress B = MakerRewardsTreeTest.address(0xB);
    private static final EvmAddress C = MakerRewardsTreeTest.address(0xC);
    private static final EvmAddress D = MakerRewardsTreeTest.address(0xD);
    private static final EvmAddress TAKER = MakerRewardsTreeTest.address(0x7A);
    private static final EvmAddress USDC = MakerRewardsTreeTest.address(0x05DC);
    private static final EvmAddress WBTC = MakerRewardsTreeTest.address(0xB7C);
    private static final EvmAddress OTHER = MakerRewardsTreeTest.address(0x0DD);
    private static final Map<EvmAddress, BigInteger> PRICES = Map.of(EvmAddress.ZERO, big(3), USDC, big(2), WBTC, big(1_000));

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static MakerFill fill(EvmAddress maker, EvmAddress taker, EvmAddress currency, long fee, long block) {
        return new MakerFill(maker, taker, currency, big(fee * 400), big(fee), block);
    }

    @Test
    void sharesAreProRataByFeeValueAndRoundingDustStaysUnallocated() {
        // weights: A = 10*2 + 1*1000 = 1020 (two currencies), B = 340*3 = 1020, C = 510*2 = 1020: equal thirds
        List<MakerFill> fills = List.of(fill(A, TAKER, USDC, 10, 1), fill(A, TAKER, WBTC, 1, 2),
                fill(B, TAKER, EvmAddress.ZERO, 340, 3), fill(C, TAKER, USDC, 510, 4));
        MakerAllocation a = MakerRewardsAllocator.allocate(Map.of(), big(100), fills, PRICES);
        assertEquals(Map.of(A, big(1020), B, big(1020), C, big(1020)), a.weights());
        assertEquals(Map.of(A, big(33), B, big(33), C, big(33)), a.periodShares());
        assertEquals(Map.of(A, big(33), B, big(33), C, big(33)), a.cumulative());
        assertEquals(big(99), a.total());
        assertEquals(BigInteger.ONE, a.unallocated(), "floor(100/3)*3 = 99: one unit of dust stays");
        assertEquals(List.of(), a.skipped());
        // unequal weights 1 : 2 : 4 of 1,000,000 -> 142857, 285714, 571428 (+1 dust)
        MakerAllocation b = MakerRewardsAllocator.allocate(Map.of(), big(1_000_000),
                List.of(fill(A, TAKER, USDC, 1, 1), fill(B, TAKER, USDC, 2, 1), fill(C, TAKER, USDC, 4, 1)), PRICES);
        assertEquals(Map.of(A, big(142_857), B, big(285_714), C, big(571_428)), b.periodShares());
        assertEquals(big(1), b.unallocated());
        assertEquals(big(1_000_000), b.total().add(b.unallocated()));
    }

    @Test
    void selfFillsFeelessFillsAndUnpricedCurrenciesAreSkippedWithTheirReasons() {
        MakerFill self = fill(A, A, USDC, 1_000, 5);
        MakerFill noFee = fill(B, TAKER, USDC, 0, 6);
        MakerFill unpriced = fill(C, TAKER, OTHER, 1_000, 7);
        MakerFill selfAndFeeless = fill(D, D, OTHER, 0, 8);
        MakerFill counted = fill(D, TAKER, USDC, 5, 9);
        MakerAllocation a = MakerRewardsAllocator.allocate(Map.of(), big(1_000),
                List.of(counted, selfAndFeeless, unpriced, noFee, self), PRICES);
        assertEquals(List.of(new SkippedFill(self, "self-fill"), new SkippedFill(noFee, "no fee"),
                new SkippedFill(unpriced, "unpriced currency"), new SkippedFill(selfAndFeeless, "self-fill")), a.skipped(),
                "skipped in block order, the first failing check named");
        assertEquals(Map.of(D, big(10)), a.weights());
        assertEquals(Map.of(D, big(1_000)), a.cumulative(), "the only counted maker gets everything");
        assertEquals(BigInteger.ZERO, a.unallocated());
    }

    @Test
    void anEmptyPeriodLeavesEverythingUnallocatedAndKeepsThePreviousRewards() {
        Map<EvmAddress, BigInteger> previous = Map.of(A, big(500), B, big(250));
        MakerAllocation empty = MakerRewardsAllocator.allocate(previous, big(777), List.of(), PRICES);
        assertEquals(previous, empty.cumulative());
        assertEquals(big(750), empty.total());
        assertEquals(big(777), empty.unallocated());
        assertTrue(empty.periodShares().isEmpty() && empty.weights().isEmpty());
        // a period of skipped fills only is empty too
        MakerAllocation skippedOnly = MakerRewardsAllocator.allocate(previous, big(777), List.of(fill(A, A, USDC, 9, 1)), PRICES);
        assertEquals(big(777), skippedOnly.unallocated());
        assertEquals(1, skippedOnly.skipped().size());
        // nothing at all: no tree to publish
        MakerAllocation nothing = MakerRewardsAllocator.allocate(Map.of(), big(5), List.of(), PRICES);
        assertEquals(BigInteger.ZERO, nothing.total());
        assertThrows(IllegalStateException.class, nothing::tree);
    }

    @Test
    void cumulativeCarriesPreviousMakersWhoDidNotFillThisPeriod() {
        Map<EvmAddress, BigInteger> previous = Map.of(A, big(500), B, big(250));
        MakerAllocation a = MakerRewardsAllocator.allocate(previous, big(300),
                List.of(fill(B, TAKER, USDC, 1, 1), fill(C, TAKER, USDC, 2, 1)), PRICES);
        assertEquals(Map.of(A, big(500), B, big(350), C, big(200)), a.cumulative());
        assertEquals(List.of(A, B, C), new ArrayList<>(a.cumulative().keySet()), "sorted by address");
        assertEquals(big(1_050), a.total());
        assertFalse(a.periodShares().containsKey(A));
        MakerRewardsTree tree = a.tree();
        assertEquals(a.total(), tree.total());
        assertEquals(3, tree.size());
        for (Map.Entry<EvmAddress, BigInteger> e : a.cumulative().entrySet()) {
            assertTrue(MakerRewardsTree.verify(tree.root(), e.getKey(), e.getValue(), tree.proof(e.getKey())));
        }
    }

    @Test
    void aMakerWhoseShareRoundsToZeroCountsButGetsNoLeaf() {
        MakerAllocation a = MakerRewardsAllocator.allocate(Map.of(), big(10),
                List.of(fill(A, TAKER, USDC, 1_000, 1), fill(B, TAKER, USDC, 1, 1)), PRICES);
        assertEquals(big(0), a.periodShares().get(B));
        assertEquals(big(9), a.periodShares().get(A));
        assertEquals(Map.of(A, big(9)), a.cumulative());
        assertEquals(big(1), a.unallocated());
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfFillsOrMaps() {
        List<MakerFill> fills = new ArrayList<>();
        Random random = new Random(11);
        EvmAddress[] makers = {A, B, C, D};
        EvmAddress[] currencies = {USDC, WBTC, EvmAddress.ZERO, OTHER};
        for (int i = 0; i < 60; i++) {
            EvmAddress maker = makers[random.nextInt(4)];
            EvmAddress taker = random.nextInt(8) == 0 ? maker : TAKER;
            fills.add(fill(maker, taker, currencies[random.nextInt(4)], random.nextInt(5) * 1_000L + random.nextInt(3), i / 3));
        }
        Map<EvmAddress, BigInteger> previous = new HashMap<>(Map.of(C, big(12_345), MakerRewardsTreeTest.address(0xF), big(1)));
        BigInteger available = new BigInteger("1000000000000000000007");
        MakerAllocation expected = MakerRewardsAllocator.allocate(previous, available, fills, PRICES);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(fills, random);
            Map<EvmAddress, BigInteger> shuffledPrices = new LinkedHashMap<>();
            List<EvmAddress> keys = new ArrayList<>(PRICES.keySet());
            Collections.shuffle(keys, random);
            keys.forEach(k -> shuffledPrices.put(k, PRICES.get(k)));
            MakerAllocation again = MakerRewardsAllocator.allocate(previous, available, fills, shuffledPrices);
            assertEquals(expected, again);
            assertEquals(expected.skipped(), again.skipped(), "skipped fills in one order");
            assertEquals(new ArrayList<>(expected.cumulative().keySet()), new ArrayList<>(again.cumulative().keySet()));
            assertEquals(expected.tree().root(), again.tree().root());
        }
        assertEquals(available, expected.periodShares().values().stream().reduce(BigInteger.ZERO, BigInteger::add)
                .add(expected.unallocated()), "shares and dust add up to what was available");
    }

    @Test
    void rejectsInvalidInput() {
        List<MakerFill> none = List.of();
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(null, big(1), none, PRICES));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(), null, none, PRICES));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(), big(-1), none, PRICES));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(), big(1), null, PRICES));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(), big(1), none, null));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(A, big(-1)), big(1), none, PRICES));
        IllegalArgumentException zeroPrice = assertThrows(IllegalArgumentException.class,
                () -> MakerRewardsAllocator.allocate(Map.of(), big(1), none, Map.of(USDC, BigInteger.ZERO)));
        assertTrue(zeroPrice.getMessage().contains("positive"), zeroPrice.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MakerRewardsAllocator.allocate(Map.of(), big(1), none, Map.of(USDC, big(-5))));
        List<MakerFill> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(Map.of(), big(1), withNull, PRICES));
        Map<EvmAddress, BigInteger> nullKey = new HashMap<>();
        nullKey.put(null, big(1));
        assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(nullKey, big(1), none, PRICES));
        // a new total beyond uint256
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> MakerRewardsAllocator.allocate(
                Map.of(A, AbiWords.UINT256_MAX), big(5), List.of(fill(B, TAKER, USDC, 1, 1)), PRICES));
        assertTrue(over.getMessage().contains("above uint256"), over.getMessage());
        // fills
        assertThrows(IllegalArgumentException.class, () -> new MakerFill(null, TAKER, USDC, big(1), big(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerFill(A, TAKER, USDC, big(-1), big(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerFill(A, TAKER, USDC, big(1), null, 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerFill(A, TAKER, USDC, big(1), big(1), -1));
        assertThrows(IllegalArgumentException.class, () -> new SkippedFill(null, "no fee"));
        assertThrows(IllegalArgumentException.class, () -> new SkippedFill(fill(A, TAKER, USDC, 1, 1), " "));
    }

    @Test
    void allocationRecordsAreConsistentAndImmutable() {
        MakerAllocation a = MakerRewardsAllocator.allocate(Map.of(B, big(1)), big(10), List.of(fill(A, TAKER, USDC, 1, 1)), PRICES);
        assertThrows(UnsupportedOperationException.class, () -> a.cumulative().put(C, big(1)));
        assertThrows(UnsupportedOperationException.class, () -> a.skipped().clear());
        IllegalArgumentException wrongTotal = assertThrows(IllegalArgumentException.class, () -> new MakerAllocation(a.cumulative(),
                a.total().add(BigInteger.ONE), a.periodShares(), a.weights(), a.skipped(), a.unallocated()));
        assertTrue(wrongTotal.getMessage().contains("not the sum"), wrongTotal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MakerAllocation(a.cumulative(), a.total(), a.periodShares(),
                a.weights(), a.skipped(), big(-1)));
        assertThrows(IllegalArgumentException.class, () -> new MakerAllocation(null, a.total(), a.periodShares(),
                a.weights(), a.skipped(), a.unallocated()));
    }
}
