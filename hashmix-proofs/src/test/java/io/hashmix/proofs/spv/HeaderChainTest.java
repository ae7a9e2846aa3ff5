package io.hashmix.proofs.spv;

import static io.hashmix.proofs.spv.SpvFixtures.EASY_BITS;
import static io.hashmix.proofs.spv.SpvFixtures.MEDIUM_BITS;
import static io.hashmix.proofs.spv.SpvFixtures.PAYEE;
import static io.hashmix.proofs.spv.SpvFixtures.REGTEST_RETARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.SpvFixtures.Scenario;
import io.hashmix.proofs.spv.SpvVerificationException.Reason;

/** Checklist item 9: headers that do not link, lack work, claim a disallowed target, or are too few, fail. */
class HeaderChainTest {

    private static final Scenario STD = SpvFixtures.standard();
    private static final PaymentProof VALID = STD.proof(3, PAYEE, 3000, 6);

    static void assertReason(Reason expected, Executable call) {
        SpvVerificationException e = assertThrows(SpvVerificationException.class, call);
        assertEquals(expected, e.reason(), e.getMessage());
    }

    static void assertReason(Reason expected, PaymentProof proof, HeaderCheckpoint cp, NetworkParams net) {
        assertReason(expected, () -> SpvVerifier.verify(proof, cp, net));
    }

    @Test
    void validChainVerifiesWithItsTotalWork() {
        SpvResult r = STD.verify(VALID);
        assertEquals(6, r.confirmations());
        assertEquals(1001, r.blockHeight());
        assertEquals(STD.headers().get(0).hash(), r.blockHash());
        BigInteger perHeader = CompactTarget.work(CompactTarget.decode(EASY_BITS));
        assertEquals(BigInteger.TWO, perHeader, "regtest work per header is 2");
        assertEquals(perHeader.multiply(BigInteger.valueOf(6)), r.totalWork());
        assertEquals(r.totalWork(), SpvVerifier.verifyHeaderChain(STD.headers(), STD.checkpoint(), NetworkParams.REGTEST));
    }

    @Test
    void item9_firstHeaderNotLinkedToTheCheckpoint() {
        HeaderCheckpoint other = new HeaderCheckpoint(SpvFixtures.filler("elsewhere", 0), 1000, EASY_BITS);
        assertReason(Reason.BROKEN_LINK, VALID, other, NetworkParams.REGTEST);
    }

    @Test
    void item9_relinkedHeaderInTheMiddle() {
        // header 3 re-mined on another parent: it has valid work but the chain is broken between 2 and 3
        List<BlockHeader> h = new ArrayList<>(VALID.headers());
        BlockHeader old = h.get(3);
        h.set(3, SpvFixtures.mine(SpvFixtures.filler("fork", 3), old.merkleRoot(), old.time(), old.nBits()));
        h = SpvFixtures.remineFrom(h, 4);
        assertTrue(h.get(3).meetsTarget());
        PaymentProof relinked = SpvFixtures.withHeaders(VALID, h, 0);
        SpvVerificationException e = assertThrows(SpvVerificationException.class, () -> STD.verify(relinked));
        assertEquals(Reason.BROKEN_LINK, e.reason());
        assertTrue(e.getMessage().contains("header 3"), e.getMessage());
    }

    @Test
    void item9_reorderedOrDroppedHeaders() {
        List<BlockHeader> swapped = new ArrayList<>(VALID.headers());
        BlockHeader t = swapped.get(2);
        swapped.set(2, swapped.get(3));
        swapped.set(3, t);
        assertReason(Reason.BROKEN_LINK, SpvFixtures.withHeaders(VALID, swapped, 0), STD.checkpoint(), NetworkParams.REGTEST);
        List<BlockHeader> gap = new ArrayList<>(VALID.headers());
        gap.remove(2);
        assertReason(Reason.BROKEN_LINK, SpvFixtures.withHeaders(VALID, gap, 0), STD.checkpoint(), NetworkParams.REGTEST);
    }

