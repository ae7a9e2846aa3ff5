package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Real Bitcoin main-network blocks (genesis, 99960, 99993; a copy of {@code shared/data/bitcoin/mainnet-blocks.json}
 * in the test resources): every header, transaction, txid and Merkle root recomputes, and every transaction is proven
 * against its real header.
 */
class RealMainnetBlocksTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One block of the data file. */
    record RealBlock(String name, long height, String blockHash, BlockHeader header, String merkleRoot, long nBits,
            List<String> txids, List<byte[]> rawTransactions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<RealBlock> blocks() {
        try (InputStream in = RealMainnetBlocksTest.class.getResourceAsStream("/bitcoin/mainnet-blocks.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource bitcoin/mainnet-blocks.json is missing");
            }
            JsonNode root = JsonFields.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<RealBlock> out = new ArrayList<>();
            for (JsonNode b : root.get("blocks")) {
                List<String> txids = new ArrayList<>();
                b.get("txids").forEach(t -> txids.add(t.asText()));
                List<byte[]> raws = new ArrayList<>();
                b.get("rawTransactions").forEach(t -> raws.add(HEX.parseHex(t.asText())));
                out.add(new RealBlock(b.get("name").asText(), b.get("height").asLong(), b.get("blockHash").asText(),
                        BlockHeader.parse(HEX.parseHex(b.get("header").asText())), b.get("merkleRoot").asText(),
                        Long.parseLong(b.get("nBits").asText(), 16), txids, raws));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<RealBlock> blockStream() {
        return blocks().stream();
    }

    @Test
    void theDataFileHoldsTheThreeBlocks() {
        List<RealBlock> blocks = blocks();
        assertEquals(List.of(0L, 99960L, 99993L), blocks.stream().map(RealBlock::height).toList());
        assertEquals(List.of(1, 3, 4), blocks.stream().map(b -> b.txids().size()).toList());
    }

    @ParameterizedTest
    @MethodSource("blockStream")
    void headerParsesHashesAndMeetsItsTarget(RealBlock b) {
        BlockHeader h = b.header();
        assertEquals(b.blockHash(), BitcoinHash.toDisplayHex(h.hash()), "block hash, display order");
        assertEquals(b.merkleRoot(), BitcoinHash.toDisplayHex(h.merkleRoot()));
        assertEquals(b.nBits(), h.nBits());
        assertEquals(1, h.version());
        assertTrue(CompactTarget.isCanonical(h.nBits()));
        assertTrue(h.meetsTarget(), "hash <= target");
        assertTrue(h.target().compareTo(NetworkParams.MAINNET.powLimit()) <= 0);
        assertEquals(BitcoinHash.sha256d(h.serialize()), h.hash());
        assertEquals(h, BlockHeader.parse(h.serialize()));
        // the hash is "display hex read as a number"
        assertEquals(new BigInteger(b.blockHash(), 16), h.hashAsNumber());
    }

    @Test
    void genesisKnownValues() {
        RealBlock g = blocks().get(0);
        assertEquals(Bytes32.ZERO, g.header().prevHash());
        assertEquals(1231006505L, g.header().time());
        assertEquals(2083236893L, g.header().nonce());
        // chainwork of the genesis block, as Bitcoin Core reports it: 0x100010001
        assertEquals(new BigInteger("100010001", 16), g.header().work());
        assertEquals(BigInteger.valueOf(0xffff).shiftLeft(208), g.header().target());
        BitcoinTransaction cb = BitcoinTransaction.parse(g.rawTransactions().get(0));
        assertTrue(cb.isCoinbase());
        TxOutput o = cb.outputs().get(0);
        assertEquals(5_000_000_000L, o.value());
        assertEquals(ScriptType.P2PK, o.scriptType());
        assertEquals(67, o.script().length);
        String scriptSig = new String(cb.inputs().get(0).scriptSig(), StandardCharsets.ISO_8859_1);
        assertTrue(scriptSig.contains("The Times 03/Jan/2009 Chancellor on brink of second bailout for banks"));
    }

    @ParameterizedTest
    @MethodSource("blockStream")
    void everyTransactionParsesAndRecomputesItsTxidAndTheRoot(RealBlock b) {
        List<Bytes32> txids = new ArrayList<>();
        for (int i = 0; i < b.rawTransactions().size(); i++) {
            byte[] raw = b.rawTransactions().get(i);
            BitcoinTransaction tx = BitcoinTransaction.parse(raw);
            assertArrayEquals(raw, tx.serialize(), "re-serializes byte for byte");
            assertFalse(tx.hasWitness());
            assertEquals(tx, BitcoinTransaction.parseStripped(raw));
            assertEquals(b.txids().get(i), BitcoinHash.toDisplayHex(tx.txid()), "txid " + i);
            assertEquals(BitcoinHash.fromDisplayHex(b.txids().get(i)), BitcoinHash.sha256d(raw));
            assertEquals(i == 0, tx.isCoinbase());
            txids.add(tx.txid());
        }
        assertEquals(b.header().merkleRoot(), BitcoinMerkle.root(txids));
    }

    @ParameterizedTest
    @MethodSource("blockStream")
    void everyTransactionIsProvenAgainstItsRealHeader(RealBlock b) {
        List<BitcoinTransaction> txs = b.rawTransactions().stream().map(BitcoinTransaction::parse).toList();
        List<Bytes32> txids = txs.stream().map(BitcoinTransaction::txid).toList();
        List<Bytes32> cbBranch = BitcoinMerkle.branch(txids, 0);
        for (int i = 0; i < txs.size(); i++) {
            List<Bytes32> branch = BitcoinMerkle.branch(txids, i);
            assertEquals(txids.get(i), SpvVerifier.verifyInclusion(txs.get(i), i, branch, txs.get(0), cbBranch,
                    b.header().merkleRoot()), "transaction " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("blockStream")
    void everyTransactionOfAnAnchoredBlockVerifiesAsAPayment(RealBlock b) {
        if (b.height() == 0) {
            return; // the genesis block has no parent to anchor at; its inclusion is checked above
        }
        // The checkpoint is the real parent; it is in the same 2016-block period, so it has the same nBits.
        assertTrue((b.height() - 1) / 2016 == b.height() / 2016 && b.height() % 2016 != 0);
        HeaderCheckpoint cp = new HeaderCheckpoint(b.header().prevHash(), b.height() - 1, b.nBits());
        List<BitcoinTransaction> txs = b.rawTransactions().stream().map(BitcoinTransaction::parse).toList();
        List<Bytes32> txids = txs.stream().map(BitcoinTransaction::txid).toList();
        for (int i = 0; i < txs.size(); i++) {
            BitcoinTransaction tx = txs.get(i);
            for (TxOutput o : tx.outputs()) {
                long paid = tx.amountPaidTo(o.script());
                PaymentProof proof = PaymentProof.build(txids, tx, txs.get(0), List.of(b.header()), 0, o.script(), paid, 1);
                SpvResult r = SpvVerifier.verify(proof, cp, NetworkParams.MAINNET);
                assertEquals(tx.txid(), r.txid());
                assertEquals(b.blockHash(), BitcoinHash.toDisplayHex(r.blockHash()));
                assertEquals(b.height(), r.blockHeight());
                assertEquals(paid, r.amount());
                assertEquals(1, r.confirmations());
                assertEquals(b.header().work(), r.totalWork());
                SpvVerificationException e = assertThrows(SpvVerificationException.class, () -> SpvVerifier.verify(
                        SpvFixtures.withClaim(proof, o.script(), paid + 1, 1), cp, NetworkParams.MAINNET));
                assertEquals(SpvVerificationException.Reason.AMOUNT_TOO_LOW, e.reason());
                SpvVerificationException few = assertThrows(SpvVerificationException.class, () -> SpvVerifier.verify(
                        SpvFixtures.withClaim(proof, o.script(), paid, 2), cp, NetworkParams.MAINNET));
                assertEquals(SpvVerificationException.Reason.TOO_FEW_CONFIRMATIONS, few.reason());
            }
        }
        HeaderCheckpoint wrong = new HeaderCheckpoint(SpvFixtures.flipBit(cp.blockHash(), 0), cp.height(), cp.nBits());
        PaymentProof any = PaymentProof.build(txids, txs.get(1), txs.get(0), List.of(b.header()), 0,
                txs.get(1).outputs().get(0).script(), 1, 1);
        assertEquals(SpvVerificationException.Reason.BROKEN_LINK, assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verify(any, wrong, NetworkParams.MAINNET)).reason());
        // same header under the regtest rules: its nBits is not regtest's, which does not retarget
        HeaderCheckpoint easy = new HeaderCheckpoint(cp.blockHash(), cp.height(), SpvFixtures.EASY_BITS);
        assertEquals(SpvVerificationException.Reason.BAD_TARGET, assertThrows(SpvVerificationException.class,
                () -> SpvVerifier.verify(any, easy, NetworkParams.REGTEST)).reason());
    }

    @Test
    void realOutputsAreP2pkOrP2pkhWithTheirAmounts() {
        List<RealBlock> blocks = blocks();
        BitcoinTransaction tx = BitcoinTransaction.parse(blocks.get(1).rawTransactions().get(1));
        assertEquals(2, tx.outputs().size());
        assertEquals(ScriptType.P2PKH, tx.outputs().get(0).scriptType());
        assertEquals(5_0000_0000L, tx.outputs().get(0).value());
        assertEquals("76a91468c6c2b3c0bc4a8eeb10d16a300d627a31a3b58588ac", HEX.formatHex(tx.outputs().get(0).script()));
        assertEquals(ScriptType.P2PKH, tx.outputs().get(1).scriptType());
        assertEquals(8_0000_0000L, tx.outputs().get(1).value());
        int p2pk = 0;
        int p2pkh = 0;
        for (RealBlock b : blocks) {
            for (byte[] raw : b.rawTransactions()) {
                for (TxOutput o : BitcoinTransaction.parse(raw).outputs()) {
                    switch (o.scriptType()) {
                        case P2PK -> p2pk++;
                        case P2PKH -> p2pkh++;
                        default -> throw new AssertionError("unexpected script in a 2010 block: " + o);
                    }
                }
            }
        }
        assertEquals(3, p2pk, "the three coinbases pay to public keys");
        assertTrue(p2pkh >= 4);
    }
}
