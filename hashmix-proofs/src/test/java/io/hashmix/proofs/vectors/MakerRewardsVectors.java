package io.hashmix.proofs.vectors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.incentives.MakerAllocation;
import io.hashmix.proofs.incentives.MakerFill;
import io.hashmix.proofs.incentives.MakerReward;
import io.hashmix.proofs.incentives.MakerRewardsAllocator;
import io.hashmix.proofs.incentives.MakerRewardsTree;
import io.hashmix.proofs.incentives.MakerRoot;
import io.hashmix.proofs.incentives.MakerRootBundle;

/**
 * The maker rewards vectors ({@value #FILE}), shared with {@code contracts/test/MakerRewardsVectors.t.sol}: reward
 * trees (one to five leaves, a zero and a maximal cumulative amount, two periods computed by
 * {@link MakerRewardsAllocator} from fixed fills) with every leaf's hash and proof, and committee-signed
 * {@link MakerRoot}s, each signed by {@value TestVectorGenerator#THRESHOLD} of the five {@link TestKeys} attestors.
 */
public final class MakerRewardsVectors {

    /** File name under {@code test-vectors/}. */
    public static final String FILE = "maker-rewards.json";
    /** The vectors' MakerRewards address (a fixed Hardhat deployment address). */
    public static final EvmAddress MAKER_REWARDS = EvmAddress.of("0x0165878a594ca255338adfa4d48449f69242eb8f");
    /** The vectors' domain. */
    public static final Eip712Domain DOMAIN = Eip712Domain.hashMix(Fixtures.CHAIN_ID, MAKER_REWARDS);
    /** One HMX (18 decimals). */
    public static final BigInteger HMX = BigInteger.TEN.pow(18);
    /** A token the allocation vectors give no price. */
    public static final EvmAddress UNPRICED_TOKEN = EvmAddress.of("0x5FC8d32690cc91D4c39d9d3abcBD16989F875707");

    /**
     * One tree vector.
     *
     * @param name the case name
     * @param tree the tree
     */
    public record TreeCase(String name, MakerRewardsTree tree) {
    }

    /**
     * One root vector.
     *
     * @param name the case name
     * @param root the root
     * @param signers the signing key indexes
     */
    public record RootCase(String name, MakerRoot root, int... signers) {
        /** The root signed in {@link #DOMAIN}, sorted by signer. */
        public MakerRootBundle bundle() {
            return MakerRootBundle.builder(DOMAIN, root).signWith(TestVectorGenerator.keys(signers)).build();
        }
    }

    private MakerRewardsVectors() {
    }

    /** Maker i: the last 20 bytes of {@code keccak256("hashmix-test-maker-<i>")}. */
    public static EvmAddress maker(int i) {
        return EvmAddress.of("0x" + Bytes32.keccak(("hashmix-test-maker-" + i).getBytes(StandardCharsets.US_ASCII))
                .toHex().substring(26));
    }

    private static EvmAddress taker(int i) {
        return EvmAddress.of("0x" + Bytes32.keccak(("hashmix-test-taker-" + i).getBytes(StandardCharsets.US_ASCII))
                .toHex().substring(26));
    }

    private static BigInteger big(String s) {
        return new BigInteger(s);
    }

    private static MakerRewardsTree tree(Object... makerAndAmount) {
        List<MakerReward> rewards = new ArrayList<>();
        for (int i = 0; i < makerAndAmount.length; i += 2) {
            rewards.add(new MakerReward((EvmAddress) makerAndAmount[i], (BigInteger) makerAndAmount[i + 1]));
        }
        return MakerRewardsTree.of(rewards);
    }

    /**
     * The period prices of the allocation vectors, per base unit in an 18-decimal USD numeraire: the native coin at
     * $3,000, USDC (6 decimals) at $1, WBTC (8 decimals) at $100,000.
     */
    public static Map<EvmAddress, BigInteger> prices() {
        return Map.of(EvmAddress.ZERO, BigInteger.valueOf(3_000), MarketVectors.USDC, BigInteger.TEN.pow(12),
                MarketVectors.WBTC, BigInteger.TEN.pow(15));
    }

