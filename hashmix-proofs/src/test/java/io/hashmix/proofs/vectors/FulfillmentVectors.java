package io.hashmix.proofs.vectors;

import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.Evidence;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.ReportJson;
import io.hashmix.proofs.fulfillment.SourceChain;

/**
 * The fulfillment report vectors ({@value #FILE}), shared with
 * {@code contracts/test/FulfillmentReportVectors.t.sol}: deterministic reports, each signed by
 * {@value TestVectorGenerator#THRESHOLD} of the five {@link TestKeys} attestors.
 */
public final class FulfillmentVectors {

    /** File name under {@code test-vectors/}. */
    public static final String FILE = "fulfillment-report.json";
    /** The vectors' vault address (Hardhat's fourth deployment address). */
    public static final EvmAddress VAULT = EvmAddress.of("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9");
    /** The vectors' domain. */
    public static final Eip712Domain DOMAIN = Eip712Domain.hashMix(Fixtures.CHAIN_ID, VAULT);
    /** The Bitcoin genesis coinbase txid, as explorers print it. */
    public static final String GENESIS_COINBASE_TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

    /**
     * One vector: a report and the indexes of the {@link TestKeys} keys that sign it.
     *
     * @param name the case name
     * @param report the report
     * @param signers the signing key indexes
     */
    public record Case(String name, FulfillmentReport report, int... signers) {
        /** The report signed by its signers in {@link #DOMAIN}, sorted by signer. */
        public ReportBundle bundle() {
            return ReportBundle.builder(DOMAIN, report).signWith(TestVectorGenerator.keys(signers)).build();
        }
    }

    private FulfillmentVectors() {
    }

    /** A CIDv1 (dag-cbor, blake2b-256) of a Filecoin message, with a made-up but well-formed digest. */
    public static byte[] filecoinCid(String label) {
        byte[] digest = Bytes32.keccakUtf8(label).value();
        byte[] cid = new byte[6 + 32];
        cid[0] = 0x01; // CID version 1
        cid[1] = 0x71; // dag-cbor
        cid[2] = (byte) 0xa0; // blake2b-256 = 0xb220 as varint: a0 e4 02
        cid[3] = (byte) 0xe4;
        cid[4] = 0x02;
        cid[5] = 0x20; // 32-byte digest
        System.arraycopy(digest, 0, cid, 6, 32);
        return cid;
    }

    /** The cases: Bitcoin main net and regtest, Filecoin main and calibration nets, maxima. */
    public static List<Case> cases() {
        return List.of(
                new Case("btc-mainnet-full-delivery", FulfillmentReport.builder().productId(ProductId.of(1)).epoch(0)
                        .deliveredUnits(BigInteger.valueOf(1000)).revenue(BigInteger.valueOf(5_210_000))
                        .unitRevenue(BigInteger.valueOf(5_210)).sourceChain(SourceChain.BITCOIN_MAINNET)
                        .evidence(Evidence.bitcoinTxid(GENESIS_COINBASE_TXID)).nonce(BigInteger.ONE)
                        .deadline(Fixtures.JAN_2025 + 2 * 86_400).committeeEpoch(1).build(), 1, 2, 3),
                new Case("btc-regtest-shortfall", FulfillmentReport.builder().productId(ProductId.of(2)).epoch(5)
                        .deliveredUnits(BigInteger.valueOf(750)).revenue(BigInteger.valueOf(3_750_000))
                        .unitRevenue(BigInteger.valueOf(5_000)).sourceChain(SourceChain.BITCOIN_REGTEST)
                        .evidence(Bytes32.keccakUtf8("regtest payout tx")).nonce(BigInteger.valueOf(42))
                        .deadline(Fixtures.JAN_2025 + 86_400).committeeEpoch(2).build(), 2, 4, 5),
                new Case("fil-mainnet-message", FulfillmentReport.builder().productId(ProductId.of(3)).epoch(11)
                        .deliveredUnits(BigInteger.valueOf(2048)).revenue(new BigInteger("1250000000000000000"))
                        .unitRevenue(new BigInteger("610351562500000")).sourceChain(SourceChain.FILECOIN_MAINNET)
                        .evidence(Evidence.filecoinMessage(filecoinCid("fil-mainnet-payout"))).nonce(BigInteger.valueOf(7))
                        .deadline(Fixtures.JAN_2026).committeeEpoch(3).build(), 1, 3, 5),
                new Case("fil-calibration-nothing-delivered", FulfillmentReport.builder().productId(ProductId.of(4))
                        .epoch(1).deliveredUnits(BigInteger.ZERO).revenue(BigInteger.ZERO).unitRevenue(BigInteger.valueOf(99))
                        .sourceChain(SourceChain.FILECOIN_CALIBRATION)
                        .evidence(Evidence.filecoinMessage(filecoinCid("fil-calibration-payout")))
                        .nonce(BigInteger.TWO.pow(200)).deadline(Fixtures.JAN_2026).committeeEpoch(1).build(), 3, 4, 5),
                new Case("max-values", new FulfillmentReport(new ProductId(AbiWords.UINT256_MAX), AbiWords.UINT32_MAX,
                        AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, Bytes32.fromHex("0x" + "ff".repeat(32)),
                        Bytes32.fromHex("0x" + "ff".repeat(32)), AbiWords.UINT256_MAX, -1L, -1L), 1, 2, 5));
    }

