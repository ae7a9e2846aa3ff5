package io.hashmix.proofs.spv;

import static io.hashmix.proofs.spv.EvidenceScenarios.EPOCH_END;
import static io.hashmix.proofs.spv.EvidenceScenarios.EPOCH_START;
import static io.hashmix.proofs.spv.EvidenceScenarios.NOW;
import static io.hashmix.proofs.spv.EvidenceScenarios.POOL;
import static io.hashmix.proofs.spv.EvidenceScenarios.pay;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException.Reason;

/**
 * The offline binding of payout proofs to a product epoch (checklist items 7 and 9-12 extended to the binding), the
 * same rules and order as {@code BitcoinEvidence}; each case is also a vector replayed on chain.
 */
class BoundEvidenceTest {

    static List<EvidenceScenarios.Case> cases() {
        return EvidenceScenarios.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void item7_item9_item11_everyCaseGivesItsDeclaredOutcome(EvidenceScenarios.Case c) {
        if (c.expected() == null) {
            BoundEvidence.Result r = c.evidence().check(c.reportEvidence(), c.revenue(), c.deliveredUnits(),
                    c.unitRevenue(), NOW);
            assertEquals(c.evidence().evidence(), r.evidence());
            assertEquals(c.evidence().txids(), r.txids());
        } else {
            EvidenceBindingException e = assertThrows(EvidenceBindingException.class, () -> c.evidence()
                    .check(c.reportEvidence(), c.revenue(), c.deliveredUnits(), c.unitRevenue(), NOW));
            assertEquals(c.expected(), e.reason(), e.getMessage());
            assertEquals(c.payment(), e.payment());
            assertEquals(c.expected() == Reason.PROOF_REJECTED, e.spvReason().isPresent());
        }
    }

    @Test
    void resultOfOnePayment() {
        EvidenceScenarios.Made m = pay("result", EPOCH_END + 60, POOL, 123_456);
        BoundEvidence ev = EvidenceScenarios.evidence(m);
        BoundEvidence.Result r = ev.verify(NOW);
        assertEquals(123_456, r.satoshis());
        assertEquals(BigInteger.valueOf(123_456), r.provenBaseUnits());
        assertEquals(BigInteger.ZERO, r.floor(), "no subsidy at this height");
        assertEquals(m.payment().checkpoint().height() + 1, r.floorHeight());
        assertEquals(List.of(m.txid()), r.txids());
        assertEquals(m.txid(), ev.evidence(), "one payment: the evidence is its txid");
        assertEquals(BigInteger.valueOf(123), r.maxDeliveredUnits(BigInteger.valueOf(1000).multiply(BigInteger.TEN.pow(18))));
        assertThrows(IllegalArgumentException.class, () -> r.maxDeliveredUnits(BigInteger.ZERO));
        assertEquals(EPOCH_END - EPOCH_START, ev.epochSeconds());
        assertEquals(1, ev.proofs().size());
    }

    @Test
    void evidenceOfSeveralPaymentsIsTheKeccakOfTheirTxids() {
        Bytes32 a = Bytes32.keccakUtf8("a");
        Bytes32 b = Bytes32.keccakUtf8("b");
        byte[] both = new byte[64];
        a.copyTo(both, 0);
        b.copyTo(both, 32);
        assertEquals(Bytes32.keccak(both), BoundEvidence.evidenceOf(List.of(a, b)));
        assertEquals(a, BoundEvidence.evidenceOf(List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> BoundEvidence.evidenceOf(List.of()));
    }

    /** BIP 34 pushes, against known encodings (840,000 is 03 40 d1 0c in the real block's coinbase). */
    @Test
    void bip34HeightPushes() {
        HexFormat hex = HexFormat.of();
        assertEquals("00", hex.formatHex(BoundEvidence.bip34HeightPush(0)));
        assertEquals("51", hex.formatHex(BoundEvidence.bip34HeightPush(1)));
        assertEquals("60", hex.formatHex(BoundEvidence.bip34HeightPush(16)));
        assertEquals("0111", hex.formatHex(BoundEvidence.bip34HeightPush(17)));
        assertEquals("017f", hex.formatHex(BoundEvidence.bip34HeightPush(127)));
        assertEquals("028000", hex.formatHex(BoundEvidence.bip34HeightPush(128)));
        assertEquals("02ff00", hex.formatHex(BoundEvidence.bip34HeightPush(255)));
        assertEquals("020001", hex.formatHex(BoundEvidence.bip34HeightPush(256)));
        assertEquals("0340d10c", hex.formatHex(BoundEvidence.bip34HeightPush(840_000)));
        assertEquals("02ff7f", hex.formatHex(BoundEvidence.bip34HeightPush(32_767)));
        assertEquals("03008000", hex.formatHex(BoundEvidence.bip34HeightPush(32_768)));
        assertEquals("040114cd00", hex.formatHex(BoundEvidence.bip34HeightPush(13_440_001)));
        assertEquals("05ffffffff00", hex.formatHex(BoundEvidence.bip34HeightPush(0xffffffffL)));
        assertThrows(IllegalArgumentException.class, () -> BoundEvidence.bip34HeightPush(-1));
        assertThrows(IllegalArgumentException.class, () -> BoundEvidence.bip34HeightPush(1L << 32));
        // SpvFixtures' coinbases (BigInteger bytes) agree from 17 on
        for (long h : new long[] {17, 128, 255, 32_768, 840_000, 13_440_001}) {
            assertTrue(BoundEvidence.coinbaseHasHeight(SpvFixtures.coinbase(h, List.of(SpvFixtures.out(1, POOL)))
                    .serializeWithoutWitness(), h), "height " + h);
            assertFalse(BoundEvidence.coinbaseHasHeight(SpvFixtures.coinbase(h + 1, List.of(SpvFixtures.out(1, POOL)))
                    .serializeWithoutWitness(), h));
        }
        assertFalse(BoundEvidence.coinbaseHasHeight(new byte[] {1, 2, 3}, 5), "unparseable: no height");
        assertArrayEquals(new byte[] {0x51}, BoundEvidence.bip34HeightPush(1));
    }

    @Test
    void builderRefusesMissingParts() {
        BoundEvidence.Builder b = BoundEvidence.builder(NetworkParams.REGTEST, EvidenceScenarios.PARAMS);
        assertThrows(IllegalStateException.class, b::build);
        b.scripts(List.of(POOL));
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalArgumentException.class, () -> b.epoch(10, 10));
        assertThrows(IllegalArgumentException.class, () -> b.epoch(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> b.epoch(0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> b.payment(null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> b.scripts(null));
        assertThrows(IllegalArgumentException.class, () -> BoundEvidence.builder(null, EvidenceScenarios.PARAMS));
        b.epoch(0, 10);
        assertEquals(10, b.build().epochSeconds());
        PayoutCommitment c = new PayoutCommitment(ProductId.of(1), List.of(POOL), true, 1, BigInteger.ONE, 1, 1);
        EvidenceScenarios.Made m = pay("commitment", EPOCH_END + 60, POOL, 5);
        BoundEvidence ev = BoundEvidence.builder(NetworkParams.REGTEST, EvidenceScenarios.PARAMS).commitment(c)
                .epoch(EPOCH_START, EPOCH_END).payment(m.proof(), m.payment().checkpoint(), NOW).build();
        assertEquals(5, ev.verify(NOW).satoshis());
    }

    @Test
    void nineProofsAreTooMany() {
        EvidenceScenarios.Made m = pay("nine", EPOCH_END + 60, POOL, 5);
        BoundEvidence.Builder b = BoundEvidence.builder(NetworkParams.REGTEST, EvidenceScenarios.PARAMS).scripts(List.of(POOL))
                .epoch(EPOCH_START, EPOCH_END);
        for (int i = 0; i < 9; i++) {
            b.payment(m.proof(), m.payment().checkpoint(), NOW);
        }
        EvidenceBindingException e = assertThrows(EvidenceBindingException.class, () -> b.build().verify(NOW));
        assertEquals(Reason.INVALID_PAYMENT_COUNT, e.reason());
        assertEquals(-1, e.payment());
    }

    @Test
    void classParamsBounds() {
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(0, 1, 0, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(2017, 1, 0, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 0, 0, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 90L * 86_400 + 1, 0, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 1, -1, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 1, 30L * 86_400 + 1, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 1, 0, 0, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 1, 0, 1_000_000_000_001L, 6));
        assertThrows(IllegalArgumentException.class, () -> new BitcoinClassParams(6, 1, 0, 1, 19));
        new BitcoinClassParams(2016, 90L * 86_400, 30L * 86_400, 1_000_000_000_000L, 18);
    }
}
