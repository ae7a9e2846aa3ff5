package io.hashmix.proofs.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TestVectors;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.spv.PayoutCommitment;
import io.hashmix.proofs.spv.PayoutCommitmentBundle;
import io.hashmix.proofs.spv.PayoutCommitmentJson;

/**
 * {@code test-vectors/payout-commitment.json} equals what {@link PayoutCommitmentVectors} produces (checklist item 6:
 * Java signs, Solidity verifies the same bytes), web3j's independent EIP-712 encoder gives the same digests (its
 * {@code bytes[]} encoding included), and every bundle verifies 3-of-5 offline.
 */
class PayoutCommitmentVectorsTest {

    @Test
    void item6_committedVectorsEqualGeneratedOnes() throws IOException {
        String generated = PayoutCommitmentVectors.generate();
        assertEquals(generated, PayoutCommitmentVectors.generate(), "generation must be deterministic");
        Path file = TestVectors.dir().resolve(PayoutCommitmentVectors.FILE);
        if (Boolean.getBoolean("hashmix.vectors.regenerate")) {
            Files.writeString(file, generated);
        }
        assertTrue(Files.exists(file), file + " is missing; run with -Dhashmix.vectors.regenerate=true");
        assertEquals(generated, Files.readString(file).replace("\r\n", "\n"),
                file + " differs from the generator; run with -Dhashmix.vectors.regenerate=true and commit");
    }

    @Test
    void item6_vectorsHashAndVerifyIndependently() throws Exception {
        JsonNode root = JsonFields.parse(Files.readString(TestVectors.dir().resolve(PayoutCommitmentVectors.FILE)));
        assertEquals(PayoutCommitment.TYPE_STRING, root.get("typeString").asText());
        assertEquals(PayoutCommitment.TYPE_HASH.toHex(), root.get("typeHash").asText());
        Eip712Domain domain = AttestationJson.domainFromNode(root.get("domain"), "$.domain");
        assertEquals(PayoutCommitmentVectors.DOMAIN, domain);
        List<EvmAddress> members = new ArrayList<>();
        root.get("signers").forEach(s -> members.add(EvmAddress.of(s.get("address").asText())));
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            PayoutCommitment commitment = PayoutCommitmentJson.commitmentFromNode(c.get("commitment"), "$.commitment");
            assertEquals(commitment.structHash().toHex(), c.get("structHash").asText(), name);
            assertEquals(c.get("digest").asText(), web3jDigest(domain, (ObjectNode) c.get("commitment")).toHex(),
                    name + ": web3j's independent EIP-712 encoder must agree");
            PayoutCommitmentBundle bundle = new PayoutCommitmentBundle(domain, commitment,
                    AttestationJson.signaturesFromNode(c, "signatures", "$"));
            BundleVerifier.Verified v = new BundleVerifier(domain, Committee.of(commitment.committeeEpoch(), members),
                    TestVectorGenerator.THRESHOLD, Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC))
                    .verify(bundle);
            assertEquals(c.get("digest").asText(), v.digest().toHex(), name);
            n++;
        }
        assertEquals(PayoutCommitmentVectors.cases().size(), n);
    }

    /** eth_signTypedData_v4 JSON of a commitment, hashed by web3j. */
    private static Bytes32 web3jDigest(Eip712Domain domain, ObjectNode message) throws Exception {
        ObjectNode root = JsonFields.newObject();
        ObjectNode types = root.putObject("types");
        ArrayNode d = types.putArray("EIP712Domain");
        member(d, "name", "string");
        member(d, "version", "string");
        member(d, "chainId", "uint256");
        member(d, "verifyingContract", "address");
        ArrayNode p = types.putArray("PayoutCommitment");
        member(p, "productId", "uint256");
        member(p, "payoutScripts", "bytes[]");
        member(p, "spvRequired", "bool");
        member(p, "version", "uint64");
        member(p, "nonce", "uint256");
        member(p, "deadline", "uint64");
        member(p, "committeeEpoch", "uint64");
        root.put("primaryType", "PayoutCommitment");
        ObjectNode dom = root.putObject("domain");
        dom.put("name", domain.name());
        dom.put("version", domain.version());
        dom.put("chainId", domain.chainId());
        dom.put("verifyingContract", domain.verifyingContract().hex().toLowerCase(java.util.Locale.ROOT));
        root.set("message", message.deepCopy());
        return new Bytes32(new StructuredDataEncoder(JsonFields.write(root)).hashStructuredData());
    }

    private static void member(ArrayNode list, String name, String type) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("type", type);
    }
}
