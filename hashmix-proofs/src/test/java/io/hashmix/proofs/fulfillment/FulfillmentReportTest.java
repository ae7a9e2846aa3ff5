package io.hashmix.proofs.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.vectors.FulfillmentVectors;
import io.hashmix.proofs.vectors.Web3jTypedData;

/** The report struct, its source chain ids and evidence helpers. */
class FulfillmentReportTest {

    private static final FulfillmentReport BASE = FulfillmentVectors.cases().getFirst().report();
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    /** Known answer: keccak-256 of the SPEC section B type string, computed by an independent implementation. */
    @Test
    void typeStringAndHashArePinned() {
        String expected = "FulfillmentReport(uint256 productId,uint32 epoch,uint256 deliveredUnits,uint256 revenue,"
                + "uint256 unitRevenue,bytes32 sourceChain,bytes32 evidence,uint256 nonce,uint64 deadline,uint64 committeeEpoch)";
        assertEquals(expected, FulfillmentReport.TYPE_STRING);
        assertEquals("0xdd776bcbdc3f1769b99f2941c0c1083efd44bf72ec791021d044669fe75fa932", FulfillmentReport.TYPE_HASH.toHex());
        assertEquals(FulfillmentReport.TYPE_HASH.toHex(), Numeric.toHexString(Hash.sha3(expected.getBytes())));
        assertEquals(FulfillmentReport.TYPE_HASH, BASE.typeHash());
        assertEquals(FulfillmentReport.TYPE_STRING, BASE.typeString());
    }

    @Test
    void digestsAgreeWithWeb3j() throws Exception {
        for (FulfillmentVectors.Case c : FulfillmentVectors.cases()) {
            assertEquals(Web3jTypedData.digest(FulfillmentVectors.DOMAIN, FulfillmentReport.TYPE_STRING,
                    ReportJson.reportToNode(c.report())), c.bundle().digest(), c.name());
        }
    }

    @Test
    void everyFieldChangesTheStructHash() {
        List<FulfillmentReport> variants = List.of(
                BASE.toBuilder().productId(ProductId.of(2)).build(),
                BASE.toBuilder().epoch(1).build(),
                BASE.toBuilder().deliveredUnits(BigInteger.valueOf(999)).build(),
                BASE.toBuilder().revenue(BigInteger.ONE).build(),
                BASE.toBuilder().unitRevenue(BigInteger.ONE).build(),
                BASE.toBuilder().sourceChain(SourceChain.BITCOIN_REGTEST).build(),
                BASE.toBuilder().evidence(Bytes32.ZERO).build(),
                BASE.toBuilder().nonce(BigInteger.TWO).build(),
                BASE.toBuilder().deadline(BASE.deadline() + 1).build(),
                BASE.toBuilder().committeeEpoch(2).build());
        Set<Bytes32> seen = new HashSet<>();
        seen.add(BASE.structHash());
        for (FulfillmentReport v : variants) {
            assertTrue(seen.add(v.structHash()), v.toString());
        }
        assertEquals(BASE, BASE.toBuilder().build());
    }

    @Test
    void builderDefaultsToARandomNonce() {
        FulfillmentReport.Builder b = BASE.toBuilder().nonce(null);
        FulfillmentReport x = b.build();
        FulfillmentReport y = b.build();
        assertNotEquals(x.nonce(), y.nonce());
        assertTrue(x.nonce().bitLength() <= 256);
    }

    @Test
    void validatesFields() {
        assertField("productId", () -> BASE.toBuilder().productId(null).build());
        assertField("epoch", () -> BASE.toBuilder().epoch(AbiWords.UINT32_MAX + 1).build());
        assertField("epoch", () -> BASE.toBuilder().epoch(-1).build());
        assertField("deliveredUnits", () -> BASE.toBuilder().deliveredUnits(TWO_256).build());
        assertField("revenue", () -> BASE.toBuilder().revenue(BigInteger.valueOf(-1)).build());
        assertField("unitRevenue", () -> BASE.toBuilder().unitRevenue(null).build());
        assertField("sourceChain", () -> BASE.toBuilder().sourceChain(null).build());
        assertField("sourceChain", () -> BASE.toBuilder().sourceChain(Bytes32.ZERO).build());
        assertField("evidence", () -> BASE.toBuilder().evidence(null).build());
        assertField("nonce", () -> BASE.toBuilder().nonce(TWO_256).build());
        assertField("deadline", () -> BASE.toBuilder().deadline(0).build());
        // the extremes are fine, and a zero evidence or zero delivery can be signed
        BASE.toBuilder().epoch(AbiWords.UINT32_MAX).deliveredUnits(BigInteger.ZERO).evidence(Bytes32.ZERO).deadline(-1L)
                .committeeEpoch(-1L).build();
    }