    /** The first period's fills (blocks 1 .. 200): four that count, one of each skipped kind. */
    public static List<MakerFill> period1Fills() {
        return List.of(
                new MakerFill(maker(1), taker(1), MarketVectors.USDC, big("10000000000"), big("25000000"), 120),
                new MakerFill(maker(2), taker(2), EvmAddress.ZERO, big("2000000000000000000"), big("5000000000000000"), 131),
                new MakerFill(maker(1), taker(3), MarketVectors.WBTC, big("100000000"), big("250000"), 150),
                new MakerFill(maker(3), maker(3), MarketVectors.USDC, big("50000000000"), big("125000000"), 151),
                new MakerFill(maker(4), taker(1), MarketVectors.USDC, big("7000000"), BigInteger.ZERO, 160),
                new MakerFill(maker(5), taker(2), UNPRICED_TOKEN, big("1000000"), big("2500"), 170),
                new MakerFill(maker(3), taker(4), MarketVectors.USDC, big("333000000"), BigInteger.ONE, 199));
    }

    /** The second period's fills (blocks 201 .. 300): maker 1 does not fill, maker 4 fills for the first time. */
    public static List<MakerFill> period2Fills() {
        return List.of(
                new MakerFill(maker(2), taker(1), MarketVectors.USDC, big("40000000000"), big("100000000"), 210),
                new MakerFill(maker(4), taker(3), EvmAddress.ZERO, big("10000000000000000000"), big("25000000000000000"), 250),
                new MakerFill(maker(2), maker(2), EvmAddress.ZERO, big("1000000000000000000"), big("2500000000000000"), 251));
    }

    /** Period 1: 1,000 HMX and 7 base units available (the 7 and the rounding stay unallocated). */
    public static MakerAllocation period1() {
        return MakerRewardsAllocator.allocate(Map.of(), HMX.multiply(BigInteger.valueOf(1_000)).add(BigInteger.valueOf(7)),
                period1Fills(), prices());
    }

    /** Period 2: period 1's cumulative rewards, plus what period 1 left and 500 HMX. */
    public static MakerAllocation period2() {
        MakerAllocation p1 = period1();
        return MakerRewardsAllocator.allocate(p1.cumulative(), p1.unallocated().add(HMX.multiply(BigInteger.valueOf(500))),
                period2Fills(), prices());
    }

    /** The tree cases. */
    public static List<TreeCase> trees() {
        BigInteger two255 = BigInteger.ONE.shiftLeft(255);
        return List.of(
                new TreeCase("single-leaf", tree(maker(1), HMX)),
                new TreeCase("two-leaves", tree(maker(1), HMX.multiply(BigInteger.valueOf(1_000)),
                        maker(2), HMX.multiply(BigInteger.valueOf(2_500)).add(BigInteger.ONE))),
                new TreeCase("five-leaves", tree(maker(1), big("1"), maker(2), big("22"), maker(3), big("333000000000000000000"),
                        maker(4), big("4444"), maker(5), big("55555555555555555555555"))),
                new TreeCase("zero-cumulative", tree(maker(1), BigInteger.ZERO, maker(2), HMX.multiply(BigInteger.valueOf(5)),
                        maker(3), BigInteger.ONE)),
                new TreeCase("max-cumulative", tree(LendingVectors.MAX_ADDRESS, AbiWords.UINT256_MAX, EvmAddress.ZERO, BigInteger.ZERO)),
                new TreeCase("large-cumulative", tree(maker(1), two255, maker(2), two255.shiftRight(1), maker(3), big("12345"),
                        maker(4), BigInteger.ONE)),
                new TreeCase("allocation-period-1", period1().tree()),
                new TreeCase("allocation-period-2", period2().tree()));
    }

    /** The root cases: the two allocation periods' roots, and every field at its maximum. */
    public static List<RootCase> roots() {
        return List.of(
                new RootCase("allocation-period-1", MakerRoot.of(1, 200, period1().tree(), BigInteger.ONE,
                        Fixtures.JAN_2026, 1), 1, 2, 3),
                new RootCase("allocation-period-2", MakerRoot.of(2, 300, period2().tree(), BigInteger.TWO,
                        Fixtures.JAN_2026, 1), 2, 4, 5),
                new RootCase("max-values", new MakerRoot(-1L, -1L, Bytes32.fromHex("0x" + "ff".repeat(32)),
                        AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L, -1L), 1, 3, 5));
    }

