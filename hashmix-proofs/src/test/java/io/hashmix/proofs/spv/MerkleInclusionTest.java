package io.hashmix.proofs.spv;

import static io.hashmix.proofs.spv.HeaderChainTest.assertReason;
import static io.hashmix.proofs.spv.SpvFixtures.EASY_BITS;
import static io.hashmix.proofs.spv.SpvFixtures.PAYEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.SpvFixtures.Block;
import io.hashmix.proofs.spv.SpvFixtures.Scenario;
import io.hashmix.proofs.spv.SpvVerificationException.Reason;

/** Checklist item 10: wrong Merkle index, length or root fails; the 64-byte transaction attack is rejected. */
class MerkleInclusionTest {

    private static final Scenario STD = SpvFixtures.standard();

    private static void assertStd(Reason reason, PaymentProof p) {
        HeaderChainTest.assertReason(reason, p, STD.checkpoint(), NetworkParams.REGTEST);
    }

    /** Independent recursive definition of Bitcoin's tree, to check the iterative one. */
    private static Bytes32 referenceRoot(List<Bytes32> level) {
        if (level.size() == 1) {
            return level.get(0);
        }
        List<Bytes32> up = new ArrayList<>();
        for (int i = 0; i < level.size(); i += 2) {
            Bytes32 l = level.get(i);
            Bytes32 r = i + 1 < level.size() ? level.get(i + 1) : l;
            byte[] buf = SpvFixtures.concat(l.value(), r.value());
            up.add(BitcoinHash.sha256d(buf));
        }
        return referenceRoot(up);
    }

