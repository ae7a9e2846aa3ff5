package io.hashmix.proofs.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TestVectors;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.MakerRewardsVectors;
import io.hashmix.proofs.vectors.TestKeys;
import io.hashmix.proofs.vectors.Web3jTypedData;

/**
 * The maker rewards vectors (read by {@code contracts/test/MakerRewardsVectors.t.sol} too) hold up independently:
 * every leaf recomputes with web3j's ABI encoder, every proof leads from its leaf to its tree's root, the totals add
 * up, web3j's generic EIP-712 encoder gives every root's digest, and every signature set passes the 3-of-5 verifier.
 * {@code TestVectorsTest} fails if the file differs from what {@link MakerRewardsVectors} generates (regenerate with
 * {@code -Dhashmix.vectors.regenerate=true}).
 */
class MakerRewardsVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void treesProveEveryLeafIndependently() throws IOException {
        JsonNode root = read();
        Set<String> names = new java.util.HashSet<>();
        boolean sawZero = false;
        boolean sawMax = false;
        for (JsonNode t : root.get("trees")) {
            String name = t.get("name").asText();
            names.add(name);
            Bytes32 treeRoot = Bytes32.fromHex(t.get("root").asText());
            BigInteger sum = BigInteger.ZERO;
            List<MakerReward> rewards = new ArrayList<>();
            for (JsonNode l : t.get("leaves")) {
                EvmAddress maker = EvmAddress.of(l.get("maker").asText());
                BigInteger cumulative = new BigInteger(l.get("cumulative").asText());
                sawZero |= cumulative.signum() == 0;
                sawMax |= cumulative.equals(AbiWords.UINT256_MAX);
                sum = sum.add(cumulative);
                rewards.add(new MakerReward(maker, cumulative));
                // the leaf, from web3j's ABI encoder rather than ours
                byte[] encoded = HEX.parseHex(org.web3j.abi.TypeEncoder.encode(new org.web3j.abi.datatypes.Address(maker.hex()))
                        + org.web3j.abi.TypeEncoder.encode(new org.web3j.abi.datatypes.generated.Uint256(cumulative)));
                Bytes32 leaf = Bytes32.keccak(Bytes32.keccak(encoded).value());
                assertEquals(leaf.toHex(), l.get("leaf").asText(), name);
                List<Bytes32> proof = new ArrayList<>();
                l.get("proof").forEach(p -> proof.add(Bytes32.fromHex(p.asText())));
                assertEquals(treeRoot, ReferenceMerkle.processProof(leaf, proof), name + ": the proof leads to the root");
                assertTrue(MakerRewardsTree.verify(treeRoot, maker, cumulative, proof), name);
                if (cumulative.signum() > 0) {
                    assertFalse(MakerRewardsTree.verify(treeRoot, maker, cumulative.subtract(BigInteger.ONE), proof), name);
                }
            }
            assertEquals(sum.toString(), t.get("total").asText(), name + ": total is the sum");
            assertTrue(sum.compareTo(AbiWords.UINT256_MAX) <= 0, name);
            assertEquals(treeRoot, MakerRewardsTree.of(rewards).root(), name);
        }
        assertTrue(sawZero && sawMax, "a zero and a maximal cumulative amount");
        assertTrue(names.containsAll(Set.of("single-leaf", "two-leaves", "five-leaves")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("allocation-")), names.toString());
    }

    @Test
    void rootsHashAndVerifyIndependently() throws Exception {
        JsonNode root = read();
        Eip712Domain domain = AttestationJson.domainFromNode(root.get("domain"), "$.domain");
        assertEquals(MakerRewardsVectors.DOMAIN, domain);
        assertEquals(domain.separator().toHex(), root.get("domainSeparator").asText());
        assertEquals(MakerRoot.TYPE_STRING, root.get("makerRoot").get("typeString").asText());
        assertEquals(Bytes32.keccakUtf8(root.get("makerRoot").get("typeString").asText()).toHex(),
                root.get("makerRoot").get("typeHash").asText());
        Set<Bytes32> treeRoots = new java.util.HashSet<>();
        root.get("trees").forEach(t -> treeRoots.add(Bytes32.fromHex(t.get("root").asText())));
        int fromTrees = 0;
        boolean sawMax = false;
        for (JsonNode c : root.get("roots")) {
            String name = c.get("name").asText();
            JsonNode n = c.get("root");
            MakerRoot r = new MakerRoot(Long.parseUnsignedLong(n.get("period").asText()),
                    Long.parseUnsignedLong(n.get("toBlock").asText()), Bytes32.fromHex(n.get("root").asText()),
                    new BigInteger(n.get("total").asText()), new BigInteger(n.get("nonce").asText()),
                    Long.parseUnsignedLong(n.get("deadline").asText()), Long.parseUnsignedLong(n.get("committeeEpoch").asText()));
            fromTrees += treeRoots.contains(r.root()) ? 1 : 0;
            sawMax |= r.period() == -1L && r.total().equals(AbiWords.UINT256_MAX);
            assertEquals(r.structHash().toHex(), c.get("structHash").asText(), name);
            assertEquals(c.get("digest").asText(), r.digest(domain).toHex(), name);
            assertEquals(c.get("digest").asText(), Web3jTypedData.digest(domain, MakerRoot.TYPE_STRING, (ObjectNode) n).toHex(),
                    name + ": web3j's independent EIP-712 encoder must agree");
            List<AttestorSignature> sigs = new ArrayList<>();
            List<EvmAddress> members = new ArrayList<>();
            for (JsonNode s : c.get("signatures")) {
                EvmAddress signer = EvmAddress.of(s.get("signer").get("address").asText());
                ECKeyPair key = ECKeyPair.create(HEX.parseHex(s.get("signer").get("privateKey").asText().substring(2)));
                assertEquals(signer, AttestationSigner.addressOf(key), name + ": private key must match its address");
                byte[] signature = HEX.parseHex(s.get("signature").asText().substring(2));
                assertEquals(signer, BundleVerifier.recoverSigner(r.digest(domain), signature), name);
                sigs.add(new AttestorSignature(signer, signature));
            }
            for (int i = 1; i <= TestKeys.COUNT; i++) {
                members.add(TestKeys.address(i));
            }
            BundleVerifier verifier = new BundleVerifier(domain, io.hashmix.proofs.attestation.Committee.of(r.committeeEpoch(), members),
                    3, Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC));
            assertEquals(3, verifier.verify(new MakerRootBundle(domain, r, sigs)).signers().size(), name + ": sorted, 3 of 5");
        }
        assertTrue(fromTrees >= 1, "a root of one of the trees");
        assertTrue(sawMax, "a root with the maximum values");
    }

    @Test
    void allocationTreesAreTheAllocatorsOutput() {
        MakerAllocation p1 = MakerRewardsVectors.period1();
        MakerAllocation p2 = MakerRewardsVectors.period2();
        assertEquals(List.of(SkippedFill.SELF_FILL, SkippedFill.NO_FEE, SkippedFill.UNPRICED_CURRENCY),
                p1.skipped().stream().map(SkippedFill::reason).toList());
        assertTrue(p1.unallocated().signum() > 0, "period 1 leaves dust");
        assertTrue(p2.cumulative().containsKey(MakerRewardsVectors.maker(1)), "maker 1 carried into period 2");
        assertFalse(p2.periodShares().containsKey(MakerRewardsVectors.maker(1)));
        assertEquals(p1.cumulative().get(MakerRewardsVectors.maker(1)), p2.cumulative().get(MakerRewardsVectors.maker(1)));
        assertTrue(p2.total().compareTo(p1.total()) > 0, "totals grow");
    }

    private static JsonNode read() throws IOException {
        return JsonFields.parse(Files.readString(TestVectors.dir().resolve(MakerRewardsVectors.FILE)));
    }
}