    /** A root's fields as the file writes them: every integer a decimal string, the root 0x hex. */
    public static ObjectNode rootToNode(MakerRoot r) {
        String[][] fields = {{"period", Long.toUnsignedString(r.period())}, {"toBlock", Long.toUnsignedString(r.toBlock())},
            {"root", r.root().toHex()}, {"total", r.total().toString()}, {"nonce", r.nonce().toString()},
            {"deadline", Long.toUnsignedString(r.deadline())}, {"committeeEpoch", Long.toUnsignedString(r.committeeEpoch())}};
        ObjectNode n = JsonFields.newObject();
        for (String[] f : fields) {
            n.put(f[0], f[1]);
        }
        return n;
    }

    private static int keyIndexOf(EvmAddress signer) {
        for (int i = 1; i <= TestKeys.COUNT; i++) {
            if (TestKeys.address(i).equals(signer)) {
                return i;
            }
        }
        throw new IllegalStateException(signer + " is not a test key");
    }

    /** The vector file's text. */
    public static String generate() {
        ObjectNode root = JsonFields.newObject();
        root.put("description", "HashMix maker rewards vectors, generated by the Java SDK (hashmix-proofs "
                + "MakerRewardsVectors; MakerRewardsVectorsTest fails if this file drifts); read by "
                + "contracts/test/MakerRewardsVectors.t.sol. Trees are OpenZeppelin standard trees: leaf = "
                + "keccak256(bytes.concat(keccak256(abi.encode(address maker, uint256 cumulative)))) (MakerRewards.leaf), "
                + "inner node = keccak256 of the sorted pair, leaves sorted by hash; proof is for MerkleProof.verify(proof, "
                + "root, leaf); total is the sum of the cumulative amounts. The allocation-* trees are what "
                + "MakerRewardsAllocator (rule v" + MakerRewardsAllocator.RULE_VERSION + ") gives for the fixed fills of "
                + "MakerRewardsVectors, period 2 carrying period 1. structHash = keccak256(abi.encode(typeHash, period, "
                + "toBlock, root, total, nonce, deadline, committeeEpoch)); digest = keccak256(0x1901 || domainSeparator || "
                + "structHash) is what MakerRewards.hashMakerRoot returns under this domain. Each root carries "
                + TestVectorGenerator.THRESHOLD + " of the 5 signers' 65-byte r||s||v signatures (low s, v in {27,28}, "
                + "RFC 6979 nonces), sorted ascending by signer. Every integer is a decimal string; bytes are 0x hex. "
                + "Private keys are keccak256(\"hashmix-test-signer-<i>\"): PUBLIC TEST-ONLY KEYS, never use them on a "
                + "real network.");
        // the committee files' header, less what this schema keeps elsewhere (the type under "makerRoot") or not at all
        TestVectorGenerator.committeeHeader(root, DOMAIN, MakerRoot.TYPE_STRING, MakerRoot.TYPE_HASH);
        root.remove(List.of("typeString", "typeHash", "threshold"));
        ObjectNode type = root.putObject("makerRoot");
        type.put("typeString", MakerRoot.TYPE_STRING);
        type.put("typeHash", MakerRoot.TYPE_HASH.toHex());
        ArrayNode trees = root.putArray("trees");
        for (TreeCase c : trees()) {
            ObjectNode t = trees.addObject();
            t.put("name", c.name());
            t.put("root", c.tree().root().toHex());
            t.put("total", c.tree().total().toString());
            ArrayNode leaves = t.putArray("leaves");
            for (MakerReward r : c.tree().rewards()) {
                ObjectNode l = leaves.addObject();
                l.put("maker", r.maker().toChecksumHex());
                l.put("cumulative", r.cumulative().toString());
                l.put("leaf", r.leafHash().toHex());
                ArrayNode proof = l.putArray("proof");
                c.tree().proof(r.maker()).forEach(p -> proof.add(p.toHex()));
            }
        }
        ArrayNode roots = root.putArray("roots");
        for (RootCase c : roots()) {
            MakerRootBundle bundle = c.bundle();
            ObjectNode n = roots.addObject();
            n.put("name", c.name());
            n.set("root", rootToNode(c.root()));
            n.put("structHash", c.root().structHash().toHex());
            n.put("digest", bundle.digest().toHex());
            ArrayNode sigs = n.putArray("signatures");
            for (AttestorSignature s : bundle.signatures()) {
                ObjectNode sn = sigs.addObject();
                sn.set("signer", TestKeys.signerNode(keyIndexOf(s.signer())));
                sn.put("signature", s.signatureHex());
            }
        }
        return JsonFields.write(root) + "\n";
    }
}