    @Test
    void everyBranchOfTreesOfOneToThirtyThreeLeavesLeadsToTheRoot() {
        for (int n = 1; n <= 33; n++) {
            List<Bytes32> txids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txids.add(SpvFixtures.filler("leaf", i));
            }
            Bytes32 root = BitcoinMerkle.root(txids);
            assertEquals(referenceRoot(txids), root, "n=" + n);
            int depth = 32 - Integer.numberOfLeadingZeros(n - 1);
            for (int i = 0; i < n; i++) {
                List<Bytes32> branch = BitcoinMerkle.branch(txids, i);
                assertEquals(depth, branch.size());
                assertEquals(root, BitcoinMerkle.rootFromBranch(txids.get(i), branch, i), "n=" + n + " i=" + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> BitcoinMerkle.root(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BitcoinMerkle.branch(List.of(Bytes32.ZERO), 1));
    }

    @Test
    void everyTransactionOfTheStandardBlockVerifies() {
        for (int i = 0; i < 5; i++) {
            BitcoinTransaction tx = STD.block().txs().get(i);
            byte[] script = tx.outputs().get(0).script();
            SpvResult r = STD.verify(STD.proof(i, script, tx.amountPaidTo(script), 6));
            assertEquals(tx.txid(), r.txid());
        }
    }

    @Test
    void item10_wrongRoot() {
        // the header commits to another root (and is properly mined): the right branch no longer matches
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        List<BlockHeader> h = new ArrayList<>(p.headers());
        BlockHeader b = h.get(0);
        h.set(0, SpvFixtures.mine(b.prevHash(), SpvFixtures.flipBit(b.merkleRoot(), 7), b.time(), b.nBits()));
        h = SpvFixtures.remineFrom(h, 1);
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withHeaders(p, h, 0));
    }

    @Test
    void item10_wrongSibling() {
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        for (int level = 0; level < p.merkleBranch().size(); level++) {
            List<Bytes32> bad = SpvFixtures.replace(p.merkleBranch(), level,
                    SpvFixtures.flipBit(p.merkleBranch().get(level), 200));
            assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withBranch(p, bad));
        }
        List<Bytes32> badCb = SpvFixtures.replace(p.coinbaseBranch(), 1, SpvFixtures.flipBit(p.coinbaseBranch().get(1), 0));
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withCoinbase(p, p.coinbaseTransaction(), badCb));
    }

    @Test
    void item10_wrongLength() {
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        List<Bytes32> shorter = p.merkleBranch().subList(0, 2);
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withBranch(p, shorter));
        List<Bytes32> longer = new ArrayList<>(p.merkleBranch());
        longer.add(Bytes32.ZERO);
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withBranch(p, longer));
        // both branches cut to the same shorter depth: depths agree, roots do not
        PaymentProof bothShort = SpvFixtures.withCoinbase(SpvFixtures.withIndex(SpvFixtures.withBranch(p, shorter), 3),
                p.coinbaseTransaction(), p.coinbaseBranch().subList(0, 2));
        assertStd(Reason.WRONG_MERKLE_BRANCH, bothShort);
        List<Bytes32> huge = new ArrayList<>();
        for (int i = 0; i <= SpvVerifier.MAX_MERKLE_DEPTH; i++) {
            huge.add(Bytes32.ZERO);
        }
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withCoinbase(SpvFixtures.withBranch(p, huge),
                p.coinbaseTransaction(), huge));
    }

    @Test
    void item10_wrongIndex() {
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        // out of range for a depth-3 branch
        assertStd(Reason.WRONG_INDEX, SpvFixtures.withIndex(p, 8));
        assertStd(Reason.WRONG_INDEX, SpvFixtures.withIndex(p, 3 + (1L << 20)));
        // another in-range index: a different path, so the root differs (indistinguishable from a wrong branch)
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withIndex(p, 2));
        // index 0 is the coinbase's
        assertStd(Reason.WRONG_INDEX, SpvFixtures.withIndex(p, 0));
        // a coinbase claimed at another position
        PaymentProof cb = STD.proof(0, SpvFixtures.POOL, 1, 1);
        assertStd(Reason.WRONG_INDEX, SpvFixtures.withIndex(cb, 4));
        // negative / above uint32
        assertStd(Reason.MALFORMED, SpvFixtures.withIndex(p, -1));
        assertStd(Reason.MALFORMED, SpvFixtures.withIndex(p, 1L << 32));
    }

    @Test
    void item10_phantomDuplicatePosition() {
        // 5 transactions: the last one (index 4) is paired with itself. Its copy at index 5 (and 6, 7 higher up)
        // does not exist; a proof naming it would let one payment be claimed at two positions.
        PaymentProof p = STD.proof(4, PAYEE, 1, 1);
        assertEquals(p.merkleBranch().get(0), STD.block().txids().get(4), "sibling of the last odd leaf is itself");
        STD.verify(p);
        assertEquals(STD.block().root(), BitcoinMerkle.rootFromBranch(STD.block().txids().get(4), p.merkleBranch(), 5),
                "the phantom index reaches the root");
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> STD.verify(SpvFixtures.withIndex(p, 5)));
        assertEquals(Reason.WRONG_INDEX, e.reason());
        assertTrue(e.getMessage().contains("phantom"), e.getMessage());
    }

    @Test
    void item10_innerNodePosingAsATransaction() {
        // the 64-byte preimage of the level-1 node (txid2 || txid3) presented as a transaction one level up
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        byte[] innerNode = SpvFixtures.concat(STD.block().txids().get(2).value(), STD.block().txids().get(3).value());
        List<Bytes32> upper = p.merkleBranch().subList(1, p.merkleBranch().size());
        assertEquals(STD.block().root(), BitcoinMerkle.rootFromBranch(BitcoinHash.sha256d(innerNode), upper, 1),
                "without the rule, the inner node would be 'included'");
        assertStd(Reason.SIXTY_FOUR_BYTE_TX, SpvFixtures.withTx(p, innerNode, 1, upper));
    }

    @Test
    void item10_realSixtyFourByteTransactionIsRefused() {
        BitcoinTransaction t64 = SpvFixtures.sixtyFourByteTx();
        assertEquals(t64, BitcoinTransaction.parse(t64.serialize()), "it is a well-formed transaction");
        List<BitcoinTransaction> txs = new ArrayList<>(STD.block().txs().subList(0, 3));
        txs.add(t64);
        Block block = SpvFixtures.block(txs);
        Scenario s = SpvFixtures.scenario("t64", NetworkParams.REGTEST, 10, EASY_BITS, block, 0, 1);
        PaymentProof p = s.proof(3, t64.outputs().get(0).script(), 1, 1);
        SpvVerificationException e = assertThrows(SpvVerificationException.class, () -> s.verify(p));
        assertEquals(Reason.SIXTY_FOUR_BYTE_TX, e.reason());
        assertThrows(SpvVerificationException.class, () -> SpvVerifier.verifyInclusion(t64, 3, p.merkleBranch(),
                block.coinbase(), p.coinbaseBranch(), block.root()));
        // other transactions of that block still verify
        s.verify(s.proof(1, PAYEE, 30_000, 2));
    }

    @Test
    void item10_fakeTransactionBelowASixtyFourByteLeafIsCaughtByTheCoinbaseDepth() {
        // An attacker gets a 64-byte transaction T = A || txid(fake) mined (in reality: brute force its last 32 bytes).
        // txid(T) is then also the parent of A and txid(fake), so a branch [A, branch(T)...] with index 2*i(T)+1 reaches
        // the real root, one level deeper than every real leaf.
        BitcoinTransaction fake = SpvFixtures.spend(77, false, List.of(SpvFixtures.out(21_000_000_00L, PAYEE)));
        Bytes32 a = SpvFixtures.filler("attacker-left-half", 0);
        byte[] tBytes = SpvFixtures.concat(a.value(), fake.txid().value());
        List<Bytes32> txids = new ArrayList<>(STD.block().txids().subList(0, 3));
        txids.add(BitcoinHash.sha256d(tBytes)); // the 64-byte transaction's txid at index 3
        Bytes32 root = BitcoinMerkle.root(txids);
        List<Bytes32> realBranch = BitcoinMerkle.branch(txids, 3);
        List<Bytes32> forged = new ArrayList<>();
        forged.add(a);
        forged.addAll(realBranch);
        assertEquals(root, BitcoinMerkle.rootFromBranch(fake.txid(), forged, 7), "the forged branch reaches the root");

        List<BlockHeader> headers = SpvFixtures.chain(SpvFixtures.filler("attack-cp", 0), List.of(root), EASY_BITS,
                SpvFixtures.BASE_TIME);
        HeaderCheckpoint cp = new HeaderCheckpoint(SpvFixtures.filler("attack-cp", 0), 10, EASY_BITS);
        byte[] coinbase = STD.block().coinbase().serializeWithoutWitness();
        PaymentProof attack = new PaymentProof(fake.serializeWithoutWitness(), 7, forged, coinbase,
                BitcoinMerkle.branch(txids, 0), headers, 0, PAYEE, 1, 1);
        SpvVerificationException e = assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verify(attack, cp, NetworkParams.REGTEST));
        assertEquals(Reason.WRONG_MERKLE_BRANCH, e.reason());
        assertTrue(e.getMessage().contains("coinbase is proven at depth 2"), e.getMessage());
        // padding the coinbase branch to the forged depth does not help: the coinbase no longer reaches the root
        List<Bytes32> paddedCb = new ArrayList<>(BitcoinMerkle.branch(txids, 0));
        paddedCb.add(Bytes32.ZERO);
        assertReason(Reason.WRONG_MERKLE_BRANCH, () -> SpvVerifier.verify(
                SpvFixtures.withCoinbase(attack, coinbase, paddedCb), cp, NetworkParams.REGTEST));
    }

    @Test
    void item10_coinbaseProofMustCarryACoinbase() {
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        // a normal transaction with a correct branch, offered as the coinbase
        PaymentProof notCb = SpvFixtures.withCoinbase(p, STD.block().txs().get(2).serializeWithoutWitness(),
                BitcoinMerkle.branch(STD.block().txids(), 2));
        assertStd(Reason.WRONG_MERKLE_BRANCH, notCb);
        // a coinbase from another block
        BitcoinTransaction otherCb = SpvFixtures.coinbase(99, List.of(SpvFixtures.out(1, PAYEE)));
        assertStd(Reason.WRONG_MERKLE_BRANCH, SpvFixtures.withCoinbase(p, otherCb.serializeWithoutWitness(),
                p.coinbaseBranch()));
    }

    @Test
    void item10_singleTransactionBlock() {
        Block only = SpvFixtures.block(List.of(STD.block().coinbase()));
        Scenario s = SpvFixtures.scenario("solo", NetworkParams.REGTEST, 10, EASY_BITS, only, 0, 0);
        PaymentProof p = s.proof(0, SpvFixtures.POOL, 312_500_000L, 1);
        assertEquals(0, p.merkleBranch().size());
        assertEquals(312_500_000L, s.verify(p).amount());
        assertReason(Reason.WRONG_INDEX, () -> s.verify(SpvFixtures.withIndex(p, 1)));
    }

    @Test
    void proofBuilderRefusesInconsistentInput() {
        Block b = STD.block();
        BitcoinTransaction stranger = SpvFixtures.spend(99, false, List.of(SpvFixtures.out(1, PAYEE)));
        assertThrows(IllegalArgumentException.class, () -> PaymentProof.build(b.txids(), stranger, b.coinbase(),
                STD.headers(), 0, PAYEE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PaymentProof.build(b.txids(), b.txs().get(1),
                b.txs().get(2), STD.headers(), 0, PAYEE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PaymentProof.build(b.txids(), b.txs().get(1),
                b.coinbase(), STD.headers(), 1, PAYEE, 1, 1));
        assertNotEquals(b.txs().get(1).serialize().length, STD.proof(1, PAYEE, 1, 1).transaction().length,
                "the builder strips the witness");
    }
}