    @Test
    void item9_hashAboveTargetLacksWork() {
        List<BlockHeader> h = new ArrayList<>(VALID.headers());
        BlockHeader old = h.get(2);
        h.set(2, SpvFixtures.mineAboveTarget(old.prevHash(), old.merkleRoot(), old.time(), old.nBits()));
        h = SpvFixtures.remineFrom(h, 3);
        assertFalse(h.get(2).meetsTarget());
        assertReason(Reason.INSUFFICIENT_WORK, SpvFixtures.withHeaders(VALID, h, 0), STD.checkpoint(),
                NetworkParams.REGTEST);
    }

    @Test
    void item9_tipWithoutWork() {
        List<BlockHeader> h = new ArrayList<>(VALID.headers());
        BlockHeader tip = h.get(5);
        h.set(5, SpvFixtures.mineAboveTarget(tip.prevHash(), tip.merkleRoot(), tip.time(), tip.nBits()));
        assertReason(Reason.INSUFFICIENT_WORK, SpvFixtures.withHeaders(VALID, h, 0), STD.checkpoint(),
                NetworkParams.REGTEST);
    }

    @Test
    void item9_lowerWorkHeaderSwappedIn() {
        // the including block mined at a 4x-easier-than-checkpoint target inside a period: refused as BAD_TARGET
        Scenario s = SpvFixtures.scenario("lower", REGTEST_RETARGET, 5000, MEDIUM_BITS, SpvFixtures.standardBlock(5001, 3),
                0, 2);
        PaymentProof p = s.proof(1, PAYEE, 1, 3);
        s.verify(p);
        BlockHeader b = p.headers().get(0);
        List<BlockHeader> h = new ArrayList<>(p.headers());
        h.set(0, SpvFixtures.mine(b.prevHash(), b.merkleRoot(), b.time(), 0x2003fffcL));
        h = SpvFixtures.remineFrom(h, 1);
        assertReason(Reason.BAD_TARGET, SpvFixtures.withHeaders(p, h, 0), s.checkpoint(), REGTEST_RETARGET);
    }