    @Test
    void deadlineIsInclusive() {
        assertFalse(BASE.isExpiredAt(BASE.deadline()));
        assertTrue(BASE.isExpiredAt(BASE.deadline() + 1));
    }

    /** Known answers: keccak-256 of the CAIP-2 ids, computed by an independent implementation. */
    @Test
    void sourceChainConstants() {
        assertEquals("0x6d0287c1b858c20eef48b10444a53c7ed5399e898d470671f127b49c54931377", SourceChain.BITCOIN_MAINNET.toHex());
        assertEquals("0x070e7259f89d9cf37d4d53790ba74a118fef45b2d2d56e230a7d86ecb5188ec5", SourceChain.BITCOIN_REGTEST.toHex());
        assertEquals("0xc0189fbc047e1deeb8ddabb1ba1cf9dd544119ea5891bf6615fd03a42a8aff4b", SourceChain.FILECOIN_MAINNET.toHex());
        assertEquals("0x64eb797987ff0d1c0a8daba56ba08e63a0b0066d7719376482b0c46fbc86f5fa", SourceChain.FILECOIN_CALIBRATION.toHex());
        assertEquals(SourceChain.BITCOIN_MAINNET, SourceChain.of("bip122:000000000019d6689c085ae165831e93"));
        assertEquals(SourceChain.FILECOIN_MAINNET, SourceChain.of("fil:f"));
        assertEquals(Optional.of("fil:t"), SourceChain.caip2Of(SourceChain.FILECOIN_CALIBRATION));
        assertEquals(Optional.empty(), SourceChain.caip2Of(Bytes32.ZERO));
        assertEquals(Optional.empty(), SourceChain.caip2Of(null));
        assertEquals(Bytes32.keccakUtf8("eip155:1"), SourceChain.of("eip155:1"));
        for (String bad : new String[] {"", "fil", "f:x", "FIL:f", "fil:", "bip122:000000000019d6689c085ae165831e93x0000000000", " fil:f"}) {
            assertThrows(IllegalArgumentException.class, () -> SourceChain.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> SourceChain.of(null));
    }

    @Test
    void bitcoinTxidEvidenceIsInInternalOrder() {
        Bytes32 txid = Evidence.bitcoinTxid(FulfillmentVectors.GENESIS_COINBASE_TXID);
        assertEquals("0x3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a", txid.toHex());
        assertEquals(FulfillmentVectors.GENESIS_COINBASE_TXID, Evidence.bitcoinTxidDisplayHex(txid));
        assertEquals(txid, Evidence.bitcoinTxid(FulfillmentVectors.GENESIS_COINBASE_TXID.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> Evidence.bitcoinTxid("0x" + FulfillmentVectors.GENESIS_COINBASE_TXID));
        assertThrows(IllegalArgumentException.class, () -> Evidence.bitcoinTxid("zz".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> Evidence.bitcoinTxidDisplayHex(null));
    }

    @Test
    void filecoinEvidenceIsTheKeccakOfTheCidBytes() {
        byte[] cid = FulfillmentVectors.filecoinCid("x");
        assertEquals(new Bytes32(Hash.sha3(cid)), Evidence.filecoinMessage(cid));
        assertThrows(IllegalArgumentException.class, () -> Evidence.filecoinMessage(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Evidence.filecoinMessage(null));
    }

    @Test
    void reportJsonNamesTheFieldOfARuleFailure() {
        String json = ReportJson.toJson(FulfillmentVectors.cases().getFirst().bundle());
        String zeroChain = json.replace(SourceChain.BITCOIN_MAINNET.toHex(), Bytes32.ZERO.toHex());
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> ReportJson.fromJson(zeroChain));
        assertTrue(e.getMessage().contains("sourceChain"), e.getMessage());
    }

    private static void assertField(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), field + ": " + e.getMessage());
    }
}