    /** The vector file's text. */
    public static String generate() {
        ObjectNode root = JsonFields.newObject();
        root.put("description", "HashMix FulfillmentReport EIP-712 vectors, generated by the Java SDK (hashmix-proofs "
                + "FulfillmentVectors; TestVectorsTest fails if this file drifts); read by "
                + "contracts/test/FulfillmentReportVectors.t.sol. structHash = keccak256(abi.encode(typeHash, fields...)) "
                + "is domain-independent; digest = keccak256(0x1901 || domainSeparator || structHash) is what "
                + "FulfillmentVault.hashFulfillmentReport returns under this domain. Each case carries "
                + TestVectorGenerator.THRESHOLD + " of the 5 signers' 65-byte r||s||v signatures (low s, v in {27,28}), "
                + "sorted ascending by signer. Every report integer is a decimal string; bytes32 values are 0x hex; "
                + "sourceChain = keccak256(CAIP-2 id) (see sourceChains); evidence = a Bitcoin txid in internal byte "
                + "order or keccak256 of a Filecoin message CID's bytes. The signers' private keys are "
                + "keccak256(\"hashmix-test-signer-<i>\"), i = 1..5: PUBLIC TEST-ONLY KEYS, never use them on a real network.");
        TestVectorGenerator.committeeHeader(root, DOMAIN, FulfillmentReport.TYPE_STRING, FulfillmentReport.TYPE_HASH);
        ArrayNode chains = root.putArray("sourceChains");
        sourceChain(chains, "BITCOIN_MAINNET", SourceChain.BITCOIN_MAINNET_CAIP2, SourceChain.BITCOIN_MAINNET);
        sourceChain(chains, "BITCOIN_REGTEST", SourceChain.BITCOIN_REGTEST_CAIP2, SourceChain.BITCOIN_REGTEST);
        sourceChain(chains, "FILECOIN_MAINNET", SourceChain.FILECOIN_MAINNET_CAIP2, SourceChain.FILECOIN_MAINNET);
        sourceChain(chains, "FILECOIN_CALIBRATION", SourceChain.FILECOIN_CALIBRATION_CAIP2, SourceChain.FILECOIN_CALIBRATION);
        ArrayNode cases = root.putArray("cases");
        for (Case c : cases()) {
            TestVectorGenerator.addBundleCase(cases, c.name(), "report", ReportJson.reportToNode(c.report()), c.bundle());
        }
        root.set("signers", TestKeys.signersNode());
        return JsonFields.write(root) + "\n";
    }

    private static void sourceChain(ArrayNode chains, String name, String caip2, Bytes32 id) {
        ObjectNode n = chains.addObject();
        n.put("name", name);
        n.put("caip2", caip2);
        n.put("id", id.toHex());
    }
}