    @Test
    void item9_targetAboveThePowLimit() {
        // mainnet rules: an easy regtest target is above the main network's pow limit, wherever it appears
        HeaderCheckpoint cp = new HeaderCheckpoint(SpvFixtures.filler("mainnet-cp", 0), 2015, 0x1d00ffffL);
        BlockHeader easy = SpvFixtures.mine(cp.blockHash(), SpvFixtures.filler("r", 0), SpvFixtures.BASE_TIME, EASY_BITS);
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verifyHeaderChain(List.of(easy), cp, NetworkParams.MAINNET));
        assertEquals(Reason.BAD_TARGET, e.reason());
        assertTrue(e.getMessage().contains("pow limit"), e.getMessage());
        // regtest rules: nBits 0x2100ffff decodes (2^256 > target > 2^255) but exceeds regtest's limit
        HeaderCheckpoint rcp = new HeaderCheckpoint(SpvFixtures.filler("r-cp", 0), 10, EASY_BITS);
        BlockHeader huge = SpvFixtures.unmined(rcp.blockHash(), SpvFixtures.filler("r", 1), SpvFixtures.BASE_TIME,
                0x2100ffffL);
        assertTrue(huge.target().compareTo(NetworkParams.REGTEST.powLimit()) > 0);
        assertReason(Reason.BAD_TARGET, () -> SpvVerifier.verifyHeaderChain(List.of(huge), rcp, NetworkParams.REGTEST));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x20800001L /* negative */, 0x23010000L /* overflow */, 0x22ffff00L /* overflow */,
        0x20000000L /* zero */, 0x01003456L /* zero after shift */, 0x20007fffL /* non-canonical */,
        0x1f00ff00L /* canonical, not the checkpoint's */})
    void item9_invalidCompactEncodings(long nBits) {
        HeaderCheckpoint cp = new HeaderCheckpoint(SpvFixtures.filler("enc-cp", 0), 10, EASY_BITS);
        BlockHeader h = SpvFixtures.unmined(cp.blockHash(), SpvFixtures.filler("r", 2), SpvFixtures.BASE_TIME, nBits);
        if (CompactTarget.isCanonical(nBits)) {
            // a valid encoding that merely differs from the checkpoint's: refused by the no-retarget rule
            SpvVerificationException e = assertThrows(SpvVerificationException.class,
                    () -> SpvVerifier.verifyHeaderChain(List.of(h), cp, NetworkParams.REGTEST));
            assertEquals(Reason.BAD_TARGET, e.reason());
            return;
        }
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verifyHeaderChain(List.of(h), cp, REGTEST_RETARGET));
        assertEquals(Reason.BAD_TARGET, e.reason(), e.getMessage());
    }

    @Test
    void item9_targetChangedInsideARetargetPeriod() {
        // checkpoint at 1000 (not a boundary): the next header must keep nBits, even if it is harder
        HeaderCheckpoint cp = new HeaderCheckpoint(SpvFixtures.filler("p-cp", 0), 1000, EASY_BITS);
        BlockHeader harder = SpvFixtures.mine(cp.blockHash(), SpvFixtures.filler("r", 3), SpvFixtures.BASE_TIME, MEDIUM_BITS);
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verifyHeaderChain(List.of(harder), cp, REGTEST_RETARGET));
        assertEquals(Reason.BAD_TARGET, e.reason());
        assertTrue(e.getMessage().contains("inside a retarget period"), e.getMessage());
        // regtest does not retarget at all: even at a boundary height the nBits must stay
        HeaderCheckpoint atBoundary = new HeaderCheckpoint(cp.blockHash(), 2015, EASY_BITS);
        assertReason(Reason.BAD_TARGET, () -> SpvVerifier.verifyHeaderChain(List.of(harder), atBoundary, NetworkParams.REGTEST));
        assertEquals(CompactTarget.work(CompactTarget.decode(MEDIUM_BITS)),
                SpvVerifier.verifyHeaderChain(List.of(harder), atBoundary, REGTEST_RETARGET), "allowed at the boundary");
    }

    @Test
    void item9_retargetBoundaryAllowsAtMostFourTimesEasier() {
        HeaderCheckpoint cp = new HeaderCheckpoint(SpvFixtures.filler("b-cp", 0), 2015, MEDIUM_BITS);
        assertEquals(CompactTarget.decode(MEDIUM_BITS).shiftLeft(2), CompactTarget.decode(0x2003fffcL));
        // exactly 4x easier at height 2016: accepted, and the next header must keep the new nBits
        List<BlockHeader> ok = SpvFixtures.chain(cp.blockHash(), List.of(SpvFixtures.filler("b", 0),
                SpvFixtures.filler("b", 1)), 0x2003fffcL, SpvFixtures.BASE_TIME);
        assertTrue(SpvVerifier.verifyHeaderChain(ok, cp, REGTEST_RETARGET).signum() > 0);
        // one unit more than 4x: refused
        BlockHeader tooEasy = SpvFixtures.mine(cp.blockHash(), SpvFixtures.filler("b", 0), SpvFixtures.BASE_TIME, 0x2003fffdL);
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verifyHeaderChain(List.of(tooEasy), cp, REGTEST_RETARGET));
        assertEquals(Reason.BAD_TARGET, e.reason());
        assertTrue(e.getMessage().contains("4x"), e.getMessage());
        // same 4x jump one height later (2017, inside the period): refused
        HeaderCheckpoint notBoundary = new HeaderCheckpoint(cp.blockHash(), 2016, MEDIUM_BITS);
        assertReason(Reason.BAD_TARGET, () -> SpvVerifier.verifyHeaderChain(ok, notBoundary, REGTEST_RETARGET));
        // harder at a boundary is always fine (more work)
        BlockHeader harder = SpvFixtures.mine(cp.blockHash(), SpvFixtures.filler("b", 0), SpvFixtures.BASE_TIME, 0x2000fff0L);
        SpvVerifier.verifyHeaderChain(List.of(harder), cp, REGTEST_RETARGET);
        // the nBits kept after a boundary must be the new one
        List<BlockHeader> back = new ArrayList<>(ok);
        back.set(1, SpvFixtures.mine(ok.get(0).hash(), ok.get(1).merkleRoot(), ok.get(1).time(), MEDIUM_BITS));
        assertReason(Reason.BAD_TARGET, () -> SpvVerifier.verifyHeaderChain(back, cp, REGTEST_RETARGET));
    }

    @Test
    void item9_tooFewConfirmations() {
        assertEquals(6, STD.verify(SpvFixtures.withClaim(VALID, PAYEE, 3000, 6)).confirmations());
        assertReason(Reason.TOO_FEW_CONFIRMATIONS, SpvFixtures.withClaim(VALID, PAYEE, 3000, 7), STD.checkpoint(),
                NetworkParams.REGTEST);
        // included in the middle of the chain: confirmations count from the including block
        Scenario mid = SpvFixtures.scenario("mid", NetworkParams.REGTEST, 1000, EASY_BITS, SpvFixtures.standardBlock(1003, 5),
                2, 2);
        PaymentProof p = mid.proof(3, PAYEE, 3000, 3);
        SpvResult r = mid.verify(p);
        assertEquals(3, r.confirmations());
        assertEquals(1003, r.blockHeight());
        assertEquals(mid.headers().get(2).hash(), r.blockHash());
        assertReason(Reason.TOO_FEW_CONFIRMATIONS, SpvFixtures.withClaim(p, PAYEE, 3000, 4), mid.checkpoint(),
                NetworkParams.REGTEST);
        // a proof whose header index points at another block of the chain no longer proves inclusion
        assertReason(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withHeaders(p, p.headers(), 1), mid.checkpoint(),
                NetworkParams.REGTEST);
    }

    @Test
    void item9_truncatingTheChainDropsConfirmations() {
        PaymentProof shorter = SpvFixtures.withHeaders(VALID, VALID.headers().subList(0, 4), 0);
        assertReason(Reason.TOO_FEW_CONFIRMATIONS, shorter, STD.checkpoint(), NetworkParams.REGTEST);
    }

    @Test
    void item9_chainLengthBounds() {
        assertReason(Reason.MALFORMED, SpvFixtures.withHeaders(VALID, List.of(), 0), STD.checkpoint(), NetworkParams.REGTEST);
        List<BlockHeader> tooMany = new ArrayList<>();
        for (int i = 0; i <= SpvVerifier.MAX_HEADERS; i++) {
            tooMany.add(VALID.headers().get(0));
        }
        assertReason(Reason.MALFORMED, SpvFixtures.withHeaders(VALID, tooMany, 0), STD.checkpoint(), NetworkParams.REGTEST);
        assertReason(Reason.MALFORMED, SpvFixtures.withHeaders(VALID, VALID.headers(), 6), STD.checkpoint(),
                NetworkParams.REGTEST);
        assertReason(Reason.MALFORMED, SpvFixtures.withHeaders(VALID, VALID.headers(), -1), STD.checkpoint(),
                NetworkParams.REGTEST);
    }

    @Test
    void compactTargetMatchesKnownEncodings() {
        assertEquals(new BigInteger("00000000ffff0000000000000000000000000000000000000000000000000000", 16),
                CompactTarget.decode(0x1d00ffffL));
        assertEquals(0x1d00ffffL, CompactTarget.encode(CompactTarget.decode(0x1d00ffffL)));
        assertEquals(new BigInteger("00000000000404cb000000000000000000000000000000000000000000000000", 16),
                CompactTarget.decode(0x1b0404cbL));
        assertEquals(0x207fffffL, CompactTarget.encode(NetworkParams.REGTEST.powLimit()));
        assertEquals(0x1d00ffffL, CompactTarget.encode(NetworkParams.MAINNET.powLimit()));
        assertEquals(0x1f7fff00L, CompactTarget.encode(CompactTarget.decode(0x20007fffL)));
        assertEquals(BigInteger.valueOf(0x12), CompactTarget.decode(0x01120000L));
        assertEquals(0x01120000L, CompactTarget.encode(BigInteger.valueOf(0x12)));
        assertEquals(0x02008000L, CompactTarget.encode(BigInteger.valueOf(0x80)));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(-1));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(0x04923456L), "negative");
        assertEquals(BigInteger.ONE, CompactTarget.work(CompactTarget.TWO_256.subtract(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> new HeaderCheckpoint(Bytes32.ZERO, 1, 0x20800001L));
        assertThrows(IllegalArgumentException.class, () -> new HeaderCheckpoint(Bytes32.ZERO, -1, EASY_BITS));
    }
}
