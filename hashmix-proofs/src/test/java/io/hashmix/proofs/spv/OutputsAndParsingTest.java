package io.hashmix.proofs.spv;

import static io.hashmix.proofs.spv.SpvFixtures.PAYEE;
import static io.hashmix.proofs.spv.SpvFixtures.PAYEE_LOOKALIKE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.SpvFixtures.Scenario;
import io.hashmix.proofs.spv.SpvVerificationException.Reason;

/**
 * Checklist item 11: output parsing for P2PKH, P2WPKH, P2WSH, P2TR (and P2SH, P2PK), malformed varints and
 * transactions, amounts summed only over outputs paying the expected script, one txid per payment.
 */
class OutputsAndParsingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Scenario STD = SpvFixtures.standard();

    // ---- varints ----

    @Test
    void item11_varintCanonicalRoundTrip() {
        long[] values = {0, 1, 0xfc, 0xfd, 0xfe, 0xff, 0xffff, 0x10000, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, -1L};
        int[] sizes = {1, 1, 1, 3, 3, 3, 3, 5, 5, 9, 9, 9};
        for (int i = 0; i < values.length; i++) {
            byte[] enc = VarInt.encode(values[i]);
            assertEquals(sizes[i], enc.length, Long.toUnsignedString(values[i]));
            assertEquals(sizes[i], VarInt.size(values[i]));
            VarInt.Decoded d = VarInt.decode(SpvFixtures.concat(new byte[] {9}, enc, new byte[] {7}), 1);
            assertEquals(values[i], d.value());
            assertEquals(sizes[i], d.length());
        }
        assertArrayEquals(HEX.parseHex("fdfd00"), VarInt.encode(0xfd));
        assertArrayEquals(HEX.parseHex("fe00000100"), VarInt.encode(0x10000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fdfc00", "fd0000", "fdfc00aa", "feffff0000", "fe00000000", "ffffffffff00000000",
        "ff0000000000000000"})
    void item11_nonCanonicalVarintsAreRejected(String hex) {
        BitcoinFormatException e = assertThrows(BitcoinFormatException.class, () -> VarInt.decode(HEX.parseHex(hex), 0));
        assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fd", "fd01", "fe010203", "ff01020304050607"})
    void item11_truncatedVarintsAreRejected(String hex) {
        BitcoinFormatException e = assertThrows(BitcoinFormatException.class, () -> VarInt.decode(HEX.parseHex(hex), 0));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    // ---- transactions ----

    private static final BitcoinTransaction LEGACY = SpvFixtures.spend(4, false,
            List.of(SpvFixtures.out(1000, PAYEE), SpvFixtures.out(2000, SpvFixtures.p2tr(1))));
    private static final BitcoinTransaction SEGWIT = SpvFixtures.spend(5, true,
            List.of(SpvFixtures.out(1000, PAYEE), SpvFixtures.out(2000, SpvFixtures.p2wsh(1))));

    @Test
    void item11_legacyAndSegwitSerializationsRoundTrip() {
        byte[] raw = LEGACY.serialize();
        assertEquals(LEGACY, BitcoinTransaction.parse(raw));
        assertArrayEquals(raw, BitcoinTransaction.parse(raw).serialize());
        assertEquals(LEGACY.txid(), LEGACY.wtxid());

        byte[] sw = SEGWIT.serialize();
        assertEquals(0x00, sw[4]);
        assertEquals(0x01, sw[5]);
        BitcoinTransaction parsed = BitcoinTransaction.parse(sw);
        assertEquals(SEGWIT, parsed);
        assertTrue(parsed.hasWitness());
        assertEquals(2, parsed.inputs().get(0).witness().size());
        assertArrayEquals(sw, parsed.serialize());
        assertEquals(BitcoinHash.sha256d(SEGWIT.serializeWithoutWitness()), parsed.txid(), "txid ignores the witness");
        assertNotEquals(parsed.txid(), parsed.wtxid());
        assertEquals(parsed.txid(), parsed.withoutWitness().txid());
        assertEquals(SEGWIT.serializeWithoutWitness().length, parsed.strippedSize());
        BitcoinFormatException e = assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parseStripped(sw));
        assertTrue(e.getMessage().contains("segwit"), e.getMessage());
    }

    private static byte[] mutate(byte[] raw, int at, int... replacementInts) {
        byte[] replacement = new byte[replacementInts.length];
        for (int i = 0; i < replacement.length; i++) {
            replacement[i] = (byte) replacementInts[i];
        }
        byte[] out = new byte[raw.length - 1 + replacement.length];
        System.arraycopy(raw, 0, out, 0, at);
        System.arraycopy(replacement, 0, out, at, replacement.length);
        System.arraycopy(raw, at + 1, out, at + replacement.length, raw.length - at - 1);
        return out;
    }

    @Test
    void item11_malformedTransactionsAreRejected() {
        byte[] raw = LEGACY.serialize();
        // truncated anywhere
        for (int cut = 0; cut < raw.length; cut++) {
            byte[] part = Arrays.copyOf(raw, cut);
            assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(part), "cut at " + cut);
        }
        // a trailing byte
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(Arrays.copyOf(raw, raw.length + 1)));
        // the input count (offset 4) written non-canonically: fd 01 00
        BitcoinFormatException nc = assertThrows(BitcoinFormatException.class,
                () -> BitcoinTransaction.parse(mutate(raw, 4, 0xfd, 0x01, 0x00)));
        assertTrue(nc.getMessage().contains("non-canonical"), nc.getMessage());
        // the scriptSig length (offset 4+1+36) non-canonically: fd 6c 00
        int scriptLenAt = 4 + 1 + 36;
        assertEquals(0x6a, raw[scriptLenAt]);
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(
                mutate(raw, scriptLenAt, 0xfd, raw[scriptLenAt], 0x00)));
        // counts larger than the bytes left
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(mutate(raw, 4, 0x05)));
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(
                mutate(raw, 4, 0xff, -1, -1, -1, -1, -1, -1, -1, -1)));
        // zero outputs, zero inputs
        BitcoinTransaction noOut = LEGACY;
        int outCountAt = LEGACY.serialize().length - 4 - (8 + 1 + 22) - (8 + 1 + 34) - 1;
        assertEquals(2, raw[outCountAt]);
        byte[] zeroOut = SpvFixtures.concat(Arrays.copyOf(raw, outCountAt), new byte[] {0}, new byte[4]);
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(zeroOut));
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(HEX.parseHex("02000000000000000000")));
        assertTrue(noOut.outputs().size() == 2);
    }

    @Test
    void item11_segwitFlagAndWitnessRules() {
        byte[] sw = SEGWIT.serialize();
        byte[] badFlag = sw.clone();
        badFlag[5] = 0x02;
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(badFlag));
        // segwit marker with only empty witnesses: the superfluous witness record Core refuses
        BitcoinTransaction emptyWitness = new BitcoinTransaction(2, List.of(SEGWIT.inputs().get(0).withoutWitness()),
                SEGWIT.outputs(), 0);
        byte[] stripped = emptyWitness.serializeWithoutWitness();
        byte[] fake = SpvFixtures.concat(Arrays.copyOf(stripped, 4), new byte[] {0, 1},
                Arrays.copyOfRange(stripped, 4, stripped.length - 4), new byte[] {0}, new byte[4]);
        BitcoinFormatException e = assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(fake));
        assertTrue(e.getMessage().contains("superfluous"), e.getMessage());
    }

    @Test
    void item11_outputValuesAreBoundedBy21MillionBtc() {
        byte[] raw = LEGACY.serialize();
        int valueAt = raw.length - 4 - (8 + 1 + 34) - (8 + 1 + 22);
        assertEquals(1000, (raw[valueAt] & 0xff) | (raw[valueAt + 1] & 0xff) << 8);
        byte[] negative = raw.clone();
        negative[valueAt + 7] = (byte) 0x80;
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(negative));
        byte[] tooMuch = raw.clone();
        long over = BitcoinTransaction.MAX_MONEY + 1;
        for (int i = 0; i < 8; i++) {
            tooMuch[valueAt + i] = (byte) (over >>> (8 * i));
        }
        assertThrows(BitcoinFormatException.class, () -> BitcoinTransaction.parse(tooMuch));
        assertThrows(BitcoinFormatException.class, () -> new BitcoinTransaction(1, LEGACY.inputs(),
                List.of(SpvFixtures.out(BitcoinTransaction.MAX_MONEY, PAYEE), SpvFixtures.out(1, PAYEE)), 0),
                "the sum is bounded too");
    }

    @Test
    void item11_fuzzedVarintsDecodeCanonicallyOrFailCleanly() {
        Random rnd = new Random(11);
        for (int round = 0; round < 5000; round++) {
            byte[] data = new byte[rnd.nextInt(10)];
            rnd.nextBytes(data);
            if (data.length > 0 && rnd.nextBoolean()) {
                data[0] = (byte) (0xfd + rnd.nextInt(3));
            }
            try {
                VarInt.Decoded d = VarInt.decode(data, 0);
                assertArrayEquals(Arrays.copyOf(data, d.length()), VarInt.encode(d.value()), HEX.formatHex(data));
            } catch (BitcoinFormatException expected) {
                // truncated or non-canonical; any other exception type fails the test
            }
        }
    }

    @Test
    void item11_fuzzedTransactionsParseCanonicallyOrFailCleanly() {
        Random rnd = new Random(1111);
        byte[][] seeds = {LEGACY.serialize(), SEGWIT.serialize(), STD.block().txs().get(3).serialize()};
        int parsed = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] raw = seeds[rnd.nextInt(seeds.length)].clone();
            switch (rnd.nextInt(4)) {
                case 0 -> raw[rnd.nextInt(raw.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> raw[rnd.nextInt(raw.length)] = (byte) rnd.nextInt(256);
                case 2 -> raw = Arrays.copyOf(raw, rnd.nextInt(raw.length));
                default -> {
                    int at = rnd.nextInt(raw.length);
                    raw = SpvFixtures.concat(Arrays.copyOf(raw, at), new byte[] {(byte) rnd.nextInt(256)},
                            Arrays.copyOfRange(raw, at, raw.length));
                }
            }
            try {
                BitcoinTransaction tx = BitcoinTransaction.parse(raw);
                parsed++;
                // whatever parses is canonical: it re-serializes to the same bytes
                assertArrayEquals(raw, tx.serialize(), "round " + round);
            } catch (BitcoinFormatException expected) {
                // any other exception type fails the test
            }
        }
        assertTrue(parsed > 100, "byte changes inside scripts and values still parse: " + parsed);
    }

    @Test
    void headerParsingNeedsExactlyEightyBytes() {
        byte[] h = STD.headers().get(0).serialize();
        assertEquals(STD.headers().get(0), BlockHeader.parse(h));
        assertThrows(BitcoinFormatException.class, () -> BlockHeader.parse(Arrays.copyOf(h, 79)));
        assertThrows(BitcoinFormatException.class, () -> BlockHeader.parse(Arrays.copyOf(h, 81)));
        assertThrows(BitcoinFormatException.class, () -> BlockHeader.parse(null));
        BlockHeader neg = new BlockHeader(-1, Bytes32.ZERO, Bytes32.ZERO, 0xffffffffL, 0, 0xffffffffL);
        assertEquals(neg, BlockHeader.parse(neg.serialize()));
        assertThrows(IllegalArgumentException.class, () -> new BlockHeader(1, Bytes32.ZERO, Bytes32.ZERO, -1, 0, 0));
    }

    @Test
    void displayAndInternalByteOrders() {
        String genesis = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
        Bytes32 internal = BitcoinHash.fromDisplayHex(genesis);
        assertEquals("0x6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000", internal.toHex());
        assertEquals(genesis, BitcoinHash.toDisplayHex(internal));
        assertEquals(genesis, BitcoinHash.toDisplayHex(BitcoinHash.fromDisplayHex(genesis.toUpperCase())));
        assertThrows(IllegalArgumentException.class, () -> BitcoinHash.fromDisplayHex("0x" + genesis.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> BitcoinHash.fromDisplayHex(genesis.substring(1)));
    }

    // ---- scripts ----

    @Test
    void item11_outputScriptsAreClassified() {
        assertEquals(ScriptType.P2PKH, ScriptType.classify(SpvFixtures.p2pkh(1)));
        assertEquals(ScriptType.P2SH, ScriptType.classify(SpvFixtures.p2sh(1)));
        assertEquals(ScriptType.P2WPKH, ScriptType.classify(SpvFixtures.p2wpkh(1)));
        assertEquals(ScriptType.P2WSH, ScriptType.classify(SpvFixtures.p2wsh(1)));
        assertEquals(ScriptType.P2TR, ScriptType.classify(SpvFixtures.p2tr(1)));
        assertEquals(ScriptType.P2PK, ScriptType.classify(SpvFixtures.concat(new byte[] {0x21}, SpvFixtures.fill(33, 1),
                new byte[] {(byte) 0xac})));
        assertEquals(ScriptType.P2PK, ScriptType.classify(SpvFixtures.concat(new byte[] {0x41}, SpvFixtures.fill(65, 1),
                new byte[] {(byte) 0xac})));
        // real-world encodings (BIP 173 / BIP 341 examples)
        assertEquals(ScriptType.P2WPKH, ScriptType.classify(HEX.parseHex("0014751e76e8199196d454941c45d1b3a323f1433bd6")));
        assertEquals(ScriptType.P2WSH, ScriptType.classify(
                HEX.parseHex("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")));
        assertEquals(ScriptType.P2TR, ScriptType.classify(
                HEX.parseHex("512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")));
        // near misses
        assertEquals(ScriptType.OTHER, ScriptType.classify(new byte[0]));
        assertEquals(ScriptType.OTHER, ScriptType.classify(HEX.parseHex("6a0401020304")), "OP_RETURN");
        assertEquals(ScriptType.OTHER, ScriptType.classify(Arrays.copyOf(SpvFixtures.p2wpkh(1), 21)));
        assertEquals(ScriptType.OTHER, ScriptType.classify(SpvFixtures.concat(SpvFixtures.p2wpkh(1), new byte[] {0})));
        byte[] v2 = SpvFixtures.p2tr(1);
        v2[0] = 0x52;
        assertEquals(ScriptType.OTHER, ScriptType.classify(v2), "witness v2 is not taproot");
        byte[] p2pkhNoCheck = SpvFixtures.p2pkh(1);
        p2pkhNoCheck[24] = (byte) 0xad;
        assertEquals(ScriptType.OTHER, ScriptType.classify(p2pkhNoCheck));
        byte[] p2shWrongOp = SpvFixtures.p2sh(1);
        p2shWrongOp[22] = (byte) 0x88;
        assertEquals(ScriptType.OTHER, ScriptType.classify(p2shWrongOp));
        // parsed from a transaction
        BitcoinTransaction tx = BitcoinTransaction.parse(STD.block().txs().get(3).serialize());
        assertEquals(List.of(ScriptType.P2PKH, ScriptType.P2WPKH, ScriptType.P2SH, ScriptType.P2WPKH, ScriptType.P2WSH),
                tx.outputs().stream().map(TxOutput::scriptType).toList());
    }

    @Test
    void item11_amountsAreSummedOnlyOverOutputsPayingTheExactScript() {
        // standard block tx 2: PAYEE 10,000 + look-alike 99,999 + PAYEE 2,500 + P2WSH 777
        BitcoinTransaction tx = STD.block().txs().get(2);
        assertEquals(12_500, tx.amountPaidTo(PAYEE));
        assertEquals(99_999, tx.amountPaidTo(PAYEE_LOOKALIKE));
        assertEquals(0, tx.amountPaidTo(SpvFixtures.p2wpkh(0x12)));
        PaymentProof p = STD.proof(2, PAYEE, 12_500, 6);
        SpvResult r = STD.verify(p);
        assertEquals(12_500, r.amount());
        HeaderChainTest.assertReason(Reason.AMOUNT_TOO_LOW, SpvFixtures.withClaim(p, PAYEE, 12_501, 6), STD.checkpoint(),
                NetworkParams.REGTEST);
        assertEquals(99_999, STD.verify(SpvFixtures.withClaim(p, PAYEE_LOOKALIKE, 99_999, 6)).amount());
        // a script no output pays
        HeaderChainTest.assertReason(Reason.WRONG_SCRIPT, SpvFixtures.withClaim(p, SpvFixtures.p2wpkh(0x12), 0, 6),
                STD.checkpoint(), NetworkParams.REGTEST);
        // a prefix or extension of the paid script is another script
        HeaderChainTest.assertReason(Reason.WRONG_SCRIPT, SpvFixtures.withClaim(p, Arrays.copyOf(PAYEE, 21), 0, 6),
                STD.checkpoint(), NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.WRONG_SCRIPT, SpvFixtures.withClaim(p,
                SpvFixtures.concat(PAYEE, new byte[] {(byte) 0x87}), 0, 6), STD.checkpoint(), NetworkParams.REGTEST);
        // claim parameters out of range
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withClaim(p, new byte[0], 0, 6), STD.checkpoint(),
                NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withClaim(p, PAYEE, -1, 6), STD.checkpoint(),
                NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withClaim(p, PAYEE, BitcoinTransaction.MAX_MONEY + 1,
                6), STD.checkpoint(), NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withClaim(p, PAYEE, 0, 0), STD.checkpoint(),
                NetworkParams.REGTEST);
    }

    @Test
    void item11_everyScriptTypeCanBeTheExpectedOne() {
        BitcoinTransaction tx = STD.block().txs().get(3);
        for (TxOutput o : tx.outputs()) {
            SpvResult r = STD.verify(STD.proof(3, o.script(), o.value(), 1));
            assertEquals(tx.amountPaidTo(o.script()), r.amount(), o.scriptType().name());
        }
    }

    @Test
    void item11_proofTransactionMustParse() {
        PaymentProof p = STD.proof(3, PAYEE, 1, 1);
        byte[] tx = p.transaction();
        byte[] trailing = Arrays.copyOf(tx, tx.length + 1);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withTx(p, trailing, 3, p.merkleBranch()),
                STD.checkpoint(), NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withTx(p, mutate(tx, 4, 0xfd, 0x01, 0x00), 3,
                p.merkleBranch()), STD.checkpoint(), NetworkParams.REGTEST);
        // the witness serialization of a payment is refused (the proof carries what the txid hashes)
        byte[] withWitness = STD.block().txs().get(3).serialize();
        assertTrue(STD.block().txs().get(3).hasWitness());
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withTx(p, withWitness, 3, p.merkleBranch()),
                STD.checkpoint(), NetworkParams.REGTEST);
        HeaderChainTest.assertReason(Reason.MALFORMED, SpvFixtures.withCoinbase(p, new byte[] {1, 2, 3},
                p.coinbaseBranch()), STD.checkpoint(), NetworkParams.REGTEST);
    }

    @Test
    void item11_oneTxidIsOneClaimWhateverTheProofLooksLike() {
        // The verifier is stateless; the caller (contract, report builder) keys claims by SpvResult.txid. Every way of
        // presenting the same payment yields that same key, and the one way to place it at a second position in the
        // tree (the duplicated last leaf) is refused.
        Set<Bytes32> claimed = new HashSet<>();
        BitcoinTransaction tx = STD.block().txs().get(1);
        assertTrue(tx.hasWitness());
        PaymentProof p = STD.proof(1, PAYEE, 30_000, 6);
        assertTrue(claimed.add(STD.verify(p).txid()));
        // same tx, fewer confirmations required / lower minimum / shorter chain: same txid
        assertFalse(claimed.add(STD.verify(SpvFixtures.withClaim(p, PAYEE, 1, 1)).txid()));
        assertFalse(claimed.add(STD.verify(SpvFixtures.withHeaders(SpvFixtures.withClaim(p, PAYEE, 1, 1),
                p.headers().subList(0, 2), 0)).txid()));
        // another witness for the same transaction (malleated signature data): same txid
        BitcoinTransaction malleated = new BitcoinTransaction(tx.version(),
                List.of(new TxInput(tx.inputs().get(0).prevTxid(), tx.inputs().get(0).prevIndex(),
                        new byte[0], tx.inputs().get(0).sequence(), List.of(SpvFixtures.fill(72, 9)))),
                tx.outputs(), tx.lockTime());
        assertNotEquals(tx.wtxid(), malleated.wtxid());
        assertFalse(claimed.add(STD.verify(PaymentProof.build(STD.block().txids(), malleated, STD.block().coinbase(),
                STD.headers(), 0, PAYEE, 30_000, 6)).txid()));
        // the same txid in a different tree position does not verify
        PaymentProof last = STD.proof(4, PAYEE, 1, 1);
        HeaderChainTest.assertReason(Reason.WRONG_INDEX, SpvFixtures.withIndex(last, 5), STD.checkpoint(),
                NetworkParams.REGTEST);
        assertEquals(1, claimed.size());
    }
}
